package cn.fazhi.annualreport.migration;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.notification.ReminderService;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 15, migration of running cases, as the administrator does it over HTTP: a changed copy of the shipped diagram
 * is deployed as a new version (a task added after drafting, an escalation timer on drafting, the 抄送 reminder taken
 * out, 征求意见 renamed, a deadline moved), cases stand at several points of the old one, and the administrator plans,
 * reads the dry run, migrates the cases that can move in a Camunda batch and follows it.
 */
@AnnualReportTest
class CaseMigrationApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "Fz-Test-K7q#2026-Vw";
    private static final String DEMO = "demo";
    private static final String TASK_CHECK_DRAFT = "UserTask_CheckDraft";
    private static final String TIMER_ESCALATION = "Timer_DraftReportEscalation";
    private static final String TIMER_COPY_REMINDER = reminderTimerOf(TASK_COPY);
    /** The tables of the application's own records of a case: keyed by case (business key), not by version. */
    private static final List<String> RECORDS = List.of("report_document_version", "department_material",
            "filing_receipt", "document_number", "case_copy", "publication");

    @Autowired
    ProcessEngine engine;
    @Autowired
    ReminderService reminders;
    @LocalServerPort
    int port;

    TestCases cases;
    JdbcTemplate jdbc;
    String newDeployment;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        jdbc = new JdbcTemplate(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getDataSource());
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        ManagementService management = engine.getManagementService();
        management.createBatchQuery().list().forEach(b -> management.deleteBatch(b.getId(), true));
        engine.getHistoryService().createHistoricBatchQuery().list()
                .forEach(b -> engine.getHistoryService().deleteHistoricBatch(b.getId()));
        cases.cleanUp();
        if (newDeployment != null) {
            // the next tests start their cases on the shipped diagram again
            engine.getRepositoryService().deleteDeployment(newDeployment, true);
        }
    }

    @Test
    void theAdministratorPlansDryRunsAndMigratesTheCasesThatCanMoveAndTheyGoOnOnTheNewVersion() throws Exception {
        // Given four cases on the shipped version: 巴彦县 waiting on its departments' material (one department has
        // handed in), 公安局 drafting (its drafter holds the task and was reminded), 司法局 filing (multi-instance
        // filing tasks beside the copy and the secrecy review), and 教育局 soliciting opinions
        ProcessDefinition shipped = latest();
        ProcessInstance material = cases.start("bayan", 2025);
        Task firstMaterial = cases.tasks(material, TASK_SUBMIT_MATERIAL).get(0);
        engine.getTaskService().complete(firstMaterial.getId(), TestCases.material());
        // a notice recorded without re-planning yet: the re-planning after the migration must apply it
        engine.getRuntimeService().setVariable(material.getId(), VAR_DEADLINE_OVERRIDES, "{\"FILING\":\"2026-03-10\"}");
        Date filingDeadlineBefore = (Date) engine.getRuntimeService().getVariable(material.getId(), "deadlineFiling");

        ProcessInstance drafting = cases.start("bayan-gaj", 2025);
        Task draft = cases.task(drafting, TASK_DRAFT);
        engine.getTaskService().claim(draft.getId(), "bayan_gaj_staff");

        ProcessInstance filing = cases.start("bayan-sfj", 2025);
        cases.complete(filing, TASK_DRAFT, TestCases.draft(false));
        cases.complete(filing, TASK_INTERNAL_REVIEW, TestCases.internalReview("APPROVE"));
        cases.complete(filing, TASK_LEADERSHIP_MEETING, TestCases.meeting("APPROVE"));
        cases.complete(filing, TASK_SIGN_AND_ISSUE, Map.of("issuedBy", "魏局长", "issueDate", "2026-02-25"));
        assertThat(cases.tasks(filing, TASK_FILE)).hasSizeGreaterThan(1);

        ProcessInstance soliciting = cases.start("bayan-jyj", 2025);
        cases.complete(soliciting, TASK_DRAFT, TestCases.draft(true));
        cases.task(soliciting, TASK_SOLICIT_OPINIONS);

        // and the drafter's first reminder went out
        Job reminder = timer(drafting, reminderTimerOf(TASK_DRAFT));
        ClockUtil.setCurrentTime(reminder.getDuedate());
        engine.getManagementService().executeJob(reminder.getId());
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(drafting.getId()).activityId("ServiceTask_RemindDraftReport").singleResult().getId());
        assertThat(remindersSent(draft.getId())).isEqualTo(1);

        // and the changed diagram deployed as a new version, with its forms, as the admin's guide says
        ProcessDefinition changed = deployChangedDiagram();
        assertThat(changed.getVersion()).isGreaterThan(shipped.getVersion());
        Map<String, List<String>> tasksBefore = openTasks(material, drafting, filing);
        Map<String, Map<String, Object>> recordsBefore = records();

        // When the administrator asks for the plan and dry run from the shipped version to the latest
        HttpResponse<String> planned = send("POST", "/api/admin/migrations/plan",
                "{\"sourceDefinitionId\":\"" + shipped.getId() + "\"}", ADMIN, ADMIN_PASSWORD);

        // Then the report names the versions, what of the shipped diagram has no counterpart and what is new
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(planned.body());
        assertThat(report.at("/source/id").asText()).isEqualTo(shipped.getId());
        assertThat(report.at("/target/id").asText()).isEqualTo(changed.getId());
        assertThat(ids(report.get("sourceActivitiesWithoutTarget"))).contains(TASK_SOLICIT_OPINIONS,
                reminderTimerOf(TASK_SOLICIT_OPINIONS), TIMER_COPY_REMINDER, "ServiceTask_RemindCopyToSupervisingOffice")
                .doesNotContain(TASK_DRAFT, TASK_FILE, TASK_SUBMIT_MATERIAL);
        assertThat(ids(report.get("newTargetActivities"))).contains(TASK_CHECK_DRAFT, TIMER_ESCALATION,
                "UserTask_CollectOpinions");
        // and four cases, three of which can move
        assertThat(report.get("cases").asInt()).isEqualTo(4);
        assertThat(report.get("canMigrate").asInt()).as(planned.body()).isEqualTo(3);
        Map<String, JsonNode> byKey = new HashMap<>();
        report.get("caseReports").forEach(c -> byKey.put(c.get("businessKey").asText(), c));
        assertThat(byKey).containsOnlyKeys("bayan:2025", "bayan-gaj:2025", "bayan-sfj:2025", "bayan-jyj:2025");

        // the material case: where it stands (the open department tasks), its reminder and deadline timers kept
        JsonNode atMaterial = byKey.get("bayan:2025");
        assertThat(atMaterial.get("entityName").asText()).isEqualTo("巴彦县人民政府");
        assertThat(atMaterial.get("canMigrate").asBoolean()).isTrue();
        assertThat(atMaterial.at("/standsAt/" + TASK_SUBMIT_MATERIAL).asInt())
                .as(atMaterial + "\n" + engine.getRuntimeService().getActivityInstance(material.getId()))
                .isEqualTo(cases.tasks(material, TASK_SUBMIT_MATERIAL).size());
        assertThat(activities(atMaterial.get("timersKept")))
                .contains(reminderTimerOf(TASK_SUBMIT_MATERIAL), TIMER_MATERIALS_DEADLINE);
        assertThat(atMaterial.get("timersRemoved")).isEmpty();
        // the drafting case: the new escalation timer emerges
        JsonNode atDraft = byKey.get("bayan-gaj:2025");
        assertThat(activities(atDraft.get("timersKept"))).containsExactly(reminderTimerOf(TASK_DRAFT));
        assertThat(activities(atDraft.get("timersCreated"))).containsExactly(TIMER_ESCALATION);
        assertThat(atDraft.at("/tasks/0/assignee").asText()).isEqualTo("bayan_gaj_staff");
        // the filing case: in three branches; the copy's reminder is removed, and the report says it is lost
        JsonNode atFiling = byKey.get("bayan-sfj:2025");
        assertThat(atFiling.at("/standsAt/" + TASK_FILE).asInt()).isEqualTo(cases.tasks(filing, TASK_FILE).size());
        assertThat(atFiling.at("/standsAt/" + TASK_COPY).asInt()).isEqualTo(1);
        assertThat(atFiling.at("/standsAt/" + TASK_SECRECY_REVIEW).asInt()).isEqualTo(1);
        assertThat(activities(atFiling.get("timersRemoved"))).containsExactly(TIMER_COPY_REMINDER);
        assertThat(atFiling.get("lost").toString()).contains(TIMER_COPY_REMINDER);
        // the soliciting case cannot move: listed with the engine's reason, not dropped
        JsonNode atSolicit = byKey.get("bayan-jyj:2025");
        assertThat(atSolicit.get("canMigrate").asBoolean()).isFalse();
        assertThat(atSolicit.get("failures").toString()).contains(TASK_SOLICIT_OPINIONS);
        assertThat(atSolicit.at("/standsAt/" + TASK_SOLICIT_OPINIONS).asInt()).isEqualTo(1);

        // and the dry run changed nothing: every case on the shipped version, the notice not yet applied
        assertThat(definitionOf(material, drafting, filing, soliciting)).containsOnly(shipped.getId());
        assertThat(engine.getRuntimeService().getVariable(material.getId(), "deadlineFiling"))
                .isEqualTo(filingDeadlineBefore);
        assertThat(timer(drafting, TIMER_ESCALATION)).isNull();

        // When the renamed task is mapped explicitly
        HttpResponse<String> mapped = send("POST", "/api/admin/migrations/plan", "{\"sourceVersion\":"
                + shipped.getVersion() + ",\"instructions\":[{\"source\":\"" + TASK_SOLICIT_OPINIONS
                + "\",\"target\":\"UserTask_CollectOpinions\"},{\"source\":\"" + reminderTimerOf(TASK_SOLICIT_OPINIONS)
                + "\",\"target\":\"Timer_CollectOpinionsReminder\"}]}", ADMIN, ADMIN_PASSWORD);

        // Then that case could move too
        assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(200);
        assertThat(JSON.readTree(mapped.body()).get("canMigrate").asInt()).isEqualTo(4);

        // When an instruction names an activity the new version does not have
        HttpResponse<String> invalid = send("POST", "/api/admin/migrations/plan", "{\"sourceVersion\":"
                + shipped.getVersion() + ",\"instructions\":[{\"source\":\"" + TASK_SOLICIT_OPINIONS
                + "\",\"target\":\"UserTask_NoSuchTask\"}]}", ADMIN, ADMIN_PASSWORD);

        // Then the plan is refused, in both languages, with the failing instruction
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        JsonNode refusal = JSON.readTree(invalid.body());
        assertThat(refusal.get("messageZh").asText()).contains("迁移计划无效");
        assertThat(refusal.get("messageEn").asText()).contains("migration plan is not valid");
        assertThat(refusal.get("details").toString()).contains("UserTask_NoSuchTask");

        // When the administrator migrates
        HttpResponse<String> started = send("POST", "/api/admin/migrations",
                "{\"sourceDefinitionId\":\"" + shipped.getId() + "\"}", ADMIN, ADMIN_PASSWORD);

        // Then a batch is under way for the three cases that can move; the fourth stays, with its reason
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode batch = JSON.readTree(started.body());
        String batchId = batch.get("batchId").asText();
        assertThat(started.headers().firstValue("Location")).contains("/api/admin/migrations/" + batchId);
        assertThat(texts(batch.get("migrating"))).containsExactlyInAnyOrder(material.getId(), drafting.getId(),
                filing.getId());
        assertThat(batch.at("/leftOnSource/0/businessKey").asText()).isEqualTo("bayan-jyj:2025");
        JsonNode waiting = progress(batchId);
        assertThat(waiting.get("state").asText()).isEqualTo("RUNNING");
        assertThat(waiting.get("total").asInt()).isEqualTo(3);
        assertThat(waiting.get("done").asInt()).isZero();

        // When the job executor runs the batch: its seed job, the migration jobs, the monitor job
        runBatch(batchId);

        // Then the batch is finished, and the three cases are on the new version, the fourth on the old
        JsonNode done = progress(batchId);
        assertThat(done.get("state").asText()).isEqualTo("FINISHED");
        assertThat(done.get("done").asInt()).isEqualTo(3);
        assertThat(done.get("failed").asInt()).isZero();
        assertThat(definitionOf(material, drafting, filing)).containsOnly(changed.getId());
        assertThat(definitionOf(soliciting)).containsOnly(shipped.getId());
        // the tasks kept their ids, assignees and due dates
        assertThat(openTasks(material, drafting, filing)).isEqualTo(tasksBefore);
        // the timers are there: reminders, the materials deadline, the new escalation; the copy's reminder gone
        assertThat(timer(material, reminderTimerOf(TASK_SUBMIT_MATERIAL))).isNotNull();
        assertThat(timer(material, TIMER_MATERIALS_DEADLINE)).isNotNull();
        assertThat(timer(drafting, TIMER_ESCALATION)).isNotNull();
        assertThat(timer(filing, reminderTimerOf(TASK_FILE))).isNotNull();
        assertThat(timer(filing, TIMER_COPY_REMINDER)).isNull();
        // the case was re-planned on the new version: the recorded notice is now in its deadlines
        Date filingDeadline = (Date) engine.getRuntimeService().getVariable(material.getId(), "deadlineFiling");
        assertThat(filingDeadline.toInstant().atZone(TestCases.ZONE).toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 10));
        // the reminder already sent is not sent again (the mail log is keyed by task and slot; the task kept its id)
        assertThat(reminders.remindOpenTasks(drafting.getId(), TASK_DRAFT,
                (Date) engine.getRuntimeService().getVariable(drafting.getId(), "deadlineFirstDraft"))).isZero();
        assertThat(remindersSent(draft.getId())).isEqualTo(1);
        assertThat(timer(drafting, reminderTimerOf(TASK_DRAFT)).getDuedate()).isAfter(ClockUtil.getCurrentTime());
        // documents, material, filing records and document numbers are untouched
        assertThat(records()).isEqualTo(recordsBefore);

        // When the drafter hands in the draft on the new version
        cases.complete(drafting, TASK_DRAFT, TestCases.draft(false));

        // Then the new task follows, for the entity's drafters, due with the first draft
        Task check = cases.task(drafting, TASK_CHECK_DRAFT);
        assertThat(engine.getTaskService().getIdentityLinksForTask(check.getId()))
                .anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("bayan-gaj-drafter"));
        assertThat(check.getDueDate()).isEqualTo(
                engine.getRuntimeService().getVariable(drafting.getId(), "deadlineFirstDraft"));
        cases.complete(drafting, TASK_CHECK_DRAFT, Map.of());
        cases.task(drafting, TASK_INTERNAL_REVIEW);
    }

    @Test
    void whoIsNotAnAdministratorIsRefusedOnEverySpellingOfThePath() throws Exception {
        String body = "{\"sourceVersion\":1}";
        for (String path : List.of("/api/admin/migrations/plan", "/api/admin/migrations/plan/",
                "/api/ADMIN/migrations/plan", "/API/admin/migrations/plan", "/api/Admin/Migrations/Plan",
                "/api/admin/migrations", "/api/admin/migrations/", "/api/admin/MIGRATIONS")) {
            // When the head of 公安局 (an owner, not an administrator) calls it
            HttpResponse<String> answer = send("POST", path, body, "bayan_gaj_head", DEMO);

            // Then it is refused with 403, in both languages
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(403);
            JsonNode refusal = JSON.readTree(answer.body());
            assertThat(refusal.get("messageZh").asText()).as(path).isNotBlank();
            assertThat(refusal.get("messageEn").asText()).as(path).isNotBlank();
        }
        for (String path : List.of("/api/admin/migrations/123", "/api/admin/migrations/123/",
                "/api/admin/Migrations/123")) {
            HttpResponse<String> answer = send("GET", path, null, "bayan_gaj_head", DEMO);
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(403);
        }
        // and the ambiguous spellings are refused before anyone looks at them: by the gate's firewall (400, in both
        // languages), an encoded slash already by the servlet container (its own 400 page)
        for (String path : List.of("//api/admin/migrations/plan", "/api/admin//migrations/plan",
                "/api/admin/./migrations/plan", "/api/admin/migrations/plan;x=1", "/api/admin%2Fmigrations/plan")) {
            HttpResponse<String> answer = send("POST", path, body, "bayan_gaj_head", DEMO);
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isIn(400, 403);
            if (answer.body().startsWith("{")) {
                assertThat(JSON.readTree(answer.body()).get("messageEn").asText()).as(path).isNotBlank();
                assertThat(JSON.readTree(answer.body()).get("messageZh").asText()).as(path).isNotBlank();
            }
        }
        // and without a login it is 401
        assertThat(send("POST", "/api/admin/migrations/plan", body, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownBatchIsNotFoundAndAMissingSourceIsABadRequest() throws Exception {
        HttpResponse<String> unknown = send("GET", "/api/admin/migrations/no-such-batch", null, ADMIN, ADMIN_PASSWORD);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);

        HttpResponse<String> noSource = send("POST", "/api/admin/migrations/plan", "{}", ADMIN, ADMIN_PASSWORD);
        assertThat(noSource.statusCode()).as(noSource.body()).isEqualTo(400);
        assertThat(JSON.readTree(noSource.body()).get("messageZh").asText()).contains("源版本");
    }

    // ---- the changed diagram, as an administrator edits it in Camunda Modeler -------------------------------------

    /**
     * The shipped diagram changed: 校核报告稿 added after 起草 (drafters, due with the first draft); a 到期督办 timer on
     * 起草; the 抄送 reminder taken out; 征求意见 renamed (its id changes, so a case standing there has no counterpart);
     * 补录回执 due in 15 working days instead of 10. Deployed with the forms, as one deployment.
     */
    private ProcessDefinition deployChangedDiagram() throws IOException {
        String xml = resource("bpmn/annual-report.bpmn");
        xml = replaceOnce(xml, "<bpmn:sequenceFlow id=\"Flow_DraftToSolicit\" sourceRef=\"UserTask_DraftReport\" "
                        + "targetRef=\"Gateway_SolicitOpinions\" />",
                "<bpmn:sequenceFlow id=\"Flow_DraftToSolicit\" sourceRef=\"UserTask_DraftReport\" "
                        + "targetRef=\"" + TASK_CHECK_DRAFT + "\" />\n"
                        + "<bpmn:sequenceFlow id=\"Flow_CheckDraftToSolicit\" sourceRef=\"" + TASK_CHECK_DRAFT
                        + "\" targetRef=\"Gateway_SolicitOpinions\" />\n"
                        + "<bpmn:sequenceFlow id=\"Flow_DraftReportEscalationDue\" sourceRef=\"" + TIMER_ESCALATION
                        + "\" targetRef=\"ServiceTask_EscalateDraftReport\" />\n"
                        + "<bpmn:sequenceFlow id=\"Flow_DraftReportEscalated\" sourceRef=\"ServiceTask_EscalateDraftReport\""
                        + " targetRef=\"EndEvent_DraftReportEscalated\" />");
        xml = replaceOnce(xml, "<bpmn:incoming>Flow_DraftToSolicit</bpmn:incoming>",
                "<bpmn:incoming>Flow_CheckDraftToSolicit</bpmn:incoming>");
        xml = replaceOnce(xml, "<bpmn:exclusiveGateway id=\"Gateway_SolicitOpinions\"",
                "<bpmn:userTask id=\"" + TASK_CHECK_DRAFT + "\" camunda:modelerTemplate=\"cn.fazhi.annualreport.due-date\" "
                        + "camunda:modelerTemplateVersion=\"1\" name=\"校核报告稿\" "
                        + "camunda:candidateGroups=\"${entityCode}-drafter\" camunda:dueDate=\"${deadlineFirstDraft}\">"
                        + "<bpmn:documentation>起草人员核对报告稿的数据和文字后再送审核。</bpmn:documentation>"
                        + "<bpmn:incoming>Flow_DraftToSolicit</bpmn:incoming>"
                        + "<bpmn:outgoing>Flow_CheckDraftToSolicit</bpmn:outgoing></bpmn:userTask>\n"
                        + "<bpmn:boundaryEvent id=\"" + TIMER_ESCALATION + "\" name=\"到期督办\" cancelActivity=\"false\" "
                        + "attachedToRef=\"UserTask_DraftReport\"><bpmn:outgoing>Flow_DraftReportEscalationDue"
                        + "</bpmn:outgoing><bpmn:timerEventDefinition id=\"TimerDef_DraftReportEscalation\">"
                        + "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${deadlineFirstDraft}</bpmn:timeDate>"
                        + "</bpmn:timerEventDefinition></bpmn:boundaryEvent>\n"
                        + "<bpmn:serviceTask id=\"ServiceTask_EscalateDraftReport\" "
                        + "camunda:modelerTemplate=\"cn.fazhi.annualreport.reminder\" camunda:modelerTemplateVersion=\"1\" "
                        + "name=\"发送督办邮件\" camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${sendReminderDelegate}\">"
                        + "<bpmn:extensionElements><camunda:inputOutput>"
                        + "<camunda:inputParameter name=\"remindedTaskKey\">UserTask_DraftReport</camunda:inputParameter>"
                        + "<camunda:inputParameter name=\"deadlineVariable\">deadlineFirstDraft</camunda:inputParameter>"
                        + "</camunda:inputOutput></bpmn:extensionElements>"
                        + "<bpmn:incoming>Flow_DraftReportEscalationDue</bpmn:incoming>"
                        + "<bpmn:outgoing>Flow_DraftReportEscalated</bpmn:outgoing></bpmn:serviceTask>\n"
                        + "<bpmn:endEvent id=\"EndEvent_DraftReportEscalated\" name=\"已督办\">"
                        + "<bpmn:incoming>Flow_DraftReportEscalated</bpmn:incoming></bpmn:endEvent>\n"
                        + "<bpmn:exclusiveGateway id=\"Gateway_SolicitOpinions\"");
        xml = xml.lines().filter(line -> !line.contains("CopyToSupervisingOfficeRemind")
                        && !line.contains("RemindCopyToSupervisingOffice"))
                .collect(Collectors.joining("\n"));
        xml = replaceOnce(xml, "camunda:dueDate=\"10WD\"", "camunda:dueDate=\"15WD\"");
        xml = xml.replace("SolicitOpinions", "CollectOpinions");

        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("annual-report")
                .source("Camunda Modeler").addString("bpmn/annual-report.bpmn", xml);
        for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.*")) {
            try (InputStream in = form.getInputStream()) {
                deployment.addString("forms/" + form.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        newDeployment = deployment.deploy().getId();
        return latest();
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("the diagram contains %s", from).isNotNegative();
        assertThat(text.indexOf(from, at + 1)).as("only once: %s", from).isNegative();
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CaseMigrationApiTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- engine helpers ---------------------------------------------------------------------------------------------

    private ProcessDefinition latest() {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
                .latestVersion().singleResult();
    }

    private Job timer(ProcessInstance pi, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .activityId(activityId).singleResult();
    }

    private List<String> definitionOf(ProcessInstance... instances) {
        List<String> out = new ArrayList<>();
        for (ProcessInstance pi : instances) {
            out.add(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId())
                    .singleResult().getProcessDefinitionId());
        }
        return out;
    }

    /** Each open task of the cases: id, definition key, assignee, due date. */
    private Map<String, List<String>> openTasks(ProcessInstance... instances) {
        Map<String, List<String>> out = new HashMap<>();
        for (ProcessInstance pi : instances) {
            engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).list().forEach(t ->
                    out.put(t.getId(), List.of(t.getTaskDefinitionKey(), String.valueOf(t.getAssignee()),
                            String.valueOf(t.getDueDate() == null ? null : t.getDueDate().getTime()))));
        }
        return out;
    }

    private int remindersSent(String taskId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM mail_log WHERE dedup_key LIKE ? AND status = 'SENT'",
                Integer.class, "reminder:" + taskId + ":%");
    }

    private Map<String, Map<String, Object>> records() {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (String table : RECORDS) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
                Map<String, Object> copy = new HashMap<>();
                row.forEach((column, value) -> copy.put(column,
                        value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : value));
                rows.add(copy);
            }
            out.put(table, Map.of("rows", rows));
        }
        return out;
    }

    /** Runs the batch's jobs as the job executor would: the seed job, each migration job, then the monitor job. */
    private void runBatch(String batchId) {
        ManagementService management = engine.getManagementService();
        Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
        management.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId()).list()
                .forEach(j -> management.executeJob(j.getId()));
        List<Job> migrations = management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).list();
        assertThat(migrations).hasSize(3);
        migrations.forEach(j -> management.executeJob(j.getId()));
        management.createJobQuery().jobDefinitionId(batch.getMonitorJobDefinitionId()).list()
                .forEach(j -> management.executeJob(j.getId()));
    }

    // ---- HTTP -------------------------------------------------------------------------------------------------------

    private JsonNode progress(String batchId) throws IOException {
        HttpResponse<String> answer = send("GET", "/api/admin/migrations/" + batchId, null, ADMIN, ADMIN_PASSWORD);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(JsonNode elements) {
        return StreamSupport.stream(elements.spliterator(), false).map(e -> e.get("id").asText()).toList();
    }

    private static List<String> activities(JsonNode jobs) {
        return StreamSupport.stream(jobs.spliterator(), false).map(e -> e.get("activityId").asText()).toList();
    }

    private static List<String> texts(JsonNode values) {
        return StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText).toList();
    }
}
