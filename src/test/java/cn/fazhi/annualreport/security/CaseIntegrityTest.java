package cn.fazhi.annualreport.security;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import cn.fazhi.annualreport.testing.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 11 as an attacker tries it, with the demo accounts only, over real HTTP: a department's contributor, a drafter
 * and the government office send the case's own facts, forged routing and serialized objects with their tasks, through
 * /engine-rest and through Tasklist's session API, on every spelling of the path; hand tasks to other entities; read
 * what is not theirs. Each attempt is refused and the case is exactly as it was: its variables, its open tasks and who
 * holds them. The honest submission next to each attack still works.
 */
@AnnualReportTest
class CaseIntegrityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEMO = "demo";

    /** The case's facts as an attacker would forge them, each beside the fields a form really has. */
    private static final Map<String, String> FORGED = Map.of(
            "entityCode", "{\"value\":\"xinhua\",\"type\":\"String\"}",
            "reviewGate", "{\"value\":\"PRINCIPAL_SIGN_OFF\",\"type\":\"String\"}",
            "entityName", "{\"value\":\"伪造的人民政府\",\"type\":\"String\"}",
            "deadlinePublication", "{\"value\":\"2099-12-31T00:00:00.000+0800\",\"type\":\"Date\"}",
            "documentNumberPrefix", "{\"value\":\"伪政\",\"type\":\"String\"}",
            "filingRecipients", "{\"value\":[]}",
            "evil", "{\"value\":\"rO0ABXNyAA5jb20uZXZpbC5FeHBsb2l0AAAAAAAAAAECAAB4cA==\",\"type\":\"Object\","
                    + "\"valueInfo\":{\"objectTypeName\":\"com.evil.Exploit\","
                    + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}");

    /** How a client may spell the completion of a task: as it is, and every variant the REST API routes alike. */
    private static final List<String> SPELLINGS = List.of("%s/task/%s/complete", "%s/task/%s/complete/",
            "%s/task/%s/submit-form", "%s/task/%s/submit-form/", "%s/task/%s/%%63omplete",
            "%s/engine/default/task/%s/complete", "%s/task/%s/complete;x=1", "%s//task/%s/complete",
            "%s/task/%s%%2Fcomplete", "%s/task/%s/./complete", "%s/TASK/%s/complete");

    @Autowired
    ProcessEngine engine;
    @LocalServerPort
    int port;

    TestCases cases;
    Http http;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        http = Http.client(port);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    static Stream<Arguments> forgedFactsOnEverySpelling() {
        return FORGED.keySet().stream().sorted().flatMap(fact -> SPELLINGS.stream().map(s -> Arguments.of(fact, s)));
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("forgedFactsOnEverySpelling")
    void aDepartmentCannotRewriteTheCaseWithItsMaterialOverEngineRest(String fact, String spelling) {
        // Given 巴彦县's 2025 case with the department material tasks open, and what it holds now
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = materialTaskOf(pi, "bayan-gaj");
        Map<String, String> before = snapshot(pi);

        // When 公安局's contributor completes the task with its two fields and one forged fact
        String body = "{\"variables\":{\"materialSummary\":{\"value\":\"本局材料\",\"type\":\"String\"},"
                + "\"materialContact\":{\"value\":\"陶科员\",\"type\":\"String\"},\"" + fact + "\":" + FORGED.get(fact) + "}}";
        HttpResponse<String> answer = http.send("POST", String.format(spelling, "/engine-rest", task),
                "application/json", body, "Authorization", Http.basic("bayan_gaj_staff", DEMO));

        // Then it is refused — for the fact (400, in both languages), for the spelling (400), or as no such
        // address (403/404) — and the case is exactly as before: no variable, no task, no holder changed
        assertThat(answer.statusCode()).as(answer.body()).isIn(400, 403, 404);
        if (answer.statusCode() == 400 && answer.body().contains("messageZh\":\"表单")) {
            assertThat(answer.body()).contains(fact).contains("不是本表单的填写项");
        }
        assertThat(snapshot(pi)).isEqualTo(before);
    }

    @Test
    void theSameForgeriesThroughTasklistAreRefusedAndTheHonestSubmissionWorks() {
        // Given the case at the department material, and 公安局's contributor logged into Tasklist
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = materialTaskOf(pi, "bayan-gaj");
        Map<String, String> before = snapshot(pi);
        WebappSession tasklist = WebappSession.login(base(), "tasklist", "bayan_gaj_staff", DEMO);
        String honest = "\"materialSummary\":{\"value\":\"本局材料\",\"type\":\"String\"},"
                + "\"materialContact\":{\"value\":\"陶科员\",\"type\":\"String\"}";

        // When the form is submitted with each forged fact, through the webapp's engine API, plain and with a slash
        for (Map.Entry<String, String> forged : FORGED.entrySet()) {
            for (String path : List.of("/submit-form", "/submit-form/", "/complete")) {
                HttpResponse<String> answer = tasklist.postJson("/camunda/api/engine/engine/default/task/" + task
                        + path, "{\"variables\":{" + honest + ",\"" + forged.getKey() + "\":" + forged.getValue() + "}}");

                // Then each is refused with the field named, and nothing changed
                assertThat(answer.statusCode()).as(forged.getKey() + path + ": " + answer.body()).isEqualTo(400);
                assertThat(message(answer)).contains(forged.getKey());
                assertThat(snapshot(pi)).isEqualTo(before);
            }
        }

        // When it is submitted honestly
        HttpResponse<String> answer = tasklist.postJson("/camunda/api/engine/engine/default/task/" + task
                + "/submit-form", "{\"variables\":{" + honest + "}}");

        // Then it is done, and the case's facts are still its own
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), VAR_ENTITY_CODE)).isEqualTo("bayan");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), VAR_REVIEW_GATE)).isEqualTo("EXECUTIVE_MEETING");
    }

    @Test
    void aDrafterCannotRemoveTheStatutoryRecipientsNorTheOfficeSkipTheMeeting() {
        // Given 巴彦县's case at the draft
        ProcessInstance pi = cases.start("bayan", 2025);
        cases.tasks(pi, TASK_SUBMIT_MATERIAL).forEach(t -> engine.getTaskService().complete(t.getId(),
                TestCases.material()));
        String draft = cases.task(pi, TASK_DRAFT).getId();
        Map<String, String> before = snapshot(pi);

        // When the drafter submits the draft with the recipients emptied, as a JSON list and as a serialized object
        HttpResponse<String> emptied = http.send("POST", "/engine-rest/task/" + draft + "/complete", "application/json",
                "{\"variables\":{\"draftNote\":{\"value\":\"初稿\"},\"solicitOpinions\":{\"value\":false},"
                        + "\"filingRecipients\":{\"value\":[]}}}", "Authorization", Http.basic("bayan_drafter", DEMO));

        // Then it is refused and the four statutory addressees stay
        assertThat(emptied.statusCode()).as(emptied.body()).isEqualTo(400);
        assertThat(snapshot(pi)).isEqualTo(before);
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), VAR_FILING_RECIPIENTS)).asList().hasSize(4);

        // Given the case at the executive meeting (draft and review done by their people)
        engine.getTaskService().complete(draft, TestCases.draft(false));
        engine.getTaskService().complete(cases.task(pi, TASK_INTERNAL_REVIEW).getId(), TestCases.internalReview("APPROVE"));
        String meeting = cases.task(pi, TASK_EXECUTIVE_MEETING).getId();
        Map<String, String> atMeeting = snapshot(pi);

        // When the office completes the meeting without date and session, through a trailing slash, and with the
        // gate switched to the leaders' signature
        HttpResponse<String> empty = http.send("POST", "/engine-rest/task/" + meeting + "/complete/", "application/json",
                "{\"variables\":{\"gateDecision\":{\"value\":\"APPROVE\"}}}", "Authorization",
                Http.basic("bayan_office", DEMO));
        HttpResponse<String> regated = http.send("POST", "/engine-rest/task/" + meeting + "/complete", "application/json",
                "{\"variables\":{\"meetingDate\":{\"value\":\"2026-02-20\"},\"meetingSession\":{\"value\":\"第17届48次\"},"
                        + "\"gateDecision\":{\"value\":\"APPROVE\"},\"reviewGate\":{\"value\":\"PRINCIPAL_SIGN_OFF\"}}}",
                "Authorization", Http.basic("bayan_office", DEMO));

        // Then both are refused (the missing fields by their labels) and the meeting is still open
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(message(empty)).contains("会议日期", "会议届次");
        assertThat(regated.statusCode()).as(regated.body()).isEqualTo(400);
        assertThat(snapshot(pi)).isEqualTo(atMeeting);
    }

    @Test
    void aTaskCannotBeHandedToAnotherEntityOnAnySpelling() {
        // Given 巴彦县's case at the department material; 司法局's task unclaimed
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = materialTaskOf(pi, "bayan-sfj");
        Map<String, String> before = snapshot(pi);

        for (String slash : List.of("", "/")) {
            // When 司法局's staff claims it for 新华区's owner, sets 新华区's owner as assignee and adds a 5,000-character
            // comment, and 司法局's head (who may hand its tasks on) adds 新华区's drafters and renames it for 新华区's owner
            HttpResponse<String> claim = http.send("POST", "/engine-rest/task/" + task + "/claim" + slash,
                    "application/json", "{\"userId\":\"xinhua_owner\"}", "Authorization", Http.basic("bayan_sfj_staff", DEMO));
            HttpResponse<String> assignee = http.send("POST", "/engine-rest/task/" + task + "/assignee" + slash,
                    "application/json", "{\"userId\":\"xinhua_owner\"}", "Authorization", Http.basic("bayan_sfj_staff", DEMO));
            HttpResponse<String> group = http.send("POST", "/engine-rest/task/" + task + "/identity-links" + slash,
                    "application/json", "{\"groupId\":\"xinhua-drafter\",\"type\":\"candidate\"}", "Authorization",
                    Http.basic("bayan_sfj_head", DEMO));
            HttpResponse<String> comment = http.send("POST", "/engine-rest/task/" + task + "/comment/create" + slash,
                    "application/json", "{\"message\":\"" + "长".repeat(5000) + "\"}", "Authorization",
                    Http.basic("bayan_sfj_staff", DEMO));
            HttpResponse<String> update = http.send("PUT", "/engine-rest/task/" + task + slash, "application/json",
                    "{\"name\":\"报送部门材料：伪造\",\"assignee\":\"xinhua_owner\"}", "Authorization",
                    Http.basic("bayan_sfj_head", DEMO));

            // Then each is refused and the task is still unclaimed, with its own group only, without comments
            assertThat(claim.statusCode()).as("claim" + slash + claim.body()).isEqualTo(403);
            assertThat(assignee.statusCode()).as("assignee" + slash + assignee.body()).isIn(400, 403);
            assertThat(group.statusCode()).as("group" + slash + group.body()).isEqualTo(400);
            assertThat(group.body()).contains("只能交给本单位");
            assertThat(comment.statusCode()).as("comment" + slash + comment.body()).isEqualTo(400);
            assertThat(update.statusCode()).as("update" + slash + update.body()).isEqualTo(403);
            assertThat(snapshot(pi)).isEqualTo(before);
            assertThat(engine.getTaskService().getTaskComments(task)).isEmpty();
        }
    }

    @Test
    void aTaskCompletedTwiceThroughATrailingSlashIsAConflictNotAnError() {
        // Given 公安局's material task, completed by its contributor
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = materialTaskOf(pi, "bayan-gaj");
        String body = "{\"variables\":{\"materialSummary\":{\"value\":\"本局材料\"},\"materialContact\":{\"value\":\"陶科员\"}}}";
        HttpResponse<String> first = http.send("POST", "/engine-rest/task/" + task + "/complete/", "application/json",
                body, "Authorization", Http.basic("bayan_gaj_staff", DEMO));

        // When it is submitted again, with a trailing slash
        HttpResponse<String> second = http.send("POST", "/engine-rest/task/" + task + "/complete/", "application/json",
                body, "Authorization", Http.basic("bayan_gaj_staff", DEMO));

        // Then the first is done and the second a 409 in both languages
        assertThat(first.statusCode()).as(first.body()).isEqualTo(204);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(second.body()).contains("该任务已由他人办理完毕", "already been completed");
    }

    @Test
    void aContributorReadsOnlyWhatItsTaskShowsAndNothingOfTheCaseHistory() {
        // Given 巴彦县's case with its review comments, and 公安局's material task (公安局 may not read the case)
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = materialTaskOf(pi, "bayan-gaj");
        String owner = Http.basic("bayan_owner", DEMO);
        String contributor = Http.basic("bayan_gaj_staff", DEMO);

        // When the contributor reads the case's history, variables and statistics in every way the REST API offers
        List<HttpResponse<String>> history = Stream.of(
                        "/engine-rest/history/variable-instance?processInstanceId=" + pi.getId(),
                        "/engine-rest/history/variable-instance/",
                        "/engine-rest/history/detail?processInstanceId=" + pi.getId(),
                        "/engine-rest/variable-instance?processInstanceIdIn=" + pi.getId(),
                        "/engine-rest/execution/" + pi.getId() + "/localVariables",
                        "/engine-rest/process-definition/statistics",
                        "/engine-rest/process-definition/statistics/",
                        "/engine-rest/history/process-instance/report?reportType=duration&periodUnit=month")
                .map(path -> http.get(path, "Authorization", contributor)).toList();
        HttpResponse<String> caseVariables = http.get("/engine-rest/process-instance/" + pi.getId() + "/variables",
                "Authorization", contributor);
        HttpResponse<String> taskVariables = http.get("/engine-rest/task/" + task + "/variables", "Authorization",
                contributor);
        HttpResponse<String> formVariables = http.get("/engine-rest/task/" + task + "/form-variables",
                "Authorization", contributor);
        HttpResponse<String> oneVariable = http.get("/engine-rest/task/" + task + "/variables/" + VAR_REVIEW_GATE,
                "Authorization", contributor);

        // Then the history and statistics are closed to them, the case's variables not found, and their task shows
        // what its form shows and nothing of the case's routing; the form's context (the case's name and year, the
        // department) comes from the application
        assertThat(history).allSatisfy(r -> assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(403));
        assertThat(caseVariables.statusCode()).isIn(403, 404);
        assertThat(http.get("/api/tasks/" + task + "/material", "Authorization", contributor).body())
                .contains("\"entityName\":\"巴彦县人民政府\"", "\"year\":2025")
                .doesNotContain(VAR_REVIEW_GATE, "filingRecipients");
        assertThat(names(taskVariables)).doesNotContain(VAR_REVIEW_GATE, VAR_ENTITY_CODE, VAR_FILING_RECIPIENTS, "deadlinePublication",
                        VAR_DOCUMENT_NUMBER_PREFIX);
        assertThat(names(formVariables)).isSubsetOf(names(taskVariables));
        assertThat(oneVariable.statusCode()).isEqualTo(404);

        // And whoever may read the whole case reads all of it through a task: the administrator through this one, the
        // county's owner through the case itself
        assertThat(names(http.get("/engine-rest/task/" + task + "/variables", "Authorization",
                Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD)))).contains(VAR_REVIEW_GATE, VAR_ENTITY_CODE,
                VAR_FILING_RECIPIENTS);
        assertThat(names(http.get("/engine-rest/process-instance/" + pi.getId() + "/variables", "Authorization",
                owner))).contains(VAR_REVIEW_GATE, VAR_ENTITY_CODE, VAR_FILING_RECIPIENTS);
    }

    @Test
    void onlyAdministratorsChangeVariablesOrSteerTheCaseWithErrorsEvenOnTheirOwnTask() {
        // Given 公安局's material task, claimed by its contributor
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = materialTaskOf(pi, "bayan-gaj");
        engine.getTaskService().claim(task, "bayan_gaj_staff");
        Map<String, String> before = snapshot(pi);
        String contributor = Http.basic("bayan_gaj_staff", DEMO);

        // When the holder sets, changes and deletes variables through the task and the case, throws a BPMN error
        // and an escalation, and corrects a message
        List<HttpResponse<String>> answers = List.of(
                http.send("PUT", "/engine-rest/task/" + task + "/variables/entityCode", "application/json",
                        "{\"value\":\"xinhua\"}", "Authorization", contributor),
                http.send("POST", "/engine-rest/task/" + task + "/variables", "application/json",
                        "{\"modifications\":{\"reviewGate\":{\"value\":\"PRINCIPAL_SIGN_OFF\"}}}", "Authorization", contributor),
                http.send("DELETE", "/engine-rest/task/" + task + "/variables/entityCode", null, null,
                        "Authorization", contributor),
                http.send("PUT", "/engine-rest/process-instance/" + pi.getId() + "/variables/entityCode",
                        "application/json", "{\"value\":\"xinhua\"}", "Authorization", contributor),
                http.send("POST", "/engine-rest/task/" + task + "/bpmnError", "application/json",
                        "{\"errorCode\":\"skip\"}", "Authorization", contributor),
                http.send("POST", "/engine-rest/task/" + task + "/bpmnEscalation", "application/json",
                        "{\"escalationCode\":\"skip\"}", "Authorization", contributor),
                http.send("POST", "/engine-rest/message", "application/json",
                        "{\"messageName\":\"x\",\"processInstanceId\":\"" + pi.getId() + "\"}", "Authorization", contributor));

        // Then each is refused at the gate, and the case is as it was
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(403));
        assertThat(snapshot(pi)).isEqualTo(before);
    }

    @Test
    void aCaseCannotBeStartedAtALaterStepOrWithItsListenersSkipped() {
        // Given no case of 新华区 for 2024, and none of 巴彦县 for 2025 yet
        long before = engine.getRuntimeService().createProcessInstanceQuery().count();
        String forged = "{\"businessKey\":\"xinhua:2024\",\"variables\":{\"entityCode\":{\"value\":\"xinhua\"},"
                + "\"reportingYear\":{\"value\":2024}},\"startInstructions\":[{\"type\":\"startBeforeActivity\","
                + "\"activityId\":\"UserTask_SignAndIssue\"}]}";
        String skipped = "{\"variables\":{\"entityCode\":{\"value\":\"bayan\"},\"reportingYear\":{\"value\":2025}},"
                + "\"skipCustomListeners\":true,\"skipIoMappings\":true,\"startInstructions\":[{\"type\":"
                + "\"startBeforeActivity\",\"activityId\":\"UserTask_Archive\"}]}";

        // When 巴彦县's owner starts cases before 签发 (for another entity) and at 归档 with listeners skipped, over
        // /engine-rest and through Tasklist's session
        HttpResponse<String> viaRest = http.send("POST", "/engine-rest/process-definition/key/annual-report/start",
                "application/json", forged, "Authorization", Http.basic("bayan_owner", DEMO));
        HttpResponse<String> viaRestSkipping = http.send("POST",
                "/engine-rest/process-definition/key/annual-report/start/", "application/json", skipped,
                "Authorization", Http.basic("bayan_owner", DEMO));
        HttpResponse<String> viaTasklist = WebappSession.login(base(), "tasklist", "bayan_owner", DEMO)
                .postJson("/camunda/api/engine/engine/default/process-definition/key/annual-report/start", forged);

        // Then each is refused in both languages and no case exists
        for (HttpResponse<String> answer : List.of(viaRest, viaRestSkipping, viaTasklist)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
            assertThat(answer.body()).contains("启动表单", "start form");
        }
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void aContributorCannotPassTheCaseOnNorMoveItsOwnDeadline() {
        // Given 营商环境建设监督局's material task, claimed by its contributor, who may not read the county's case
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = materialTaskOf(pi, "bayan-yshj");
        engine.getTaskService().claim(task, "bayan_yshj_staff");
        Map<String, String> before = snapshot(pi);
        String contributor = Http.basic("bayan_yshj_staff", DEMO);

        // When the contributor copies the case (抄送) to 新华区's owner, and saves the task with a later due date, a
        // priority and a case instance of her own, as Tasklist's task form would send them
        HttpResponse<String> copy = http.send("POST", "/api/tasks/" + task + "/copies", "application/json",
                "{\"userId\":\"xinhua_owner\",\"note\":\"fyi\"}", "Authorization", contributor);
        HttpResponse<String> due = http.send("PUT", "/engine-rest/task/" + task, "application/json",
                "{\"name\":\"" + engine.getTaskService().createTaskQuery().taskId(task).singleResult().getName()
                        + "\",\"assignee\":\"bayan_yshj_staff\",\"due\":\"2099-12-31T00:00:00.000+0800\","
                        + "\"priority\":100}", "Authorization", contributor);

        // Then both are refused, 新华区's owner still cannot read the case, and nothing changed
        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(403);
        assertThat(due.statusCode()).as(due.body()).isEqualTo(403);
        assertThat(due.body()).contains("到期日");
        assertThat(http.get("/api/reports/bayan/2025", "Authorization", Http.basic("xinhua_owner", DEMO)).statusCode())
                .isEqualTo(404);
        assertThat(snapshot(pi)).isEqualTo(before);
    }

    @Test
    void aRequiredFieldOfInvisibleCharactersIsMissing() {
        // Given 公安局's material task
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = materialTaskOf(pi, "bayan-gaj");

        // When it is completed with a zero-width space as the material and a no-break space as the contact
        HttpResponse<String> answer = http.send("POST", "/engine-rest/task/" + task + "/complete", "application/json",
                "{\"variables\":{\"materialSummary\":{\"value\":\"\u200b\"},\"materialContact\":{\"value\":\"\u00a0\"}}}",
                "Authorization", Http.basic("bayan_gaj_staff", DEMO));

        // Then both count as missing
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(message(answer)).contains("为必填项");
        assertThat(cases.tasks(pi, TASK_SUBMIT_MATERIAL)).extracting(Task::getId).contains(task);
    }

    @Test
    void camundaModelerDeploysForAdministratorsOnly() {
        // Given a small process, as Camunda Modeler's deploy dialog sends it (multipart, HTTP Basic)
        String boundary = "modeler-boundary";
        String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><bpmn:definitions xmlns:bpmn="
                + "\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\""
                + " id=\"d\" targetNamespace=\"t\"><bpmn:process id=\"modeler-probe\" isExecutable=\"true\""
                + " camunda:historyTimeToLive=\"P1D\"><bpmn:startEvent id=\"s\"/></bpmn:process></bpmn:definitions>";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nprobe\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"probe.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        String type = "multipart/form-data; boundary=" + boundary;

        // When a process owner and the administrator deploy it
        HttpResponse<String> byOwner = http.send("POST", "/engine-rest/deployment/create", type, body, "Authorization",
                Http.basic("bayan_owner", DEMO));
        HttpResponse<String> byAdmin = http.send("POST", "/engine-rest/deployment/create", type, body, "Authorization",
                Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD));

        // Then only the administrator's deployment is made
        try {
            assertThat(byOwner.statusCode()).isEqualTo(403);
            assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
            assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("modeler-probe")
                    .count()).isEqualTo(1);
        } finally {
            engine.getRepositoryService().createDeploymentQuery().deploymentName("probe").list()
                    .forEach(d -> engine.getRepositoryService().deleteDeployment(d.getId(), true));
        }
    }

    @Test
    void aContributorCannotTellTheCasesRoutingByFilteringTasks() {
        // Given 公安局's material task of 巴彦县's case, which goes to the 政府常务会议
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = materialTaskOf(pi, "bayan-gaj");
        String contributor = Http.basic("bayan_gaj_staff", DEMO);
        String byGate = "{\"processVariables\":[{\"name\":\"reviewGate\",\"operator\":\"eq\","
                + "\"value\":\"EXECUTIVE_MEETING\"}]}";
        String filterId = engine.getFilterService().createFilterQuery().filterName("我的待办").singleResult().getId();

        // When the contributor lists and counts tasks by the case's review gate, its deadline or its supervising
        // office — runtime, history, and through Tasklist's filter — and by the entity's name, which every list shows
        List<HttpResponse<String>> conditioned = List.of(
                http.send("POST", "/engine-rest/task", "application/json", byGate, "Authorization", contributor),
                http.send("POST", "/engine-rest/task/count", "application/json", byGate, "Authorization", contributor),
                http.send("POST", "/engine-rest/task", "application/json", "{\"orQueries\":[" + byGate + "]}",
                        "Authorization", contributor),
                http.send("POST", "/engine-rest/history/task/count", "application/json",
                        "{\"processVariables\":[{\"name\":\"supervisingOffice\",\"operator\":\"like\","
                                + "\"value\":\"中共哈尔滨%\"}]}", "Authorization", contributor),
                http.get("/engine-rest/task?processVariables=deadlinePublication_gt_2026-03-30T00:00:00.000%2B0800",
                        "Authorization", contributor),
                http.send("POST", "/engine-rest/filter/" + filterId + "/count", "application/json", byGate,
                        "Authorization", contributor));
        String byEntityName = "{\"processVariables\":[{\"name\":\"entityName\",\"operator\":\"like\","
                + "\"value\":\"巴彦%\"}]}";
        HttpResponse<String> byName = http.send("POST", "/engine-rest/task/count", "application/json", byEntityName,
                "Authorization", contributor);
        List<HttpResponse<String>> tasklist = List.of(
                http.send("POST", "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
                        "application/json", "{}", "Authorization", contributor),
                http.send("POST", "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
                        "application/json", byEntityName, "Authorization", contributor));

        // Then each condition on the case's routing is refused, the one on the listed name answered
        assertThat(conditioned).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(403);
            assertThat(r.body()).contains("只能按");
        });
        assertThat(byName.statusCode()).as(byName.body()).isEqualTo(200);
        assertThat(byName.body()).contains("\"count\":1");
        // and Tasklist's own list of the filter, plain and searched by name, shows the contributor's task
        assertThat(tasklist).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(200);
            assertThat(r.body()).contains(task);
        });
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private String materialTaskOf(ProcessInstance pi, String department) {
        return cases.tasks(pi, TASK_SUBMIT_MATERIAL).stream()
                .filter(t -> engine.getTaskService().getIdentityLinksForTask(t.getId()).stream()
                        .anyMatch(l -> (department + "-contributor").equals(l.getGroupId())))
                .findFirst().orElseThrow().getId();
    }

    /** The case as it stands: every variable (serialized, as stored) and every open task with who holds it. */
    private Map<String, String> snapshot(ProcessInstance pi) {
        Map<String, String> out = new TreeMap<>();
        for (VariableInstance v : engine.getRuntimeService().createVariableInstanceQuery()
                .processInstanceIdIn(pi.getId()).disableCustomObjectDeserialization().list()) {
            TypedValue value = v.getTypedValue();
            out.put("var " + v.getName() + "@" + v.getExecutionId(), v.getTypeName() + "="
                    + (value instanceof SerializableValue s && !s.isDeserialized() ? s.getValueSerialized() : v.getValue()));
        }
        for (Task t : engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).list()) {
            out.put("task " + t.getId(), t.getTaskDefinitionKey() + " " + t.getName() + " assignee=" + t.getAssignee()
                    + " owner=" + t.getOwner() + " due=" + t.getDueDate() + " links=" + engine.getTaskService()
                    .getIdentityLinksForTask(t.getId()).stream()
                    .map(l -> l.getType() + ":" + l.getUserId() + ":" + l.getGroupId()).sorted().toList());
        }
        return out;
    }

    private static java.util.Set<String> names(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            java.util.Set<String> names = new java.util.TreeSet<>();
            JSON.readTree(response.body()).fieldNames().forEachRemaining(names::add);
            return names;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String message(HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            return body.path("message").asText() + " " + body.path("messageZh").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
