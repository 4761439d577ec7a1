package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.fazhi.annualreport.filing.FilingRecord;
import cn.fazhi.annualreport.filing.FilingRecords;
import cn.fazhi.annualreport.filing.FilingRequestException;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
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

/**
 * Issue 5, sections 4 and 6: a filing record per addressee with its receipt (回执) — recorded with the filing or later
 * (补录回执) — or an exemption with its reason; the case finishes only when every addressee has one; a filing package
 * (cover letter and report) per addressee; one stored archive per finished case. Driven through the application's
 * and the engine's REST APIs by the people of 巴彦县公安局, a department (three recipients and the copy).
 */
@AnnualReportTest
class FilingAndArchiveTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() { };
    private static final String ENTITY = "bayan-gaj";
    private static final String NUMBER = "巴公呈〔2026〕3号";
    private static final String PARTY_COMMITTEE = "中共巴彦县委";
    private static final String GOVERNMENT = "巴彦县人民政府";
    private static final String CITY_BUREAU = "哈尔滨市公安局";
    private static final String COPY_TO = "中共巴彦县委全面依法治县委员会办公室";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @Autowired
    FilingRecords filingRecords;

    TestCases cases;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 20, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    // --- the archive ---------------------------------------------------------------------------------------------

    @Test
    void aFullCaseProducesAnArchiveThatContainsEveryListedPart() throws Exception {
        // Given 巴彦县公安局's case run to issuance by its people through REST, filed with two recipients and the copy
        // against receipts, the city bureau exempted (it confirmed it needs no copy), published and archived
        String pid = issuedCase();
        fileAll(pid, Map.of(PARTY_COMMITTEE, TestCases.filing("XW-2026-015"), GOVERNMENT, TestCases.filing("ZF-2026-102"),
                CITY_BUREAU, TestCases.filingExempt(TestCases.EXEMPTION_REASON)));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_COPY), strings(TestCases.filing("YFZX-2026-9"))));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_SECRECY_REVIEW), strings(TestCases.secrecy())));
        cases.executeDueJobs(); // publish on the public column and check its URL
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_ARCHIVE), strings(TestCases.archive())));
        cases.executeDueJobs();

        // When the entity's head downloads the case's archive
        ResponseEntity<byte[]> download = download("bayan_gaj_head", "/api/reports/" + ENTITY + "/2025/archive");

        // Then it is a zip named for the report, with its SHA-256 as ETag, holding the manifest and every part
        assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(download.getHeaders().getContentType()).hasToString("application/zip");
        assertThat(download.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .startsWith("attachment; filename=\"bayan-gaj-2025-archive.zip\"; filename*=UTF-8''");
        byte[] zip = download.getBody();
        assertThat(download.getHeaders().getETag()).isEqualTo("\"" + sha256(zip) + "\"");
        Map<String, byte[]> files = unzip(zip);
        Map<String, Object> finalVersion = lastVersion("bayan_gaj_head");
        String reportEntry = "01-正式报告-" + finalVersion.get("fileName");
        assertThat(files.keySet()).containsExactly("00-归档说明.txt", reportEntry, "02-审核与审议记录.md",
                "03-文号与签发.txt", "04-报送记录与回执.csv", "05-公开记录.txt", "06-案件历史.csv", "09-保密审查记录.txt",
                "10-公开文本.txt", "11-报送函-" + PARTY_COMMITTEE + ".docx", "11-报送函-" + GOVERNMENT + ".docx",
                "11-报送函-" + CITY_BUREAU + ".docx", "11-抄送函-" + COPY_TO + ".docx");
        // And the secrecy review's record with what it released, and the text that was published
        assertThat(text(files.get("09-保密审查记录.txt"))).contains("审查结论：不涉密，全文公开", "审查人：吴军", "10-公开文本.txt");
        assertThat(text(files.get("10-公开文本.txt"))).contains("一是执法队伍建设还需加强");
        // And the cover letters as each addressee received them
        assertThat(docxText(files.get("11-抄送函-" + COPY_TO + ".docx"))).contains("随函抄送", NUMBER);

        // And the final report is the stored version, byte for byte
        assertThat(sha256(files.get(reportEntry))).isEqualTo(finalVersion.get("sha256"));
        // And the manifest and the issuance name the document number, the manifest every file's SHA-256
        assertThat(text(files.get("00-归档说明.txt"))).contains(NUMBER, "档号：WS2026-Y-012", "bayan-gaj:2025",
                sha256(files.get("06-案件历史.csv")));
        assertThat(text(files.get("03-文号与签发.txt"))).contains("文号：" + NUMBER, "签发人：陈国栋", "印发日期：2026-02-25");
        // And the review records hold the reviewer's comment and the leadership meeting with its session
        // with names, and where each version is kept
        assertThat(text(files.get("02-审核与审议记录.md"))).contains("审核报告稿（姜局长（bayan_gaj_head）", "同意提请审议",
                "部门领导班子会议审议（陶科员（bayan_gaj_staff）", "会议届次 第17届48次", "审议方式：部门领导班子会议",
                "- 提交：陶科员（bayan_gaj_staff）", "下载地址 /api/reports/bayan-gaj/2025/documents/1/content");
        // And every addressee's receipt or exemption is in the receipts file, one line each
        List<CSVRecord> receipts = csv(files.get("04-报送记录与回执.csv"));
        assertThat(receipts).extracting(r -> r.get("接收单位"))
                .containsExactlyInAnyOrder(PARTY_COMMITTEE, GOVERNMENT, CITY_BUREAU, COPY_TO);
        assertThat(receipts).filteredOn(r -> r.get("接收单位").equals(PARTY_COMMITTEE)).singleElement()
                .satisfies(r -> {
                    assertThat(r.get("回执编号或签收人")).isEqualTo("XW-2026-015");
                    assertThat(r.get("回执日期")).isEqualTo("2026-02-27");
                    assertThat(r.get("报送渠道")).isEqualTo("电子公文交换系统");
                    assertThat(r.get("登记人")).isEqualTo("陶科员（bayan_gaj_staff）");
                });
        assertThat(receipts).filteredOn(r -> r.get("接收单位").equals(CITY_BUREAU)).singleElement()
                .satisfies(r -> {
                    assertThat(r.get("结果")).startsWith("免于报送");
                    assertThat(r.get("免报理由")).isEqualTo(TestCases.EXEMPTION_REASON);
                });
        assertThat(receipts).filteredOn(r -> r.get("接收单位").equals(COPY_TO)).singleElement()
                .satisfies(r -> assertThat(r.get("类别")).isEqualTo("抄送"));
        // And the publication's URL and time
        assertThat(text(files.get("05-公开记录.txt")))
                .contains("/public/reports/" + ENTITY + "/2025", "公开时间：2026-",
                        "记录来源：发布步骤核验网页后登记的公开网址和公开时间")
                // And no code words in what a person reads
                .doesNotContain("publicationUrl", "publishedAt", "publication 表");
        assertThat(text(files.get("02-审核与审议记录.md"))).doesNotContain("report_document_version");
        // And the history has each main step with its times, and who completed the tasks
        List<CSVRecord> history = csv(files.get("06-案件历史.csv"));
        assertThat(history).filteredOn(r -> r.get("记录类型").equals("环节")).extracting(r -> r.get("环节ID"))
                .contains(TASK_DRAFT, TASK_INTERNAL_REVIEW, TASK_LEADERSHIP_MEETING, TASK_SIGN_AND_ISSUE, TASK_FILE,
                        TASK_COPY, SERVICE_CHECK_RECEIPTS, TASK_SECRECY_REVIEW, SERVICE_PUBLISH_REPORT, TASK_ARCHIVE);
        assertThat(history).filteredOn(r -> r.get("环节ID").equals(TASK_SIGN_AND_ISSUE) && r.get("记录类型").equals("环节"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("环节名称")).isEqualTo("签发并制发（编文号）");
                    assertThat(r.get("开始时间")).isEqualTo("2026-02-20 10:00:00");
                    assertThat(r.get("状态或内容")).isEqualTo("已完成");
                });
        assertThat(history).filteredOn(r -> r.get("记录类型").equals("操作") && r.get("类型或操作").equals("完成"))
                .extracting(r -> r.get("环节ID") + " " + r.get("人员"))
                .contains(TASK_DRAFT + " 陶科员（bayan_gaj_staff）", TASK_INTERNAL_REVIEW + " 姜局长（bayan_gaj_head）",
                        TASK_ARCHIVE + " 陶科员（bayan_gaj_staff）");

        // And the case shows its archive; every later download is the same file, also after the engine's history of
        // the case's variables has been cleaned up
        Map<String, Object> view = rest.exchange("/api/reports/" + ENTITY + "/2025", HttpMethod.GET,
                new HttpEntity<>(auth("bayan_gaj_head")), JSON).getBody();
        assertThat(view.get("state")).isEqualTo("COMPLETED");
        assertThat(((Map<?, ?>) view.get("archive")).get("sha256")).isEqualTo(sha256(zip));
        String href = (String) ((Map<?, ?>) view.get("archive")).get("href");
        assertThat(href).isEqualTo("/api/reports/" + ENTITY + "/2025/archive");
        engine.getHistoryService().deleteHistoricVariableInstancesByProcessInstanceId(pid);
        assertThat(download("bayan_gaj_staff", href).getBody()).isEqualTo(zip);

        // And a user of another entity learns nothing of it
        assertThat(download("xinhua_owner", "/api/reports/" + ENTITY + "/2025/archive").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theArchiveOfARunningCaseIsAConflictAndAnotherEntitySeesNeither() {
        // Given 巴彦县公安局's case, issued and waiting for its filings
        String pid = issuedCase();
        String packageUrl = "/api/reports/" + ENTITY + "/2025/filing-package?recipient=" + PARTY_COMMITTEE;

        // When its people, another entity's owner, another department's staff and an anonymous caller ask for the
        // archive and a filing package
        ResponseEntity<Map<String, Object>> running = rest.exchange("/api/reports/" + ENTITY + "/2025/archive",
                HttpMethod.GET, new HttpEntity<>(auth("bayan_gaj_head")), JSON);
        ResponseEntity<byte[]> own = download("bayan_gaj_staff", packageUrl);

        // Then the archive is refused as a conflict, in both languages, while the case runs; the package is there
        assertThat(running.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(running.getBody().get("messageZh").toString()).contains("尚未办结");
        assertThat(running.getBody().get("messageEn").toString()).contains("not finished");
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
        // And nobody outside the case learns whether it, its package or its archive exist
        for (String outsider : List.of("xinhua_owner", "bayan_sfj_staff", "xinhua_office")) {
            assertThat(download(outsider, packageUrl).getStatusCode()).as(outsider).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(download(outsider, "/api/reports/" + ENTITY + "/2025/archive").getStatusCode()).as(outsider)
                    .isEqualTo(HttpStatus.NOT_FOUND);
        }
        assertThat(rest.getForEntity(packageUrl, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(pid).isNotNull();
    }

    // --- receipts: the case does not finish without one per addressee -------------------------------------------

    @Test
    void aCaseWithAReceiptOutstandingWaitsForItAndARefusedReceiptChangesNothing() {
        // Given an issued case filed with two recipients against receipts, with the Party committee by courier whose
        // receipt has not come back, the copy received, and the report published
        String pid = issuedCase();
        fileAll(pid, Map.of(PARTY_COMMITTEE, TestCases.filingAwaitingReceipt(), GOVERNMENT, TestCases.filing("ZF-1"),
                CITY_BUREAU, TestCases.filing("SGA-1")));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_COPY), strings(TestCases.filing("YFZX-1"))));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_SECRECY_REVIEW), strings(TestCases.secrecy())));
        cases.executeDueJobs(); // publish on the public column and check its URL

        // Then the case does not reach the archive: it waits for the Party committee's receipt in 补录回执
        assertThat(tasks(pid, TASK_ARCHIVE)).isEmpty();
        Task late = single(pid, TASK_RECORD_RECEIPT);
        assertThat(late.getName()).isEqualTo("补录回执：" + PARTY_COMMITTEE);
        assertThat(engine.getTaskService().getVariableLocal(late.getId(), "filingSummary").toString())
                .contains("2026-02-26", "机要交换", "回执待返回");
        assertThat(filingRecords.find(pid, PARTY_COMMITTEE).orElseThrow().outcome()).isEqualTo("AWAITING_RECEIPT");

        // When the clerk submits it empty, still waiting, with a reason too short to be one, or a receipt dated
        // before the filing
        List<Map<String, Object>> refused = List.of(Map.of("receiptNote", "催办中"),
                Map.of("filingOutcome", "AWAITING_RECEIPT"),
                TestCases.exemption("不需要"),
                Map.of("filingOutcome", "RECEIPTED", "receiptNumber", "XW-9", "receiptDate", "2026-02-20"));
        for (Map<String, Object> values : refused) {
            ResponseEntity<Map<String, Object>> answer = complete("bayan_gaj_staff", late.getId(), strings(values));

            // Then each is a 400 in both languages, the task stays open and the record unchanged
            assertThat(answer.getStatusCode()).as(values.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody().get("messageZh").toString()).as(values.toString()).isNotBlank();
            assertThat(answer.getBody().get("messageEn").toString()).as(values.toString()).isNotBlank();
            if (values.containsKey("receiptDate")) {
                // compared with the date the filing was recorded with
                assertThat(answer.getBody().get("messageZh").toString()).contains("早于报送日期2026-02-26");
            }
        }
        // (a Java caller gets the same refusal, as the engine wraps a listener's exception)
        assertThatThrownBy(() -> engine.getTaskService().complete(late.getId(), TestCases.exemption("太短")))
                .hasRootCauseInstanceOf(FilingRequestException.class).hasMessageContaining("exemptionReason");
        assertThat(engine.getTaskService().createTaskQuery().taskId(late.getId()).count()).isEqualTo(1);
        FilingRecord unchanged = filingRecords.find(pid, PARTY_COMMITTEE).orElseThrow();
        assertThat(unchanged.outcome()).isEqualTo("AWAITING_RECEIPT");
        assertThat(unchanged.exemptionReason()).isNull();
        assertThat(engine.getRuntimeService().getVariable(pid, "exemptionReason")).isNull();

        // When the receipt comes back and is recorded
        assertNoContent(complete("bayan_gaj_staff", late.getId(), strings(TestCases.receipt("XW-2026-021"))));

        // Then the filing keeps its date and channel and gains the receipt, and the case goes on to the archive and ends
        FilingRecord receipted = filingRecords.find(pid, PARTY_COMMITTEE).orElseThrow();
        assertThat(receipted.outcome()).isEqualTo("RECEIPTED");
        assertThat(receipted.receiptNumber()).isEqualTo("XW-2026-021");
        assertThat(receipted.filedOn()).hasToString("2026-02-26");
        assertThat(receipted.channel()).isEqualTo("CONFIDENTIAL_COURIER");
        assertThat(receipted.receiptRecordedBy()).isEqualTo("bayan_gaj_staff");
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_ARCHIVE), strings(TestCases.archive())));
        cases.executeDueJobs();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pid)
                .singleResult().getEndActivityId()).isEqualTo(END_ARCHIVED);
    }

    @Test
    void anOutstandingReceiptCanBeExemptedWithAReasonAndTheCaseFinishes() {
        // Given an issued case whose copy to the supervising office and one recipient await their receipts
        String pid = issuedCase();
        fileAll(pid, Map.of(PARTY_COMMITTEE, TestCases.filing("XW-1"), GOVERNMENT, TestCases.filingAwaitingReceipt(),
                CITY_BUREAU, TestCases.filing("SGA-1")));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_COPY), strings(TestCases.filingAwaitingReceipt())));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_SECRECY_REVIEW), strings(TestCases.secrecy())));
        cases.executeDueJobs(); // publish on the public column and check its URL
        assertThat(tasks(pid, TASK_RECORD_RECEIPT)).extracting(Task::getName)
                .containsExactlyInAnyOrder("补录回执：" + GOVERNMENT, "补录回执：" + COPY_TO);

        // When one receipt comes back, and the supervising office confirms it needs none
        for (Task t : tasks(pid, TASK_RECORD_RECEIPT)) {
            Map<String, Object> values = t.getName().endsWith(COPY_TO)
                    ? TestCases.exemption(TestCases.EXEMPTION_REASON) : TestCases.receipt("ZF-2026-7");
            assertNoContent(complete("bayan_gaj_staff", t.getId(), strings(values)));
        }

        // Then every addressee is settled and, once archived, the case ends with its archive
        assertThat(filingRecords.forCase(pid)).hasSize(4).allSatisfy(r -> assertThat(r.settled()).isTrue());
        assertThat(filingRecords.find(pid, COPY_TO).orElseThrow().exemptionReason()).isEqualTo(TestCases.EXEMPTION_REASON);
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_ARCHIVE), strings(TestCases.archive())));
        cases.executeDueJobs();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pid).count()).isZero();
        assertThat(download("bayan_gaj_head", "/api/reports/" + ENTITY + "/2025/archive").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aFilingSubmissionMissingWhatItsOutcomeNeedsIsRefusedBeforeTheEngine() {
        // Given an issued case
        String pid = issuedCase();
        String filing = tasks(pid, TASK_FILE).get(0).getId();

        // When the clerk says "receipt recorded" without its date, or "exempted" without a reason
        ResponseEntity<Map<String, Object>> noDate = complete("bayan_gaj_staff", filing, strings(Map.of(
                "filingOutcome", "RECEIPTED", "filedOn", "2026-02-26", "filingChannel", "ELECTRONIC",
                "receiptNumber", "R-1")));
        ResponseEntity<Map<String, Object>> noReason = complete("bayan_gaj_staff", filing,
                strings(Map.of("filingOutcome", "EXEMPT")));

        // Then both are 400s naming the missing field, and nothing is recorded
        assertThat(noDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noDate.getBody().get("message").toString()).contains("回执日期", "receiptDate");
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody().get("message").toString()).contains("免报理由", "exemptionReason");
        assertThat(filingRecords.forCase(pid)).isEmpty();
        assertThat(engine.getTaskService().createTaskQuery().taskId(filing).count()).isEqualTo(1);
    }

    // --- the filing package ---------------------------------------------------------------------------------------

    @Test
    void eachAddresseeHasAFilingPackageWithItsCoverLetterAndTheReport() throws Exception {
        // Given a case before issuance: no package yet
        String pid = startedCase();
        assertNoContent(submitDraft(pid));
        ResponseEntity<Map<String, Object>> early = rest.exchange("/api/reports/" + ENTITY + "/2025/filing-package?recipient="
                + PARTY_COMMITTEE, HttpMethod.GET, new HttpEntity<>(auth("bayan_gaj_staff")), JSON);
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(early.getBody().get("message").toString()).contains("尚未签发", "not been issued");
        reviewAndIssue(pid);
        byte[] report = download("bayan_gaj_staff", "/api/reports/" + ENTITY + "/2025/documents/1/content").getBody();

        // When the office downloads the package of each addressee, through the link its filing task's form shows
        for (Task t : tasks(pid, TASK_FILE)) {
            String recipient = t.getName().substring("报送年度报告：".length());
            String link = (String) engine.getTaskService().getVariableLocal(t.getId(), "filingPackageLink");
            ResponseEntity<byte[]> response = download("bayan_gaj_staff", URI.create(rest.getRootUri() + link));

            // Then it is a zip with the cover letter to that addressee, naming the report and its 文号, and the report
            assertThat(response.getStatusCode()).as(recipient).isEqualTo(HttpStatus.OK);
            assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                    .matches("attachment; filename=\"bayan-gaj-2025-filing-package-[123]\\.zip\"; filename\\*=UTF-8''.+");
            Map<String, byte[]> files = unzip(response.getBody());
            String letterName = "01-报送函-" + recipient + ".docx";
            assertThat(files.keySet()).containsExactly(letterName,
                    "02-巴彦县公安局2025年度法治政府建设情况报告（" + NUMBER + "）.txt");
            String letter = docxText(files.get(letterName));
            assertThat(letter).contains(recipient + "：", NUMBER, "巴彦县公安局", "2025年度法治政府建设情况报告",
                    "随函报送", "2026年2月25日");
            assertThat(files.get("02-巴彦县公安局2025年度法治政府建设情况报告（" + NUMBER + "）.txt")).isEqualTo(report);
        }

        // And the supervising office gets a copy letter (抄送函); an addressee the case does not have, nothing
        ResponseEntity<byte[]> copy = download("bayan_gaj_staff", "/api/reports/" + ENTITY
                + "/2025/filing-package?recipient=" + COPY_TO);
        assertThat(copy.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .contains("bayan-gaj-2025-filing-package-4.zip");
        assertThat(docxText(unzip(copy.getBody()).get("01-抄送函-" + COPY_TO + ".docx"))).contains("随函抄送", COPY_TO);
        assertThat(download("bayan_gaj_staff", "/api/reports/" + ENTITY + "/2025/filing-package?recipient=中共中央")
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** The case started by the entity's head over the API. */
    private String startedCase() {
        ResponseEntity<Map<String, Object>> started = rest.exchange("/api/reports", HttpMethod.POST,
                new HttpEntity<>(Map.of("entity", ENTITY, "year", 2025), auth("bayan_gaj_head")), JSON);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) started.getBody().get("processInstanceId");
    }

    /** Drafted, reviewed, passed by the leadership meeting and issued as 巴公呈〔2026〕3号, each by its role over REST. */
    private String issuedCase() {
        String pid = startedCase();
        assertNoContent(submitDraft(pid));
        reviewAndIssue(pid);
        return pid;
    }

    private void reviewAndIssue(String pid) {
        assertNoContent(complete("bayan_gaj_head", task(pid, TASK_INTERNAL_REVIEW),
                strings(TestCases.internalReview("APPROVE"))));
        // the meeting of 2026-02-20 is recorded that day; issued 2026-02-25
        TestCases.setClock(LocalDateTime.of(2026, 2, 20, 10, 0));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_LEADERSHIP_MEETING),
                strings(TestCases.meeting("APPROVE"))));
        TestCases.setClock(LocalDateTime.of(2026, 2, 25, 10, 0));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_SIGN_AND_ISSUE), strings(TestCases.issue(NUMBER))));
    }

    private ResponseEntity<Map<String, Object>> submitDraft(String pid) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("draftReport", Map.of("type", "File",
                "value", Base64.getEncoder().encodeToString(TestCases.DRAFT_TEXT.getBytes(StandardCharsets.UTF_8)),
                "valueInfo", Map.of("filename", "巴彦县公安局年度报告.txt", "mimetype", "text/plain")));
        draft.put("solicitOpinions", Map.of("value", false, "type", "Boolean"));
        return complete("bayan_gaj_staff", task(pid, TASK_DRAFT), draft);
    }

    /** Completes each filing task with the values for its recipient (the task is named after it). */
    private void fileAll(String pid, Map<String, Map<String, Object>> byRecipient) {
        // filed 2026-02-26, receipts back 2026-02-27 and 2026-03-02, archived 2026-03-05: recorded on that day
        TestCases.setClock(LocalDateTime.of(2026, 3, 5, 10, 0));
        for (Task t : tasks(pid, TASK_FILE)) {
            String recipient = t.getName().substring("报送年度报告：".length());
            assertNoContent(complete("bayan_gaj_staff", t.getId(), strings(byRecipient.get(recipient))));
        }
    }

    private Map<String, Object> lastVersion(String user) {
        List<Map<String, Object>> all = rest.exchange("/api/reports/" + ENTITY + "/2025/documents", HttpMethod.GET,
                new HttpEntity<>(auth(user)), LIST).getBody();
        return all.get(all.size() - 1);
    }

    private String task(String pid, String key) {
        return single(pid, key).getId();
    }

    private Task single(String pid, String key) {
        List<Task> open = tasks(pid, key);
        assertThat(open).as(key).hasSize(1);
        return open.get(0);
    }

    private List<Task> tasks(String pid, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pid).taskDefinitionKey(key)
                .orderByTaskName().asc().list();
    }

    private ResponseEntity<Map<String, Object>> complete(String user, String taskId, Map<String, Object> variables) {
        return rest.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
                new HttpEntity<>(Map.of("variables", variables), auth(user)), JSON);
    }

    private static void assertNoContent(ResponseEntity<Map<String, Object>> response) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private ResponseEntity<byte[]> download(String user, String url) {
        return rest.exchange(url, HttpMethod.GET, new HttpEntity<>(auth(user)), byte[].class);
    }

    private ResponseEntity<byte[]> download(String user, URI url) {
        return rest.exchange(url, HttpMethod.GET, new HttpEntity<>(auth(user)), byte[].class);
    }

    private static HttpHeaders auth(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        return headers;
    }

    /** Form values in the engine's REST shape, typed as Tasklist sends them. */
    private static Map<String, Object> strings(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Map.of("value", v, "type",
                v instanceof Boolean ? "Boolean" : v instanceof Integer ? "Integer" : "String")));
        return out;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    /** A text file of the archive: UTF-8 with a byte-order mark (Excel, Notepad); the text after it. */
    private static String text(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static List<CSVRecord> csv(byte[] bytes) throws IOException {
        assertThat(new String(bytes, StandardCharsets.UTF_8)).as("UTF-8 with BOM").startsWith("\uFEFF");
        return CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text(bytes))).getRecords();
    }

    private static String docxText(byte[] docx) throws IOException {
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx));
             XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
            return extractor.getText();
        }
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
