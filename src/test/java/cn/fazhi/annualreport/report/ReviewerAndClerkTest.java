package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import cn.fazhi.annualreport.testing.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 14, for reviewers and clerks of 巴彦县公安局 (a department: internal review, leadership meeting, issuance,
 * three recipients and the copy): dates that cannot be right are refused on the server, through {@code /engine-rest}
 * and Tasklist's own API alike; the reviewers read the draft in the browser (a .docx as HTML, text as text, inline)
 * under the case's read rule; every review form after the first shows the earlier rounds by name; the later-receipt
 * form names who recorded the filing.
 */
@AnnualReportTest
class ReviewerAndClerkTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() { };
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ENTITY = "bayan-gaj";
    private static final String PARTY_COMMITTEE = "中共巴彦县委";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @LocalServerPort
    int port;

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

    // --- dates that cannot be right --------------------------------------------------------------------------------

    @Test
    void meetingDatesInTheFutureOrWithinTheReportingYearAreRefused() throws Exception {
        // Given the case's draft approved by the head, and the leadership meeting's task open on 2026-02-20
        String pid = startedCase();
        assertNoContent(submitDraft(pid, "巴彦县公安局年度报告.txt", TestCases.DRAFT_TEXT.getBytes(StandardCharsets.UTF_8)));
        assertNoContent(complete("bayan_gaj_head", task(pid, TASK_INTERNAL_REVIEW),
                strings(TestCases.internalReview("APPROVE"))));
        TestCases.setClock(LocalDateTime.of(2026, 2, 20, 10, 0));
        String meeting = task(pid, TASK_LEADERSHIP_MEETING);

        // When the office records a meeting three days ahead through /engine-rest
        ResponseEntity<Map<String, Object>> future = complete("bayan_gaj_staff", meeting,
                strings(meeting("2026-02-23")));
        // Then it is a 400 saying so in Chinese, with the English in its own field
        assertThat(future.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(future.getBody().get("messageZh").toString())
                .contains("「会议日期」2026-02-23晚于今天（2026-02-20，北京时间）");
        assertThat(future.getBody().get("messageEn").toString()).contains("'meetingDate' 2026-02-23 lies after today");
        // And so is the same day written as a date-time, with or without an offset, or with anything after its T
        for (String spelling : List.of("2026-02-23T00:00:00", "2026-02-23T08:00:00+08:00", "2026-02-23Tx")) {
            ResponseEntity<Map<String, Object>> sneaked = complete("bayan_gaj_staff", meeting,
                    strings(meeting(spelling)));
            assertThat(sneaked.getStatusCode()).as(spelling).isEqualTo(HttpStatus.BAD_REQUEST);
        }

        // When it records a meeting held before the reporting year ended, through Tasklist's own API
        WebappSession tasklist = WebappSession.login(base(), "tasklist", "bayan_gaj_staff", "demo");
        HttpResponse<String> inYear = tasklist.postJson("/camunda/api/engine/engine/default/task/" + meeting
                + "/submit-form", MAPPER.writeValueAsString(Map.of("variables", strings(meeting("2025-12-30")))));
        // Then it is refused as well
        assertThat(inYear.statusCode()).isEqualTo(400);
        assertThat(inYear.body()).contains("「会议日期」2025-12-30早于报告年度（2025年）结束");

        // When it records the meeting of that morning
        assertNoContent(complete("bayan_gaj_staff", meeting, strings(meeting("2026-02-20"))));
        // Then the case goes on to the issuance
        assertThat(task(pid, TASK_SIGN_AND_ISSUE)).isNotNull();
    }

    @Test
    void anIssueOrArchiveDateAheadIsRefusedSoThatItCannotBlockTheFilings() {
        // Given the case passed by the meeting of 2026-02-20, the issuance open on 2026-02-25
        String pid = startedCase();
        assertNoContent(submitDraft(pid, "巴彦县公安局年度报告.txt", TestCases.DRAFT_TEXT.getBytes(StandardCharsets.UTF_8)));
        assertNoContent(complete("bayan_gaj_head", task(pid, TASK_INTERNAL_REVIEW),
                strings(TestCases.internalReview("APPROVE"))));
        TestCases.setClock(LocalDateTime.of(2026, 2, 20, 10, 0));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_LEADERSHIP_MEETING), strings(TestCases.meeting("APPROVE"))));
        TestCases.setClock(LocalDateTime.of(2026, 2, 25, 10, 0));
        String issue = task(pid, TASK_SIGN_AND_ISSUE);

        // When the office issues it dated 2030-06-01 (every filing date would then be "before the issue date")
        Map<String, Object> ahead = new java.util.HashMap<>(strings(TestCases.issue("巴公呈〔2026〕3号")));
        ahead.put("issueDate", Map.of("value", "2030-06-01", "type", "String"));
        ResponseEntity<Map<String, Object>> refused = complete("bayan_gaj_staff", issue, ahead);

        // Then it is refused in both fields, and the task stays open for the right date
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("messageZh").toString()).contains("「印发日期」2030-06-01晚于今天");
        assertThat(refused.getBody().get("messageEn").toString()).contains("'issueDate' 2030-06-01 lies after today");
        assertThat(task(pid, TASK_SIGN_AND_ISSUE)).isEqualTo(issue);
        assertNoContent(complete("bayan_gaj_staff", issue, strings(TestCases.issue("巴公呈〔2026〕3号"))));
    }

    @Test
    void filingAndReceiptDatesInTheFutureBeforeTheIssueOrTheYearAreRefused() throws Exception {
        // Given the case issued on 2026-02-25 and its filing tasks open on 2026-02-26
        String pid = issuedCase();
        TestCases.setClock(LocalDateTime.of(2026, 2, 26, 16, 0));
        Task filing = tasks(pid, TASK_FILE).stream().filter(t -> t.getName().endsWith(PARTY_COMMITTEE)).findFirst()
                .orElseThrow();

        // When the clerk records a filing three days in the future, one before the issue, one before the reporting
        // year, and a receipt dated tomorrow
        Map<String, Map<String, Object>> refused = new LinkedHashMap<>();
        refused.put("「报送日期」2026-03-01晚于今天（2026-02-26，北京时间）", filed("2026-03-01", null));
        refused.put("「报送日期」2026-02-24早于报告的印发日期2026-02-25", filed("2026-02-24", null));
        refused.put("「报送日期」2024-12-31早于报告年度（2025年）", filed("2024-12-31", null));
        refused.put("「回执日期」2026-02-27晚于今天", filed("2026-02-26", "2026-02-27"));
        for (Map.Entry<String, Map<String, Object>> e : refused.entrySet()) {
            ResponseEntity<Map<String, Object>> answer = complete("bayan_gaj_staff", filing.getId(),
                    strings(e.getValue()));

            // Then each is a 400 naming the date and why, in Chinese, and the English apart
            assertThat(answer.getStatusCode()).as(e.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody().get("messageZh").toString()).as(e.getKey()).contains(e.getKey());
            assertThat(answer.getBody().get("messageEn").toString()).as(e.getKey()).contains("lies");
        }
        // And through Tasklist's API the future filing is refused the same way
        WebappSession tasklist = WebappSession.login(base(), "tasklist", "bayan_gaj_staff", "demo");
        HttpResponse<String> viaTasklist = tasklist.postJson("/camunda/api/engine/engine/default/task/"
                + filing.getId() + "/submit-form", MAPPER.writeValueAsString(Map.of("variables",
                strings(filed("2026-03-01", null)))));
        assertThat(viaTasklist.statusCode()).isEqualTo(400);
        assertThat(viaTasklist.body()).contains("「报送日期」2026-03-01晚于今天");
        // And the task is still open
        assertThat(engine.getTaskService().createTaskQuery().taskId(filing.getId()).count()).isEqualTo(1);

        // When the filings of today are recorded, this one with its receipt to come
        for (Task t : tasks(pid, TASK_FILE)) {
            assertNoContent(complete("bayan_gaj_staff", t.getId(), strings(t.getId().equals(filing.getId())
                    ? TestCases.filingAwaitingReceipt() : filed("2026-02-26", "2026-02-26"))));
        }
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_COPY), strings(filed("2026-02-26", "2026-02-26"))));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_SECRECY_REVIEW), strings(TestCases.secrecy())));
        cases.executeDueJobs();
        String receipt = task(pid, TASK_RECORD_RECEIPT);

        // Then the later-receipt form names who recorded the filing by name, not by user id
        Map<String, Object> variables = formVariables("bayan_gaj_staff", receipt);
        assertThat(value(variables, "filingSummary")).contains("（登记人：陶科员）").doesNotContain("bayan_gaj_staff");

        // When the receipt is recorded with a date in the future
        ResponseEntity<Map<String, Object>> lateReceipt = complete("bayan_gaj_staff", receipt,
                strings(Map.of("filingOutcome", "RECEIPTED", "receiptNumber", "XW-1", "receiptDate", "2026-03-02")));
        // Then it is refused; with today's date it is taken
        assertThat(lateReceipt.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(lateReceipt.getBody().get("messageZh").toString()).contains("「回执日期」2026-03-02晚于今天");
        assertNoContent(complete("bayan_gaj_staff", receipt,
                strings(Map.of("filingOutcome", "RECEIPTED", "receiptNumber", "XW-1", "receiptDate", "2026-02-26"))));
    }

    // --- the draft in the browser, the earlier rounds in each review form --------------------------------------------

    @Test
    void reviewersReadTheDraftInTheBrowserAndEachReviewFormShowsTheEarlierRounds() throws Exception {
        // Given a draft uploaded as a Word document, returned by the head with a comment, and uploaded again as text
        String pid = startedCase();
        assertNoContent(submitDraft(pid, "巴彦县公安局年度报告.docx", docx(TestCases.DRAFT_TEXT + "<script>alert(1)</script>以上报告，请审议。")));
        String firstReview = task(pid, TASK_INTERNAL_REVIEW);
        Map<String, Object> firstForm = formVariables("bayan_gaj_head", firstReview);
        assertThat(firstForm).doesNotContainKey("reviewHistory");
        assertNoContent(complete("bayan_gaj_head", firstReview, strings(Map.of("internalReviewDecision", "RETURN",
                "internalReviewComment", "问题分析不够深入，请补充执法数据"))));
        assertNoContent(submitDraft(pid, "巴彦县公安局年度报告（修改稿）.txt",
                (TestCases.DRAFT_TEXT + "补充：全年办理行政案件1200件。").getBytes(StandardCharsets.UTF_8)));

        // When the head opens the second review's form
        Map<String, Object> secondForm = formVariables("bayan_gaj_head", task(pid, TASK_INTERNAL_REVIEW));
        // Then it links the draft to read in the browser and shows the first round: who by name, when, what
        assertThat(value(secondForm, "draftViewLink")).isEqualTo("/api/reports/bayan-gaj/2025/documents/2/view");
        assertThat(value(secondForm, "reviewHistory")).contains("第1版 审核报告稿", "姜局长", "2026-01-20 10:00",
                "退回修改", "问题分析不够深入，请补充执法数据").doesNotContain("bayan_gaj_head");

        // When the head approves, and the office opens the leadership meeting's form
        assertNoContent(complete("bayan_gaj_head", task(pid, TASK_INTERNAL_REVIEW), strings(Map.of(
                "internalReviewDecision", "APPROVE", "internalReviewComment", "同意提请局党委会审议"))));
        Map<String, Object> meetingForm = formVariables("bayan_gaj_staff", task(pid, TASK_LEADERSHIP_MEETING));
        // Then the meeting recorder sees both rounds of the head's review
        assertThat(value(meetingForm, "reviewHistory")).contains("退回修改", "问题分析不够深入", "第2版 审核报告稿",
                "通过", "同意提请局党委会审议");

        // When the reviewer opens the first version (the Word document) in the browser
        ResponseEntity<String> word = view("bayan_gaj_head", "/api/reports/bayan-gaj/2025/documents/1/view");
        // Then it is an HTML page shown inline, its text escaped and nothing allowed to run
        assertThat(word.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(word.getHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
        assertThat(word.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("inline; filename=");
        assertThat(word.getHeaders().getFirst("Content-Security-Policy")).contains("sandbox", "default-src 'none'");
        assertThat(word.getBody()).contains("<p>一是执法队伍建设还需加强，原因是培训不足。</p>",
                "&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        // And the text version is text, inline
        ResponseEntity<String> text = view("bayan_gaj_staff", value(secondForm, "draftViewLink"));
        assertThat(text.getHeaders().getContentType()).hasToString("text/plain;charset=UTF-8");
        assertThat(text.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("inline;");
        assertThat(text.getBody()).contains("补充：全年办理行政案件1200件。");
        // And the versions name who submitted them
        List<Map<String, Object>> versions = rest.exchange("/api/reports/bayan-gaj/2025/documents", HttpMethod.GET,
                new HttpEntity<>(auth("bayan_gaj_head")), LIST).getBody();
        assertThat(versions).extracting(v -> v.get("createdByName")).containsExactly("陶科员", "陶科员");

        // And nobody outside the case reads it: another entity, another department, nobody logged in
        for (String outsider : List.of("xinhua_owner", "bayan_sfj_staff")) {
            assertThat(view(outsider, "/api/reports/bayan-gaj/2025/documents/1/view").getStatusCode()).as(outsider)
                    .isEqualTo(HttpStatus.NOT_FOUND);
        }
        assertThat(rest.getForEntity("/api/reports/bayan-gaj/2025/documents/1/view", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private String base() {
        return "http://localhost:" + port;
    }

    private static Map<String, Object> meeting(String date) {
        return Map.of("meetingDate", date, "meetingSession", "2026年第2次局党委会", "gateDecision", "APPROVE",
                "gateComment", "会议原则通过");
    }

    private static Map<String, Object> filed(String filedOn, String receiptDate) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("filingOutcome", "RECEIPTED");
        values.put("filedOn", filedOn);
        values.put("filingChannel", "ELECTRONIC");
        values.put("receiptNumber", "R-1");
        values.put("receiptDate", receiptDate == null ? filedOn : receiptDate);
        return values;
    }

    private static byte[] docx(String text) throws Exception {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : text.split("\n")) {
                document.createParagraph().createRun().setText(line);
            }
            document.write(out);
            return out.toByteArray();
        }
    }

    private String startedCase() {
        ResponseEntity<Map<String, Object>> started = rest.exchange("/api/reports", HttpMethod.POST,
                new HttpEntity<>(Map.of("entity", ENTITY, "year", 2025), auth("bayan_gaj_head")), JSON);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) started.getBody().get("processInstanceId");
    }

    /** Drafted, approved, passed by the meeting of 2026-02-20 and issued on 2026-02-25, each on its day. */
    private String issuedCase() {
        String pid = startedCase();
        assertNoContent(submitDraft(pid, "巴彦县公安局年度报告.txt", TestCases.DRAFT_TEXT.getBytes(StandardCharsets.UTF_8)));
        assertNoContent(complete("bayan_gaj_head", task(pid, TASK_INTERNAL_REVIEW),
                strings(TestCases.internalReview("APPROVE"))));
        TestCases.setClock(LocalDateTime.of(2026, 2, 20, 10, 0));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_LEADERSHIP_MEETING), strings(TestCases.meeting("APPROVE"))));
        TestCases.setClock(LocalDateTime.of(2026, 2, 25, 10, 0));
        assertNoContent(complete("bayan_gaj_staff", task(pid, TASK_SIGN_AND_ISSUE),
                strings(TestCases.issue("巴公呈〔2026〕3号"))));
        return pid;
    }

    private ResponseEntity<Map<String, Object>> submitDraft(String pid, String fileName, byte[] content) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("draftReport", Map.of("type", "File", "value", Base64.getEncoder().encodeToString(content),
                "valueInfo", Map.of("filename", fileName)));
        draft.put("solicitOpinions", Map.of("value", false, "type", "Boolean"));
        return complete("bayan_gaj_staff", task(pid, TASK_DRAFT), draft);
    }

    private Map<String, Object> formVariables(String user, String taskId) {
        ResponseEntity<Map<String, Object>> answer = rest.exchange("/engine-rest/task/" + taskId + "/form-variables",
                HttpMethod.GET, new HttpEntity<>(auth(user)), JSON);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private static String value(Map<String, Object> formVariables, String name) {
        JsonNode node = MAPPER.valueToTree(formVariables).path(name).path("value");
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private ResponseEntity<String> view(String user, String url) {
        return rest.exchange(url, HttpMethod.GET, new HttpEntity<>(auth(user)), String.class);
    }

    private String task(String pid, String key) {
        List<Task> open = tasks(pid, key);
        assertThat(open).as(key).hasSize(1);
        return open.get(0).getId();
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

    private static HttpHeaders auth(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        return headers;
    }

    /** Form values in the engine's REST shape, typed as Tasklist sends them. */
    private static Map<String, Object> strings(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Map.of("value", v, "type", v instanceof Number ? "Integer" : "String")));
        return out;
    }
}
