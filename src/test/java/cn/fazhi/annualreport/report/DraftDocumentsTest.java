package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The draft as versioned documents: submitted in the draft task over the engine's REST API (as Tasklist does), checked
 * before the engine sees it, stored in the application's tables with the reviewers' comments, and downloaded through
 * GET /api/reports/{entity}/{year}/documents by those who may read the case.
 */
@AnnualReportTest
class DraftDocumentsTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;

    TestCases cases;
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        jdbc = new JdbcTemplate(dataSource);
        TestCases.setClock(LocalDateTime.of(2026, 1, 20, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachSubmittedDraftIsANewVersionWithAuthorSizeAndSha256() throws Exception {
        // Given a department report waiting for its draft, and the short report as .txt, .docx and PDF
        String pid = startDepartmentCase();
        byte[] txt = TestCases.DRAFT_TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] docx = docx(TestCases.DRAFT_TEXT);
        byte[] pdf = Files.readAllBytes(Path.of("src/test/resources/documents/short-report.pdf"));

        // When the drafter submits each in turn through REST, the reviewer returning the first two
        assertThat(submitDraft("bayan_gaj_staff", pid, "初稿.txt", txt, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        returnForRevision(pid);
        assertThat(submitDraft("bayan_gaj_staff", pid, "第二稿.docx", docx, null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        returnForRevision(pid);
        assertThat(submitDraft("bayan_gaj_staff", pid, "巴彦县公安局2025年度法治政府建设情况报告.pdf", pdf, null)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        // Then the case has versions 1, 2, 3, each with its name, type by content, size, SHA-256, author and check
        ResponseEntity<List<Map<String, Object>>> versions = rest.exchange(
                "/api/reports/bayan-gaj/2025/documents", HttpMethod.GET, new HttpEntity<>(auth("bayan_gaj_staff")), LIST);
        assertThat(versions.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(versions.getBody()).extracting(v -> v.get("version")).containsExactly(1, 2, 3);
        assertThat(versions.getBody()).extracting(v -> v.get("kind")).containsOnly("UPLOAD");
        assertThat(versions.getBody()).extracting(v -> v.get("mediaType")).containsExactly("text/plain;charset=UTF-8",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/pdf");
        assertThat(versions.getBody()).extracting(v -> ((Number) v.get("sizeBytes")).longValue())
                .containsExactly((long) txt.length, (long) docx.length, (long) pdf.length);
        assertThat(versions.getBody()).extracting(v -> v.get("sha256"))
                .containsExactly(sha256(txt), sha256(docx), sha256(pdf));
        assertThat(versions.getBody()).extracting(v -> v.get("createdBy")).containsOnly("bayan_gaj_staff");
        assertThat(versions.getBody()).extracting(v -> v.get("complete")).containsOnly(true);
        assertThat(versions.getBody().get(2)).containsEntry("fileName", "巴彦县公安局2025年度法治政府建设情况报告.pdf")
                .containsEntry("createdAt", "2026-01-20T10:00:00+08:00");

        // And the review task shows the latest version: its number, download link and completeness summary
        assertThat(engine.getRuntimeService().getVariable(pid, VAR_DRAFT_VERSION)).isEqualTo(3);
        assertThat(engine.getRuntimeService().getVariable(pid, VAR_DRAFT_REPORT_LINK))
                .isEqualTo("/api/reports/bayan-gaj/2025/documents/3/content");
        assertThat((String) engine.getRuntimeService().getVariable(pid, VAR_DRAFT_COMPLETENESS))
                .contains("必备的前四项齐全", "第3版", "已报告：2. 存在的不足和原因");
    }

    @Test
    void aDraftJustUnderTheLimitPassesThroughTheEngineRestApi() throws Exception {
        // Given a .docx of about 19.5 MB (the short report and a large picture: Word files with scans are that big),
        // whose base64 (26 million characters) is above Jackson's default limit of 20 million for a JSON string
        String pid = startDepartmentCase();
        byte[] picture = new byte[19 * 1024 * 1024 + 512 * 1024];
        new java.util.Random(7).nextBytes(picture);
        byte[] docx;
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : TestCases.DRAFT_TEXT.split("\n")) {
                document.createParagraph().createRun().setText(line);
            }
            document.addPictureData(picture, org.apache.poi.xwpf.usermodel.Document.PICTURE_TYPE_PNG);
            document.write(out);
            docx = out.toByteArray();
        }
        assertThat(docx.length).isBetween(19 * 1024 * 1024, 20 * 1024 * 1024);

        // When the drafter submits it through the engine's REST API
        ResponseEntity<Map<String, Object>> response = submitDraft("bayan_gaj_staff", pid, "报告.docx", docx, null);

        // Then it is stored whole
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(version("bayan_gaj_staff", 1)).containsEntry("sha256", sha256(docx))
                .containsEntry("sizeBytes", docx.length);
    }

    @Test
    void theDrafterDownloadsTheSameBytesAndAnotherEntitySeesNothing() throws Exception {
        // Given version 1 of 巴彦县公安局's draft, a .docx with a Chinese file name
        String pid = startDepartmentCase();
        byte[] docx = docx(TestCases.DRAFT_TEXT);
        submitDraft("bayan_gaj_staff", pid, "巴彦县公安局 年度报告（初稿）.docx", docx, null);

        // When the drafter, the entity's head and a user of another entity download it
        ResponseEntity<byte[]> drafter = download("bayan_gaj_staff", "/api/reports/bayan-gaj/2025/documents/1/content");
        ResponseEntity<byte[]> head = download("bayan_gaj_head", "/api/reports/bayan-gaj/2025/documents/1/content");
        ResponseEntity<byte[]> foreign = download("xinhua_drafter", "/api/reports/bayan-gaj/2025/documents/1/content");
        ResponseEntity<byte[]> foreignList = download("xinhua_owner", "/api/reports/bayan-gaj/2025/documents");
        ResponseEntity<byte[]> missing = download("bayan_gaj_staff", "/api/reports/bayan-gaj/2025/documents/2/content");

        // Then the drafter gets the very bytes, typed, as an attachment named in RFC 5987 form, never sniffed
        assertThat(drafter.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(drafter.getBody()).isEqualTo(docx);
        assertThat(sha256(drafter.getBody())).isEqualTo(sha256(docx));
        HttpHeaders headers = drafter.getHeaders();
        assertThat(headers.getContentType()).hasToString(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(headers.getFirst(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("attachment;"
                + " filename=\"bayan-gaj-2025-v1.docx\"; filename*=UTF-8''"
                + "%E5%B7%B4%E5%BD%A6%E5%8E%BF%E5%85%AC%E5%AE%89%E5%B1%80%20%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A"
                + "%EF%BC%88%E5%88%9D%E7%A8%BF%EF%BC%89.docx");
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getETag()).isEqualTo("\"" + sha256(docx) + "\"");
        assertThat(head.getStatusCode()).isEqualTo(HttpStatus.OK);
        // And another entity's users, and a version that does not exist, get 404
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(new String(foreign.getBody(), StandardCharsets.UTF_8)).doesNotContain("bayan_gaj_staff");
        assertThat(foreignList.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void anOversizedAnExecutableAndAnEmptyFileAreRefusedAndNothingIsStored() {
        // Given a draft task, a file of 20 MB + 1 byte, a Windows executable named report.docx, an empty file and a
        // PDF named .docx
        String pid = startDepartmentCase();
        String task = task(pid, TASK_DRAFT);
        byte[] oversized = new byte[20 * 1024 * 1024 + 1];
        java.util.Arrays.fill(oversized, (byte) 'a');
        byte[] executable = new byte[4096];
        executable[0] = 'M';
        executable[1] = 'Z';
        executable[0x3C] = (byte) 0x80;

        // When the drafter submits each
        ResponseEntity<Map<String, Object>> tooLarge = submitDraft("bayan_gaj_staff", pid, "report.txt", oversized, null);
        ResponseEntity<Map<String, Object>> exe = submitDraft("bayan_gaj_staff", pid, "report.docx", executable, null);
        ResponseEntity<Map<String, Object>> empty = submitDraft("bayan_gaj_staff", pid, "report.docx", new byte[0], null);
        ResponseEntity<Map<String, Object>> disguised = submitDraft("bayan_gaj_staff", pid, "report.docx",
                pdfBytes(), null);
        ResponseEntity<Map<String, Object>> nothing = complete("bayan_gaj_staff", task,
                Map.of("solicitOpinions", Map.of("value", false, "type", "Boolean")));

        // Then 413, 415, 400, 415 and 400 with bilingual messages; nothing is stored and the task stays open
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(tooLarge.getBody().get("message").toString()).contains("20 MB");
        assertThat(exe.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(exe.getBody().get("messageZh").toString()).contains("无法识别的文件类型", "report.docx");
        assertThat(exe.getBody().get("messageEn").toString()).contains("Unrecognised file type");
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(empty.getBody().get("messageZh").toString()).contains("为空");
        assertThat(disguised.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(disguised.getBody().get("messageZh").toString()).contains("内容与扩展名不符", "PDF");
        assertThat(nothing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nothing.getBody().get("messageZh").toString()).contains("请上传报告稿文件");
        assertThat(storedVersions()).isZero();
        assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).isEqualTo(1);
        assertThat(engine.getRuntimeService().getVariable(pid, VAR_DRAFT_VERSION)).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMissingStatutoryItemBlocksSubmissionUnlessTheDrafterJustifiesIt() {
        // Given a draft without the shortcomings (item 2)
        String pid = startDepartmentCase();
        String task = task(pid, TASK_DRAFT);
        byte[] incomplete = TestCases.DRAFT_TEXT.replace("二、存在的不足和原因\n一是执法队伍建设还需加强，原因是培训不足。\n", "")
                .getBytes(StandardCharsets.UTF_8);

        // When submitted without a justification
        ResponseEntity<Map<String, Object>> refused = submitDraft("bayan_gaj_staff", pid, "初稿.txt", incomplete, null);

        // Then it is refused naming the missing item in both languages, nothing stored, the task open
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("messageZh").toString()).contains("缺少法定内容", "第2项", "存在的不足和原因");
        assertThat(refused.getBody().get("messageEn").toString()).contains("item 2", "completenessJustification");
        assertThat((List<String>) refused.getBody().get("details")).singleElement().asString().contains("缺少第2项");
        assertThat(storedVersions()).isZero();
        assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).isEqualTo(1);

        // When submitted again with a justification
        ResponseEntity<Map<String, Object>> justified = submitDraft("bayan_gaj_staff", pid, "初稿.txt", incomplete,
                "不足部分另行专题报告县委");

        // Then it is accepted and stored as incomplete, with the justification, which the reviewer sees
        assertThat(justified.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Map<String, Object> v1 = version("bayan_gaj_staff", 1);
        assertThat(v1).containsEntry("complete", false).containsEntry("justification", "不足部分另行专题报告县委");
        List<Map<String, Object>> items = (List<Map<String, Object>>) v1.get("completeness");
        assertThat(items).extracting(i -> i.get("present")).containsExactly(true, false, true, true, false);
        assertThat((String) engine.getRuntimeService().getVariable(pid, VAR_DRAFT_COMPLETENESS))
                .contains("缺少第2项", "**缺少**：2. 存在的不足和原因", "**起草人对缺项的说明**：不足部分另行专题报告县委");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUncertainItemIsConfirmedNotJustifiedAndTheReviewerSeesItAsToConfirm() {
        // Given a draft whose only mention of item 3 has no principal leader as its subject
        String pid = startDepartmentCase();
        byte[] uncertain = TestCases.DRAFT_TEXT.replace("县政府党政主要负责人认真履行推进法治建设第一责任人职责。",
                "进一步压实第一责任人责任，全年开展督察4次。").getBytes(StandardCharsets.UTF_8);

        // When submitted without confirmation
        ResponseEntity<Map<String, Object>> refused = submitDraft("bayan_gaj_staff", pid, "初稿.txt", uncertain, null);

        // Then it is refused asking to confirm item 3 (not as a missing item), nothing stored
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("messageZh").toString()).contains("无法确定", "第3项", "确认")
                .doesNotContain("缺少法定内容");
        assertThat(storedVersions()).isZero();

        // When submitted again with the confirmation the form sends
        Map<String, Object> confirmed = new LinkedHashMap<>();
        confirmed.put("draftReport", Map.of("type", "File", "value", Base64.getEncoder().encodeToString(uncertain),
                "valueInfo", Map.of("filename", "初稿.txt", "mimeType", "text/plain")));
        confirmed.put("completenessConfirmed", Map.of("value", true, "type", "Boolean"));
        confirmed.put("solicitOpinions", Map.of("value", false, "type", "Boolean"));
        ResponseEntity<Map<String, Object>> accepted = complete("bayan_gaj_staff", task(pid, TASK_DRAFT), confirmed);

        // Then it is stored with item 3 UNCERTAIN, the confirmation never becomes a process variable, and the reviewer's
        // summary shows the item as to be confirmed, not as missing
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        List<Map<String, Object>> items = (List<Map<String, Object>>) version("bayan_gaj_staff", 1).get("completeness");
        assertThat(items.get(2)).containsEntry("state", "UNCERTAIN").containsEntry("present", false);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pid)
                .variableName("completenessConfirmed").count()).isZero();
        assertThat((String) engine.getRuntimeService().getVariable(pid, VAR_DRAFT_COMPLETENESS))
                .contains("第3项系统无法确定，起草人已核对确认", "**待确认**：3.").doesNotContain("**缺少**");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reviewCommentsAndTheMeetingsDecisionStayWithTheVersionTheyConcern() {
        // Given version 1 returned by the internal review, version 2 sent back by the leadership meeting,
        // version 3 approved
        String pid = startDepartmentCase();
        byte[] txt = TestCases.DRAFT_TEXT.getBytes(StandardCharsets.UTF_8);
        submitDraft("bayan_gaj_staff", pid, "v1.txt", txt, null);
        complete("bayan_gaj_head", task(pid, TASK_INTERNAL_REVIEW), strings(Map.of("internalReviewDecision", "RETURN",
                "internalReviewComment", "问题分析不够深入")));
        submitDraft("bayan_gaj_staff", pid, "v2.txt", (TestCases.DRAFT_TEXT + "补充。").getBytes(StandardCharsets.UTF_8), null);
        complete("bayan_gaj_head", task(pid, TASK_INTERNAL_REVIEW), strings(TestCases.internalReview("APPROVE")));
        complete("bayan_gaj_staff", task(pid, TASK_LEADERSHIP_MEETING), strings(Map.of("meetingDate", "2026-01-19",
                "meetingSession", "2026年第2次局党委会", "gateDecision", "REVISE", "gateComment", "补充执法数据")));

        // When the versions are read
        List<Map<String, Object>> versions = rest.exchange("/api/reports/bayan-gaj/2025/documents", HttpMethod.GET,
                new HttpEntity<>(auth("bayan_gaj_head")), LIST).getBody();

        // Then each comment is with the version it was given on, with author, decision and the meeting
        List<Map<String, Object>> onV1 = (List<Map<String, Object>>) versions.get(0).get("comments");
        List<Map<String, Object>> onV2 = (List<Map<String, Object>>) versions.get(1).get("comments");
        assertThat(onV1).singleElement().satisfies(c -> assertThat(c).containsEntry("taskKey", TASK_INTERNAL_REVIEW)
                .containsEntry("taskName", "审核报告稿").containsEntry("author", "bayan_gaj_head")
                .containsEntry("decision", "RETURN").containsEntry("text", "问题分析不够深入"));
        assertThat(onV2).extracting(c -> c.get("decision")).containsExactly("APPROVE", "REVISE");
        assertThat(onV2.get(1)).containsEntry("taskKey", TASK_LEADERSHIP_MEETING).containsEntry("author", "bayan_gaj_staff")
                .containsEntry("text", "补充执法数据")
                .containsEntry("details", "会议日期 2026-01-19；会议届次 2026年第2次局党委会");
        // And the drafter is back at the draft task with the meeting's request
        assertThat(task(pid, TASK_DRAFT)).isNotNull();
        assertThat(engine.getRuntimeService().getVariable(pid, "revisionRequest")).asString().contains("补充执法数据");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDraftWrittenInTheFiveSectionsIsStoredAsATextReportWithItsSections() {
        // Given the five sections of the form, the first longer than a text variable may be, item 5 left out
        String pid = startDepartmentCase();
        String measures = "全面推行行政执法公示制度。".repeat(700);
        Map<String, Object> variables = new LinkedHashMap<>();
        List<String> sections = List.of(measures, "执法人员培训不足。", "局长认真履行第一责任人职责。", "下一步继续深化改革。", "");
        for (int i = 0; i < sections.size(); i++) {
            variables.put("draftSection" + (i + 1), Map.of("value", sections.get(i), "type", "String"));
        }
        variables.put("solicitOpinions", Map.of("value", false, "type", "Boolean"));

        // When submitted through REST (the sections as plain Strings: the server makes them transient)
        ResponseEntity<Map<String, Object>> response = complete("bayan_gaj_staff", task(pid, TASK_DRAFT), variables);

        // Then it is version 1, STRUCTURED, a UTF-8 text report under the statutory headings, sections kept
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Map<String, Object> v1 = version("bayan_gaj_staff", 1);
        assertThat(v1).containsEntry("kind", "STRUCTURED").containsEntry("complete", true)
                .containsEntry("fileName", "巴彦县公安局2025年度法治政府建设情况报告.txt")
                .containsEntry("mediaType", "text/plain;charset=UTF-8");
        assertThat((List<String>) v1.get("sections")).containsExactlyElementsOf(sections);
        String text = new String(download("bayan_gaj_staff", "/api/reports/bayan-gaj/2025/documents/1/content").getBody(),
                StandardCharsets.UTF_8);
        assertThat(text).startsWith("巴彦县公安局2025年度法治政府建设情况报告\n\n一、上一年度推进法治政府建设的主要举措和成效\n")
                .contains("\n二、存在的不足和原因\n执法人员培训不足。\n")
                .contains("\n四、下一年度推进法治政府建设的主要安排\n").doesNotContain("其他需要报告的情况");
        // And the list of versions leaves the section texts out
        assertThat(rest.exchange("/api/reports/bayan-gaj/2025/documents", HttpMethod.GET,
                new HttpEntity<>(auth("bayan_gaj_staff")), LIST).getBody().get(0).get("sections")).isNull();
    }

    @Test
    void theDraftNeverReachesTheEngineTables() {
        // Given a draft with a marker that occurs nowhere else, submitted through REST as a plain (non-transient) File
        String pid = startDepartmentCase();
        String marker = "标记-" + java.util.UUID.randomUUID();
        // (the marker ends a sentence: a report whose last line stops mid-sentence asks the drafter to confirm it)
        byte[] txt = (TestCases.DRAFT_TEXT + marker + "。").getBytes(StandardCharsets.UTF_8);
        ResponseEntity<Map<String, Object>> response = submitDraft("bayan_gaj_staff", pid, "初稿.txt", txt, null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        // When the engine's byte arrays, variables and history are searched
        List<byte[]> byteArrays = jdbc.query("SELECT BYTES_ FROM ACT_GE_BYTEARRAY WHERE BYTES_ IS NOT NULL",
                (rs, i) -> rs.getBytes(1));
        long draftVariables = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(pid).variableNameIn("draftReport", "draftSection1", "completenessJustification")
                .count();
        List<String> updated = engine.getHistoryService().createHistoricDetailQuery().processInstanceId(pid)
                .variableUpdates().list().stream()
                .map(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName()).toList();

        // Then the bytes are only in the application's table, not in any engine byte array, variable or history row
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        assertThat(byteArrays).noneMatch(bytes -> contains(bytes, needle));
        assertThat(draftVariables).isZero();
        // (the history keeps each variable's last value, not a copy per update: FormHistoryPlugin)
        assertThat(updated).isEmpty();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pid)
                .variableNameIn("draftNote", "draftVersion").count()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report_document_version WHERE process_instance_id = ?",
                Integer.class, pid)).isEqualTo(1);
    }

    @Test
    void aJavaCallerPassingTheDraftAsAPersistentVariableIsRefused() {
        // Given the draft task of a case
        String pid = startDepartmentCase();
        String task = task(pid, TASK_DRAFT);

        // When completed through the Java API with the draft as an ordinary (persistent) File variable
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> engine.getTaskService().complete(task,
                Map.of("draftReport", org.camunda.bpm.engine.variable.Variables.fileValue("初稿.txt")
                        .file(TestCases.DRAFT_TEXT.getBytes(StandardCharsets.UTF_8)).create())));

        // Then it is refused, nothing stored, the task still open
        assertThat(refused).isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
                .hasMessageContaining("must be transient");
        assertThat(storedVersions()).isZero();
        assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).isEqualTo(1);
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** 巴彦县公安局's 2025 report (no departments to wait for): its draft task is open at once. */
    private String startDepartmentCase() {
        ResponseEntity<Map<String, Object>> started = rest.exchange("/api/reports", HttpMethod.POST,
                new HttpEntity<>(Map.of("entity", "bayan-gaj", "year", 2025), auth("bayan_gaj_head")), JSON);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) started.getBody().get("processInstanceId");
    }

    /** Completes the draft task as Tasklist's form does: the file as a File variable (base64), optional justification. */
    private ResponseEntity<Map<String, Object>> submitDraft(String user, String pid, String fileName, byte[] content,
                                                            String justification) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("draftReport", Map.of("type", "File", "value", Base64.getEncoder().encodeToString(content),
                "valueInfo", Map.of("filename", fileName, "mimeType", "application/octet-stream")));
        if (justification != null) {
            variables.put("completenessJustification", Map.of("value", justification, "type", "String"));
        }
        variables.put("draftNote", Map.of("value", "初稿", "type", "String"));
        variables.put("solicitOpinions", Map.of("value", false, "type", "Boolean"));
        return complete(user, task(pid, TASK_DRAFT), variables);
    }

    private void returnForRevision(String pid) {
        assertThat(complete("bayan_gaj_head", task(pid, TASK_INTERNAL_REVIEW),
                strings(Map.of("internalReviewDecision", "RETURN", "internalReviewComment", "请修改"))).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    private Map<String, Object> version(String user, int version) {
        ResponseEntity<Map<String, Object>> response = rest.exchange("/api/reports/bayan-gaj/2025/documents/" + version,
                HttpMethod.GET, new HttpEntity<>(auth(user)), JSON);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private int storedVersions() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM report_document_version", Integer.class);
    }

    private ResponseEntity<byte[]> download(String user, String url) {
        return rest.exchange(url, HttpMethod.GET, new HttpEntity<>(auth(user)), byte[].class);
    }

    private String task(String pid, String key) {
        List<Task> open = engine.getTaskService().createTaskQuery().processInstanceId(pid).taskDefinitionKey(key).list();
        assertThat(open).as(key).hasSize(1);
        return open.get(0).getId();
    }

    private ResponseEntity<Map<String, Object>> complete(String user, String taskId, Map<String, Object> variables) {
        return rest.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
                new HttpEntity<>(Map.of("variables", variables), auth(user)), JSON);
    }

    private static HttpHeaders auth(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        return headers;
    }

    private static Map<String, Object> strings(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Map.of("value", v, "type", v instanceof Boolean ? "Boolean" : "String")));
        return out;
    }

    private static byte[] docx(String text) throws IOException {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : text.split("\n")) {
                document.createParagraph().createRun().setText(line);
            }
            document.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] pdfBytes() {
        try {
            return Files.readAllBytes(Path.of("src/test/resources/documents/short-report.pdf"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
