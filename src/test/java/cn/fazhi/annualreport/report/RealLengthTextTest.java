package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Three real reports, whole, through every field a form offers for report text — the draft's five sections and the
 * secrecy review's redacted text — sent as Tasklist sends them (submit-form): each is taken, kept as written and
 * published as released, never a 500 ("Value too long" was the history's 4,000-character column).
 */
@AnnualReportTest
class RealLengthTextTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;

    TestCases cases;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"bayan, bayan-county-2021.txt", "langfang, langfang-city-2023.txt", "xinhua, xinhua-district-2020.txt"})
    void aWholeRealReportGoesThroughTheDraftAndTheSecrecyReview(String entity, String file) throws Exception {
        // Given the government's case at drafting, and its real report: its whole text in the first section
        String report = Files.readString(Path.of("../shared/reports", file)).strip();
        ProcessInstance pi = cases.start(entity, 2025);
        TaskService tasks = engine.getTaskService();
        cases.tasks(pi, TASK_SUBMIT_MATERIAL).forEach(t -> tasks.complete(t.getId(), TestCases.material()));
        List<String> sections = List.of(report, "一是基层法治力量仍显薄弱，原因是编制和培训不足。",
                "政府主要负责人认真履行推进法治建设第一责任人职责，全年专题研究法治政府建设4次。",
                "下一年度将继续深化行政执法规范化建设。", "");
        Map<String, Object> draft = new LinkedHashMap<>();
        for (int i = 0; i < sections.size(); i++) {
            draft.put("draftSection" + (i + 1), Map.of("value", sections.get(i), "type", "String",
                    "valueInfo", Map.of("transient", true)));
        }
        draft.put("draftNote", Map.of("value", "按五项法定内容在线填写", "type", "String"));
        draft.put("solicitOpinions", Map.of("value", false, "type", "Boolean"));

        // When the drafter submits the form
        ResponseEntity<Map<String, Object>> drafted = submit(entity + "_drafter", cases.task(pi, TASK_DRAFT).getId(), draft);

        // Then it is taken, and the version holds the report's text as written
        assertThat(drafted.getStatusCode()).as(String.valueOf(drafted.getBody())).isEqualTo(HttpStatus.NO_CONTENT);
        Map<String, Object> version = get(entity + "_drafter", "/api/reports/" + entity + "/2025/documents/1");
        assertThat(((List<?>) version.get("sections")).get(0)).isEqualTo(report);

        // When the case reaches the secrecy review, and the reviewer releases the text without one paragraph
        runToTheSecrecyReview(pi);
        List<String> paragraphs = report.lines().filter(l -> l.strip().length() > 40).toList();
        String secret = paragraphs.get(paragraphs.size() / 2);
        String redacted = report.replace(secret, "");
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("secrecyDecision", Map.of("value", "PUBLISH_REDACTED", "type", "String"));
        release.put("secrecyReviewer", Map.of("value", "保密审查员", "type", "String"));
        release.put("secrecyComment", Map.of("value", "删除一段涉及工作秘密的内容", "type", "String"));
        release.put("redactedText", Map.of("value", redacted, "type", "String"));
        ResponseEntity<Map<String, Object>> reviewed = submit(entity + "_secrecy", cases.task(pi, TASK_SECRECY_REVIEW).getId(),
                release);
        cases.executeDueJobs();

        // Then it is taken, and exactly the released text is published: the rest there, the paragraph not
        assertThat(reviewed.getStatusCode()).as(String.valueOf(reviewed.getBody())).isEqualTo(HttpStatus.NO_CONTENT);
        String page = rest.getForEntity("/public/reports/" + entity + "/2025", String.class).getBody();
        assertThat(page).contains(paragraphs.get(0).strip().substring(0, 30))
                .contains(paragraphs.get(paragraphs.size() - 1).strip().substring(0, 30))
                .doesNotContain(secret.strip());
        // and neither text became a variable
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableNameIn("draftSection1", "redactedText").count()).isZero();
    }

    /** Review, the gate (whichever the entity has), issuance, filing and copy, as their people complete them. */
    private void runToTheSecrecyReview(ProcessInstance pi) {
        TaskService tasks = engine.getTaskService();
        tasks.complete(cases.task(pi, TASK_INTERNAL_REVIEW).getId(), TestCases.internalReview("APPROVE"));
        for (Task gate : engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).list()) {
            switch (gate.getTaskDefinitionKey()) {
                case TASK_EXECUTIVE_MEETING, TASK_LEADERSHIP_MEETING -> tasks.complete(gate.getId(),
                        TestCases.meeting("APPROVE"));
                case TASK_PRINCIPAL_SIGN_OFF -> tasks.complete(gate.getId(), TestCases.signOff("APPROVE"));
                default -> { }
            }
        }
        tasks.complete(cases.task(pi, TASK_SIGN_AND_ISSUE).getId(),
                Map.of("issuedBy", "主要负责人", "issueDate", "2026-02-25"));
        for (Task t : engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).list()) {
            if (t.getTaskDefinitionKey().equals(TASK_FILE) || t.getTaskDefinitionKey().equals(TASK_COPY)) {
                tasks.complete(t.getId(), TestCases.filing("R-" + t.getId()));
            }
        }
    }

    private ResponseEntity<Map<String, Object>> submit(String user, String taskId, Map<String, Object> variables) {
        return rest.exchange("/engine-rest/task/" + taskId + "/submit-form", HttpMethod.POST,
                new HttpEntity<>(Map.of("variables", variables), auth(user)), JSON);
    }

    private Map<String, Object> get(String user, String url) {
        return rest.exchange(url, HttpMethod.GET, new HttpEntity<>(auth(user)), JSON).getBody();
    }

    private static HttpHeaders auth(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        return headers;
    }
}
