package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Mails;
import cn.fazhi.annualreport.testing.TestCases;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
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
 * A whole case over HTTP, as the people and machine clients do it: started through POST /api/reports, every task
 * completed through the engine's REST API by the user of the role, the reminder received by a real SMTP server.
 */
@AnnualReportTest
class ReportApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @Autowired
    GreenMail smtp;

    TestCases cases;

    @BeforeEach
    void setUp() throws Exception {
        cases = new TestCases(engine);
        smtp.purgeEmailFromAllMailboxes();
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    @SuppressWarnings("unchecked")
    void caseRunsEndToEndOverRestAndTheReminderMailArrives() throws Exception {
        // Given the justice bureau owner of 巴彦县 starts the 2025 case
        ResponseEntity<Map<String, Object>> started = post("bayan_owner", "/api/reports",
                Map.of("entity", "bayan", "year", 2025));
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String pid = (String) started.getBody().get("processInstanceId");
        assertThat(started.getBody()).containsEntry("businessKey", "bayan:2025");

        // Then the case shows its deadlines and the four departments' open tasks
        Map<String, Object> view = get("bayan_owner", "/api/reports/bayan/2025").getBody();
        assertThat((List<?>) view.get("deadlines")).hasSize(8);
        assertThat(view.get("deadlines").toString()).contains("PUBLICATION", "2026-03-31");
        assertThat((List<?>) view.get("openTasks")).hasSize(4);

        // When the reminder time of the materials has come
        TestCases.setClock(LocalDateTime.of(2026, 2, 10, 9, 30)); // materials due 2026-02-13, reminder 3 working days before
        cases.executeDueJobs();

        // Then every department's contributor got a reminder with a link into Tasklist
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).isNotEmpty();
        List<String> recipients = Arrays.stream(mails).map(Mails::to).toList();
        assertThat(recipients).contains("bayan.sfj.staff@example.org", "bayan.gaj.staff@example.org",
                "bayan.jyj.staff@example.org", "bayan.yshj.staff@example.org");
        MimeMessage first = mails[0];
        assertThat(first.getSubject()).contains("【催办】", "巴彦县人民政府", "报送部门材料");
        assertThat(Mails.text(first)).contains("http://tasklist.example.org/camunda/app/tasklist/default/#/?task=");

        // When each role completes its tasks through the engine's REST API
        completeAll(pid, TASK_SUBMIT_MATERIAL, Map.of(
                        "bayan-sfj-contributor", "bayan_sfj_staff", "bayan-gaj-contributor", "bayan_gaj_staff",
                        "bayan-jyj-contributor", "bayan_jyj_staff", "bayan-yshj-contributor", "bayan_yshj_staff"),
                strings(TestCases.material()));
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("draftReport", Map.of("type", "File",
                "value", Base64.getEncoder().encodeToString(TestCases.DRAFT_TEXT.getBytes(StandardCharsets.UTF_8)),
                "valueInfo", Map.of("filename", "report.txt", "mimetype", "text/plain", "encoding", "UTF-8")));
        draft.put("solicitOpinions", Map.of("value", false, "type", "Boolean"));
        assertThat(complete("bayan_drafter", task(pid, TASK_DRAFT), draft).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        complete("bayan_owner", task(pid, TASK_INTERNAL_REVIEW), strings(TestCases.internalReview("APPROVE")));
        // the meeting (2026-02-20), the issuance and the filings (2026-02-26) and receipts are recorded after the fact
        TestCases.setClock(LocalDateTime.of(2026, 3, 5, 10, 0));
        complete("bayan_office", task(pid, TASK_EXECUTIVE_MEETING), strings(TestCases.meeting("APPROVE")));
        complete("bayan_office", task(pid, TASK_SIGN_AND_ISSUE), strings(TestCases.issue("巴政呈〔2026〕12号")));
        for (Task t : tasks(pid, TASK_FILE)) {
            complete("bayan_office", t.getId(), strings(TestCases.filing("R-" + t.getId())));
        }
        complete("bayan_office", task(pid, TASK_COPY), strings(TestCases.filing("COPY-1")));
        complete("bayan_secrecy", task(pid, TASK_SECRECY_REVIEW), strings(TestCases.secrecy()));
        cases.executeDueJobs(); // publication and its URL check
        complete("bayan_office", task(pid, TASK_ARCHIVE), strings(TestCases.archive()));
        cases.executeDueJobs(); // the archive is built after 归档, asynchronously

        // Then the case is completed and the API says so, with the five filing receipts
        HistoricProcessInstance done = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(pid).singleResult();
        assertThat(done.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(done.getEndActivityId()).isEqualTo(END_ARCHIVED);
        Map<String, Object> finished = get("bayan_owner", "/api/reports/bayan/2025").getBody();
        assertThat(finished.get("state")).isEqualTo("COMPLETED");
        assertThat((List<?>) finished.get("filings")).hasSize(5);
        // and its publication on the public column, with URL and time, the URL checked
        assertThat((List<Map<String, Object>>) finished.get("publications")).singleElement().satisfies(p -> {
            assertThat(p).containsEntry("target", "PUBLIC_COLUMN").containsEntry("status", "VERIFIED")
                    .containsEntry("documentNumber", "巴政呈〔2026〕12号");
            assertThat((String) p.get("url")).endsWith("/public/reports/bayan/2025");
            assertThat(p.get("publishedAt")).isNotNull();
            assertThat(p.get("verifiedAt")).isNotNull();
        });
    }

    @Test
    void badStartRequestsAreRefusedWithBilingualMessagesAndCreateNothing() {
        post("bayan_owner", "/api/reports", Map.of("entity", "bayan", "year", 2025));

        ResponseEntity<Map<String, Object>> duplicate = post("bayan_owner", "/api/reports", Map.of("entity", "bayan", "year", 2025));
        ResponseEntity<Map<String, Object>> unknown = post("bayan_owner", "/api/reports", Map.of("entity", "atlantis", "year", 2025));
        ResponseEntity<Map<String, Object>> tooEarly = post("bayan_owner", "/api/reports", Map.of("entity", "bayan", "year", 2018));
        ResponseEntity<Map<String, Object>> future = post("bayan_owner", "/api/reports", Map.of("entity", "bayan", "year", 2099));
        ResponseEntity<Map<String, Object>> anonymous = rest.exchange("/api/reports", HttpMethod.POST,
                new HttpEntity<>(Map.of("entity", "bayan", "year", 2024)), JSON);

        assertThat(duplicate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(duplicate.getBody().get("messageZh").toString()).contains("已存在");
        assertThat(duplicate.getBody().get("messageEn").toString()).contains("exists");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("message").toString()).contains("未知的报告单位", "Unknown reporting entity");
        assertThat(tooEarly.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(future.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(1);
    }

    @Test
    void aUserOfAnotherEntityDoesNotSeeTheCase() {
        post("bayan_owner", "/api/reports", Map.of("entity", "bayan", "year", 2025));

        ResponseEntity<Map<String, Object>> foreign = get("xinhua_owner", "/api/reports/bayan/2025");

        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void engineRestRequiresAuthentication() {
        ResponseEntity<String> anonymous = rest.getForEntity("/engine-rest/task", String.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aSubmissionBreakingTheFormIsRefusedAndTheTaskStaysOpen() {
        // Given a department report waiting for internal review
        String pid = (String) post("bayan_gaj_head", "/api/reports", Map.of("entity", "bayan-gaj", "year", 2025))
                .getBody().get("processInstanceId");
        engine.getTaskService().complete(task(pid, TASK_DRAFT), TestCases.draft(false));
        String review = task(pid, TASK_INTERNAL_REVIEW);

        // When the reviewer submits without a decision, with an unknown decision, or a 5,000-character comment
        ResponseEntity<Map<String, Object>> missing = complete("bayan_gaj_head", review,
                Map.of("internalReviewComment", Map.of("value", "好", "type", "String")));
        ResponseEntity<Map<String, Object>> unknownChoice = complete("bayan_gaj_head", review,
                strings(Map.of("internalReviewDecision", "MAYBE")));
        ResponseEntity<Map<String, Object>> tooLong = complete("bayan_gaj_head", review,
                strings(Map.of("internalReviewDecision", "APPROVE", "internalReviewComment", "意".repeat(5000))));
        ResponseEntity<Map<String, Object>> viaTasklist = exchange("bayan_gaj_head", HttpMethod.POST,
                "/engine-rest/task/" + review + "/submit-form", Map.of("variables", Map.of()));

        // Then each is a 400 naming the problem in both languages, and the task is still open, unchanged
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody().get("message").toString()).contains("必填", "required");
        assertThat(unknownChoice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody().get("message").toString()).contains("4000");
        assertThat(viaTasklist.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(engine.getTaskService().createTaskQuery().taskId(review).count()).isEqualTo(1);
        assertThat(engine.getRuntimeService().getVariable(pid, "internalReviewComment")).isNull();
    }

    @Test
    void aDocumentNumberAlreadyUsedIsRefusedBeforeTheEngineSeesIt() {
        // Given a number used by an earlier issuance, and a department report waiting for issuance
        String pid = (String) post("bayan_gaj_head", "/api/reports", Map.of("entity", "bayan-gaj", "year", 2025))
                .getBody().get("processInstanceId");
        engine.getTaskService().complete(task(pid, TASK_DRAFT), TestCases.draft(false));
        engine.getTaskService().complete(task(pid, TASK_INTERNAL_REVIEW), TestCases.internalReview("APPROVE"));
        engine.getTaskService().complete(task(pid, TASK_LEADERSHIP_MEETING), TestCases.meeting("APPROVE"));
        TestCases.setClock(LocalDateTime.of(2026, 2, 25, 10, 0)); // issued that day, as dated
        String issuance = task(pid, TASK_SIGN_AND_ISSUE);
        ResponseEntity<Map<String, Object>> first = complete("bayan_gaj_staff", issuance,
                strings(TestCases.issue("巴公呈〔2026〕7号")));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        String pid2 = (String) post("bayan_jyj_head", "/api/reports", Map.of("entity", "bayan-jyj", "year", 2025))
                .getBody().get("processInstanceId");
        engine.getTaskService().complete(task(pid2, TASK_DRAFT), TestCases.draft(false));
        engine.getTaskService().complete(task(pid2, TASK_INTERNAL_REVIEW), TestCases.internalReview("APPROVE"));
        engine.getTaskService().complete(task(pid2, TASK_PRINCIPAL_SIGN_OFF), TestCases.signOff("APPROVE"));
        String second = task(pid2, TASK_SIGN_AND_ISSUE);

        // When the other department's clerk enters the same number
        ResponseEntity<Map<String, Object>> reused = complete("bayan_jyj_staff", second,
                strings(TestCases.issue("巴公呈〔2026〕7号")));

        // Then it is refused as a conflict, naming the number, and the issuance task stays open
        assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(reused.getBody().get("message").toString()).contains("巴公呈〔2026〕7号", "已被使用");
        assertThat(engine.getTaskService().createTaskQuery().taskId(second).count()).isEqualTo(1);
    }

    @Test
    void theFormCheckRevealsNothingToCallersWhoMayNotSeeTheTask() {
        // Given a department report waiting for internal review
        String pid = (String) post("bayan_gaj_head", "/api/reports", Map.of("entity", "bayan-gaj", "year", 2025))
                .getBody().get("processInstanceId");
        engine.getTaskService().complete(task(pid, TASK_DRAFT), TestCases.draft(false));
        String review = task(pid, TASK_INTERNAL_REVIEW);

        // When an anonymous caller and a user of another entity submit an empty completion
        ResponseEntity<Map<String, Object>> anonymousRest = rest.exchange("/engine-rest/task/" + review + "/complete",
                HttpMethod.POST, new HttpEntity<>(Map.of("variables", Map.of())), JSON);
        ResponseEntity<String> anonymousWebapp = rest.exchange(
                "/camunda/api/engine/engine/default/task/" + review + "/submit-form", HttpMethod.POST,
                new HttpEntity<>(Map.of("variables", Map.of())), String.class);
        ResponseEntity<Map<String, Object>> foreign = complete("xinhua_drafter", review, Map.of());

        // Then none of them learns the form's fields: the engine refuses them for who they are, not for the form
        assertThat(anonymousRest.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymousWebapp.getStatusCode().value()).isIn(401, 403);
        assertThat(String.valueOf(anonymousWebapp.getBody())).doesNotContain("审核结论");
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engine.getTaskService().createTaskQuery().taskId(review).count()).isEqualTo(1);
    }

    @Test
    void theStartFormIsCheckedBeforeTheEngineStartsAnything() {
        // When an owner submits the Tasklist start form for an unknown entity, and then without a year
        ResponseEntity<Map<String, Object>> unknown = exchange("bayan_owner", HttpMethod.POST,
                "/engine-rest/process-definition/key/annual-report/submit-form",
                Map.of("variables", strings(Map.of("entityCode", "atlantis", "reportingYear", 2025))));
        ResponseEntity<Map<String, Object>> noYear = exchange("bayan_owner", HttpMethod.POST,
                "/engine-rest/process-definition/key/annual-report/submit-form",
                Map.of("variables", strings(Map.of("entityCode", "bayan"))));
        String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(PROCESS_KEY).latestVersion().singleResult().getId();
        ResponseEntity<Map<String, Object>> encodedId = exchange("bayan_owner", HttpMethod.POST,
                java.net.URI.create(rest.getRootUri() + "/engine-rest/process-definition/"
                        + definitionId.replace(":", "%3A") + "/submit-form"),
                Map.of("variables", strings(Map.of("entityCode", "bayan", "reportingYear", 2031))));
        ResponseEntity<Map<String, Object>> good = exchange("bayan_owner", HttpMethod.POST,
                "/engine-rest/process-definition/key/annual-report/submit-form",
                Map.of("variables", strings(Map.of("entityCode", "bayan", "reportingYear", 2025,
                        "solicitOpinions", false))));

        // Then the bad ones are refused with no case created, the good one starts the case with its business key
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(noYear.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(encodedId.getStatusCode()).as("by id, as Tasklist sends it").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(encodedId.getBody().get("messageZh").toString()).contains("报告年度");
        assertThat(good.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("bayan:2025")
                .count()).isEqualTo(1);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(1);
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private void completeAll(String pid, String key, Map<String, String> userByGroup, Map<String, Object> vars) {
        for (Task t : tasks(pid, key)) {
            String group = engine.getTaskService().getIdentityLinksForTask(t.getId()).stream()
                    .filter(l -> l.getGroupId() != null).findFirst().orElseThrow().getGroupId();
            assertThat(complete(userByGroup.get(group), t.getId(), vars).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        }
    }

    private String task(String pid, String key) {
        List<Task> open = tasks(pid, key);
        assertThat(open).as(key).hasSize(1);
        return open.get(0).getId();
    }

    private List<Task> tasks(String pid, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pid).taskDefinitionKey(key).list();
    }

    private ResponseEntity<Map<String, Object>> complete(String user, String taskId, Map<String, Object> variables) {
        return exchange(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    }

    private ResponseEntity<Map<String, Object>> post(String user, String url, Object body) {
        return exchange(user, HttpMethod.POST, url, body);
    }

    private ResponseEntity<Map<String, Object>> get(String user, String url) {
        return rest.exchange(url, HttpMethod.GET, new HttpEntity<>(basicAuth(user)), JSON);
    }

    private ResponseEntity<Map<String, Object>> exchange(String user, HttpMethod method, String url, Object body) {
        return rest.exchange(url, method, new HttpEntity<>(body, basicAuth(user)), JSON);
    }

    private ResponseEntity<Map<String, Object>> exchange(String user, HttpMethod method, java.net.URI url, Object body) {
        return rest.exchange(url, method, new HttpEntity<>(body, basicAuth(user)), JSON);
    }

    /** Credentials sent with the request, as curl -u and machine clients do. */
    private static HttpHeaders basicAuth(String user) {
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
}
