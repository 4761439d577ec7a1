package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The departments' material as each person meets it: four departments of 巴彦县 hand in their material through the
 * engine's REST API as Tasklist does (one the whole text of a real report, one with an attachment); the drafter, the
 * reviewer and the case view see every department's own text, each department only its own; a department that missed
 * the deadline shows as such and may still hand in, late, while the report is drafted.
 */
@AnnualReportTest
class DepartmentMaterialTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final Map<String, String> STAFF = Map.of("bayan-sfj", "bayan_sfj_staff",
            "bayan-gaj", "bayan_gaj_staff", "bayan-jyj", "bayan_jyj_staff", "bayan-yshj", "bayan_yshj_staff");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;

    TestCases cases;
    String pid;

    @BeforeEach
    void startTheCountysCase() {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        ResponseEntity<Map<String, Object>> started = exchange("bayan_owner", HttpMethod.POST, "/api/reports",
                Map.of("entity", "bayan", "year", 2025), JSON);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        pid = (String) started.getBody().get("processInstanceId");
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void fourDepartmentsKeepTheirOwnMaterialAndSeeOnlyTheirOwn() throws Exception {
        // Given the four departments' texts: the justice bureau sends the whole of 巴彦县's real report, the police its
        // text with 新华区's report attached
        String realReport = Files.readString(Path.of("../shared/reports/bayan-county-2021.txt"));
        byte[] attachment = Files.readAllBytes(Path.of("../shared/reports/xinhua-district-2020.txt"));
        Map<String, String> texts = Map.of("bayan-sfj", realReport,
                "bayan-gaj", "公安局：全年办理行政案件依法规范，执法全过程记录全覆盖。",
                "bayan-jyj", "教育局：推进依法治校，完成校园安全专项执法检查。",
                "bayan-yshj", "营商环境建设监督局：清理涉企规范性文件12件。");

        // When each department's clerk submits its task's form as Tasklist does
        for (String department : STAFF.keySet()) {
            Map<String, Object> variables = material(texts.get(department), "联系人 " + department);
            if (department.equals("bayan-gaj")) {
                variables.put("materialAttachment", Map.of("type", "File",
                        "value", Base64.getEncoder().encodeToString(attachment),
                        "valueInfo", Map.of("filename", "公安局-附件.txt", "mimetype", "text/plain")));
            }
            ResponseEntity<String> submitted = exchange(STAFF.get(department), HttpMethod.POST,
                    "/engine-rest/task/" + materialTask(department) + "/submit-form", Map.of("variables", variables),
                    String.class);
            assertThat(submitted.getStatusCode()).as(department + " " + submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        }

        // Then the case holds none of it as a variable, in its runtime or its history
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pid)
                .variableNameLike("material%").count()).isZero();
        // and the drafter sees the four departments' own texts, who sent them and when
        List<Map<String, Object>> forDrafter = exchange("bayan_drafter", HttpMethod.GET,
                "/api/reports/bayan/2025/materials", null, LIST).getBody();
        assertThat(forDrafter).extracting(m -> m.get("department"))
                .containsExactlyInAnyOrder("bayan-sfj", "bayan-gaj", "bayan-jyj", "bayan-yshj");
        for (Map<String, Object> m : forDrafter) {
            Map<?, ?> latest = (Map<?, ?>) m.get("latest");
            assertThat(m.get("statusZh")).isEqualTo("已报送");
            assertThat(latest.get("summary")).isEqualTo(texts.get((String) m.get("department")).strip());
            assertThat((String) latest.get("contact")).endsWith((String) m.get("department"));
        }
        assertThat(forDrafter).filteredOn(m -> m.get("department").equals("bayan-gaj")).singleElement()
                .satisfies(m -> {
                    assertThat(m.get("departmentName")).isEqualTo("巴彦县公安局");
                    assertThat(((Map<?, ?>) m.get("latest")).get("submittedByName")).isEqualTo("陶科员");
                });
        ResponseEntity<String> text = exchange("bayan_drafter", HttpMethod.GET,
                "/api/reports/bayan/2025/materials/bayan-sfj/1/text", null, String.class);
        assertThat(text.getBody()).startsWith("巴彦县司法局 部门材料 第1版").contains("报送人：金科员")
                .contains(realReport.strip());
        ResponseEntity<byte[]> file = exchange("bayan_drafter", HttpMethod.GET,
                "/api/reports/bayan/2025/materials/bayan-gaj/1/attachment", null, byte[].class);
        assertThat(file.getBody()).isEqualTo(attachment);
        assertThat(file.getHeaders().getContentDisposition().getFilename()).isEqualTo("公安局-附件.txt");
        // and the case view lists them for the owner
        Map<String, Object> view = exchange("bayan_owner", HttpMethod.GET, "/api/reports/bayan/2025", null, JSON)
                .getBody();
        assertThat((List<?>) view.get("materials")).hasSize(4);

        // And the police clerk sees the police's material only: the justice bureau's is not there for them
        List<Map<String, Object>> forPolice = exchange("bayan_gaj_staff", HttpMethod.GET,
                "/api/reports/bayan/2025/materials", null, LIST).getBody();
        assertThat(forPolice).extracting(m -> m.get("department")).containsExactly("bayan-gaj");
        assertThat(exchange("bayan_gaj_staff", HttpMethod.GET, "/api/reports/bayan/2025/materials/bayan-sfj", null,
                String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange("bayan_gaj_staff", HttpMethod.GET,
                "/api/reports/bayan/2025/materials/bayan-sfj/1/text", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange("xinhua_owner", HttpMethod.GET, "/api/reports/bayan/2025/materials", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // When the drafter hands in the draft
        engine.getTaskService().complete(task(TASK_DRAFT), TestCases.draft(false));

        // Then the reviewer's form shows the table of the four departments' material with links to their texts
        String review = task(TASK_INTERNAL_REVIEW);
        Map<String, Object> form = exchange("bayan_owner", HttpMethod.GET,
                "/engine-rest/task/" + review + "/form-variables", null, JSON).getBody();
        String overview = (String) ((Map<?, ?>) form.get(VAR_MATERIALS_OVERVIEW)).get("value");
        assertThat(overview).contains("4个部门应报送材料，4个已报送", "巴彦县公安局", "陶科员",
                "/api/reports/bayan/2025/materials/bayan-sfj/1/text", "[附件](/api/reports/bayan/2025/materials/bayan-gaj/1/attachment)");
    }

    @Test
    void aDepartmentThatMissesTheDeadlineShowsAsMissingAndMayHandInLateWhileTheReportIsDrafted() {
        // Given three departments hand in on time and the education bureau does not
        for (String department : List.of("bayan-sfj", "bayan-gaj", "bayan-yshj")) {
            assertThat(exchange(STAFF.get(department), HttpMethod.POST, "/engine-rest/task/" + materialTask(department)
                            + "/submit-form", Map.of("variables", material("按时报送的材料", "联系人")), String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        }
        // When the materials deadline (2026-02-13) has passed
        TestCases.setClock(LocalDateTime.of(2026, 2, 16, 9, 30));
        cases.executeDueJobs();

        // Then the case view shows the education bureau as missing its material, the drafting has begun
        assertThat(materials("bayan_owner")).filteredOn(m -> m.get("department").equals("bayan-jyj"))
                .singleElement().satisfies(m -> {
                    assertThat(m.get("status")).isEqualTo("MISSING");
                    assertThat(m.get("statusZh")).isEqualTo("未报送");
                    assertThat(m.get("latest")).isNull();
                });
        String drafting = task(TASK_DRAFT);

        // When the education bureau hands its material in now, and the police a correction
        ResponseEntity<Map<String, Object>> late = submit("bayan_jyj_staff", "bayan-jyj", "教育局补报的材料", "戚科员 123",
                null);
        ResponseEntity<Map<String, Object>> correction = submit("bayan_gaj_staff", "bayan-gaj", "公安局更正后的材料",
                "陶科员 456", named("更正说明.txt", "更正说明"));

        // Then both are kept as new versions: the late one marked late, the police's first version still there
        assertThat(late.getStatusCode()).as(String.valueOf(late.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(late.getBody()).containsEntry("version", 1).containsEntry("late", true);
        assertThat(correction.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(correction.getBody()).containsEntry("version", 2).containsEntry("late", true);
        assertThat(materials("bayan_drafter")).filteredOn(m -> m.get("department").equals("bayan-jyj"))
                .singleElement().satisfies(m -> assertThat(m.get("statusZh")).isEqualTo("逾期报送"));
        List<Map<String, Object>> policeVersions = exchange("bayan_drafter", HttpMethod.GET,
                "/api/reports/bayan/2025/materials/bayan-gaj", null, LIST).getBody();
        assertThat(policeVersions).extracting(v -> v.get("summary")).containsExactly("公安局更正后的材料", "按时报送的材料");

        // And nobody hands in for another department, the drafter not for a department, and nothing is half-kept
        assertThat(submit("bayan_sfj_staff", "bayan-gaj", "冒名材料", "某", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map<String, Object>> byDrafter = submit("bayan_drafter", "bayan-gaj", "代报材料", "王", null);
        assertThat(byDrafter.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) byDrafter.getBody().get("messageZh")).contains("材料报送人员");
        ResponseEntity<Map<String, Object>> empty = submit("bayan_gaj_staff", "bayan-gaj", " ", "陶科员", null);
        ResponseEntity<Map<String, Object>> tooLong = submit("bayan_gaj_staff", "bayan-gaj", "长".repeat(50_001),
                "陶科员", null);
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) empty.getBody().get("messageZh")).contains("请填写");
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) tooLong.getBody().get("messageZh")).contains("50000");
        assertThat((String) tooLong.getBody().get("messageEn")).contains("50000");
        ResponseEntity<Map<String, Object>> invisible = submit("bayan_gaj_staff", "bayan-gaj", "\u200b\u200b\u3000", "陶科员",
                null);
        ResponseEntity<Map<String, Object>> control = submit("bayan_gaj_staff", "bayan-gaj", "ab\u0001c", "陶科员", null);
        MultiValueMap<String, Object> twoFiles = new LinkedMultiValueMap<>();
        twoFiles.add("summary", "两个附件");
        twoFiles.add("contact", "陶科员");
        twoFiles.add("file", named("a.txt", "甲"));
        twoFiles.add("file", named("b.txt", "乙"));
        ResponseEntity<Map<String, Object>> twoAttachments = multipart("bayan_gaj_staff", "bayan-gaj", twoFiles);
        assertThat(invisible.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) invisible.getBody().get("messageZh")).contains("请填写");
        assertThat(control.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) control.getBody().get("messageZh")).contains("控制字符");
        assertThat(twoAttachments.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) twoAttachments.getBody().get("messageZh")).contains("一个附件");
        assertThat(exchange("bayan_drafter", HttpMethod.GET, "/api/reports/bayan/2025/materials/bayan-gaj", null, LIST)
                .getBody()).hasSize(2);

        // And the text may come as a file part, as curl -F summary=@材料.txt sends it
        MultiValueMap<String, Object> fromFile = new LinkedMultiValueMap<>();
        fromFile.add("summary", named("材料.txt", "公安局从文件报送的材料"));
        fromFile.add("contact", "陶科员");
        ResponseEntity<Map<String, Object>> asFile = multipart("bayan_gaj_staff", "bayan-gaj", fromFile);
        assertThat(asFile.getStatusCode()).as(String.valueOf(asFile.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(asFile.getBody()).containsEntry("summary", "公安局从文件报送的材料").containsEntry("version", 3);

        // When the draft has gone to review
        engine.getTaskService().complete(drafting, TestCases.draft(false));

        // Then material is no longer taken, with the reason
        ResponseEntity<Map<String, Object>> tooLate = submit("bayan_gaj_staff", "bayan-gaj", "再次更正", "陶科员", null);
        assertThat(tooLate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) tooLate.getBody().get("messageZh")).contains("报告稿已提交审核");
    }

    @Test
    void materialOverItsLimitIsRefusedInChineseBeforeTheEngineSeesItAndTheTaskStaysOpen() {
        // Given the police's material task
        String task = materialTask("bayan-gaj");

        // When its clerk submits 50,001 characters, or no contact, through Tasklist's submit-form
        ResponseEntity<Map<String, Object>> tooLong = exchange("bayan_gaj_staff", HttpMethod.POST,
                "/engine-rest/task/" + task + "/submit-form",
                Map.of("variables", material("长".repeat(50_001), "陶科员")), JSON);
        ResponseEntity<Map<String, Object>> noContact = exchange("bayan_gaj_staff", HttpMethod.POST,
                "/engine-rest/task/" + task + "/submit-form", Map.of("variables", material("材料", "")), JSON);

        Map<String, Object> list = material("材料", "陶科员");
        list.put("materialSummary", Map.of("value", List.of("a", "b"), "type", "String"));
        ResponseEntity<Map<String, Object>> asList = exchange("bayan_gaj_staff", HttpMethod.POST,
                "/engine-rest/task/" + task + "/complete", Map.of("variables", list), JSON);

        // Then each is a 400 that says what is wrong, and the task is still open with nothing stored
        assertThat(asList.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(asList.getBody().get("message").toString()).contains("materialSummary", "不能是列表");
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody().get("message").toString()).contains("50000");
        assertThat(noContact.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noContact.getBody().get("message").toString()).contains("联系人");
        assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).isEqualTo(1);
        assertThat(materials("bayan_drafter")).allSatisfy(m -> assertThat(m.get("latest")).isNull());
    }

    @Test
    void theArchiveKeepsEveryDepartmentsMaterialWithNamesAndAttachments() throws Exception {
        // Given the police hand in twice (a correction after the deadline, with an attachment), the others once, and
        // the education bureau never
        for (String department : List.of("bayan-sfj", "bayan-gaj", "bayan-yshj")) {
            exchange(STAFF.get(department), HttpMethod.POST, "/engine-rest/task/" + materialTask(department)
                    + "/submit-form", Map.of("variables", material(department + "的材料", "联系人")), String.class);
        }
        TestCases.setClock(LocalDateTime.of(2026, 2, 16, 9, 30));
        cases.executeDueJobs();
        submit("bayan_gaj_staff", "bayan-gaj", "公安局更正后的材料", "陶科员", named("更正说明.txt", "更正说明"));

        // When the case runs to its end
        runToTheEnd();

        // Then its archive holds the material of each department, every version, with names, and the attachment
        ResponseEntity<byte[]> archive = exchange("bayan_owner", HttpMethod.GET, "/api/reports/bayan/2025/archive",
                null, byte[].class);
        assertThat(archive.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, byte[]> files = unzip(archive.getBody());
        String materials = new String(files.get("07-部门材料.md"), StandardCharsets.UTF_8);
        assertThat(materials).contains("## 巴彦县公安局（bayan-gaj）", "### 第1版", "bayan-gaj的材料",
                "### 第2版（逾期报送）", "公安局更正后的材料", "报送人：陶科员", "附件：更正说明.txt",
                "## 巴彦县教育局（bayan-jyj）\r\n\r\n未报送材料。", "报送人：金科员");
        assertThat(new String(files.get("08-部门材料附件-bayan-gaj-v2-更正说明.txt"), StandardCharsets.UTF_8))
                .isEqualTo("更正说明");
        assertThat(new String(files.get("00-归档说明.txt"), StandardCharsets.UTF_8)).contains("07-部门材料.md");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** The rest of the county's cycle, as its people complete it: draft, review, meeting, issue, filing, publication. */
    private void runToTheEnd() {
        var tasks = engine.getTaskService();
        tasks.complete(task(TASK_DRAFT), TestCases.draft(false));
        tasks.complete(task(TASK_INTERNAL_REVIEW), TestCases.internalReview("APPROVE"));
        tasks.complete(task(TASK_EXECUTIVE_MEETING), TestCases.meeting("APPROVE"));
        tasks.complete(task(TASK_SIGN_AND_ISSUE), TestCases.issue("巴政呈〔2026〕3号"));
        for (Task filing : engine.getTaskService().createTaskQuery().processInstanceId(pid).taskDefinitionKey(TASK_FILE)
                .list()) {
            tasks.complete(filing.getId(), TestCases.filing("R-" + filing.getId()));
        }
        tasks.complete(task(TASK_COPY), TestCases.filing("COPY-1"));
        tasks.complete(task(TASK_SECRECY_REVIEW), TestCases.secrecy());
        cases.executeDueJobs();
        tasks.complete(task(TASK_ARCHIVE), TestCases.archive());
        cases.executeDueJobs();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws java.io.IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private String materialTask(String department) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pid)
                .taskDefinitionKey(TASK_SUBMIT_MATERIAL).taskCandidateGroup(department + "-contributor")
                .singleResult().getId();
    }

    private String task(String key) {
        List<Task> open = engine.getTaskService().createTaskQuery().processInstanceId(pid).taskDefinitionKey(key).list();
        assertThat(open).as(key).hasSize(1);
        return open.get(0).getId();
    }

    private List<Map<String, Object>> materials(String user) {
        return exchange(user, HttpMethod.GET, "/api/reports/bayan/2025/materials", null, LIST).getBody();
    }

    private static Map<String, Object> material(String summary, String contact) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("materialSummary", Map.of("value", summary, "type", "String"));
        variables.put("materialContact", Map.of("value", contact, "type", "String"));
        return variables;
    }

    private ResponseEntity<Map<String, Object>> submit(String user, String department, String summary, String contact,
                                                       ByteArrayResource file) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("summary", summary);
        body.add("contact", contact);
        if (file != null) {
            body.add("file", file);
        }
        return multipart(user, department, body);
    }

    /** A file part with its name, as a browser or curl -F sends it. */
    private static ByteArrayResource named(String fileName, String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        };
    }

    private ResponseEntity<Map<String, Object>> multipart(String user, String department,
                                                          MultiValueMap<String, Object> body) {
        HttpHeaders headers = basicAuth(user);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.exchange("/api/reports/bayan/2025/materials/" + department, HttpMethod.POST,
                new HttpEntity<>(body, headers), JSON);
    }

    private <T> ResponseEntity<T> exchange(String user, HttpMethod method, String url, Object body,
                                           ParameterizedTypeReference<T> type) {
        return rest.exchange(url, method, new HttpEntity<>(body, basicAuth(user)), type);
    }

    private <T> ResponseEntity<T> exchange(String user, HttpMethod method, String url, Object body, Class<T> type) {
        return rest.exchange(url, method, new HttpEntity<>(body, basicAuth(user)), type);
    }

    private static HttpHeaders basicAuth(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        return headers;
    }
}
