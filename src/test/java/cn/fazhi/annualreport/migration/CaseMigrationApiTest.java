package cn.fazhi.annualreport.migration;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.notification.ReminderSchedule;
import cn.fazhi.annualreport.notification.ReminderService;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Mails;
import cn.fazhi.annualreport.testing.TestCases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** The 抄送 task's reminders: a timeout listener of the task, whose timer job's activity is the task itself. */
    /** The previous structure's reminders of 起草: a boundary timer and the mail step behind it. */
    private static final String OLD_DRAFT_REMINDER = "Timer_DraftReportReminder";
    private static final String OLD_DRAFT_REMINDER_STEP = "ServiceTask_RemindDraftReport";
    private static final String COPY_REMINDERS = "Reminders_CopyToSupervisingOffice";
    /** The tables of the application's own records of a case: keyed by case (business key), not by version. */
    private static final List<String> RECORDS = List.of("report_document_version", "department_material",
            "filing_receipt", "document_number", "case_copy", "publication");

    @Autowired
    ProcessEngine engine;
    @Autowired
    ReminderService reminders;
    @Autowired
    ReminderSchedule schedule;
    @Autowired
    GreenMail smtp;
    @LocalServerPort
    int port;

    TestCases cases;
    JdbcTemplate jdbc;
    final List<String> newDeployments = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        cases = new TestCases(engine);
        jdbc = new JdbcTemplate(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getDataSource());
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void tearDown() {
        ManagementService management = engine.getManagementService();
        management.createBatchQuery().list().forEach(b -> management.deleteBatch(b.getId(), true));
        engine.getHistoryService().createHistoricBatchQuery().list()
                .forEach(b -> engine.getHistoryService().deleteHistoricBatch(b.getId()));
        cases.cleanUp();
        // the next tests start their cases on the shipped diagram again
        newDeployments.forEach(d -> engine.getRepositoryService().deleteDeployment(d, true));
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

        // and each open department task has its own reminder timer (its timeout listener's)
        int openMaterial = cases.tasks(material, TASK_SUBMIT_MATERIAL).size();
        assertThat(openMaterial).isGreaterThan(1);
        assertThat(timers(material, TASK_SUBMIT_MATERIAL)).hasSize(openMaterial);
        // and the drafter's first reminder went out: the task's reminder timer sends it itself
        List<Job> draftReminders = timers(drafting, TASK_DRAFT);
        assertThat(draftReminders).hasSize(1);
        ClockUtil.setCurrentTime(draftReminders.get(0).getDuedate());
        engine.getManagementService().executeJob(draftReminders.get(0).getId());
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
        assertThat(ids(report.get("sourceActivitiesWithoutTarget"))).contains(TASK_SOLICIT_OPINIONS)
                .doesNotContain(TASK_DRAFT, TASK_FILE, TASK_SUBMIT_MATERIAL, TASK_COPY);
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
        assertThat(activities(atMaterial.get("timersKept"))).contains(TIMER_MATERIALS_DEADLINE)
                .filteredOn(TASK_SUBMIT_MATERIAL::equals).hasSize(openMaterial);
        assertThat(atMaterial.get("timersRemoved")).isEmpty();
        assertThat(atMaterial.get("timersCreated")).isEmpty();
        // the drafting case: the new escalation timer emerges
        JsonNode atDraft = byKey.get("bayan-gaj:2025");
        assertThat(activities(atDraft.get("timersKept"))).containsExactly(TASK_DRAFT);
        assertThat(atDraft.at("/timersKept/0/timeoutListener").asText()).isEqualTo("Reminders_DraftReport");
        assertThat(activities(atDraft.get("timersCreated"))).containsExactly(TIMER_ESCALATION);
        assertThat(atDraft.at("/tasks/0/assignee").asText()).isEqualTo("bayan_gaj_staff");
        // the filing case: in three branches; the copy's reminder is removed, and the report says it is lost
        JsonNode atFiling = byKey.get("bayan-sfj:2025");
        assertThat(atFiling.at("/standsAt/" + TASK_FILE).asInt()).isEqualTo(cases.tasks(filing, TASK_FILE).size());
        assertThat(atFiling.at("/standsAt/" + TASK_COPY).asInt()).isEqualTo(1);
        assertThat(atFiling.at("/standsAt/" + TASK_SECRECY_REVIEW).asInt()).isEqualTo(1);
        assertThat(activities(atFiling.get("timersRemoved"))).containsExactly(TASK_COPY);
        assertThat(atFiling.at("/timersRemoved/0/timeoutListener").asText()).isEqualTo(COPY_REMINDERS);
        assertThat(atFiling.get("lost").toString()).contains(COPY_REMINDERS);
        assertThat(activities(atFiling.get("timersKept"))).contains(TASK_SECRECY_REVIEW)
                .filteredOn(TASK_FILE::equals).hasSize(cases.tasks(filing, TASK_FILE).size());
        // the soliciting case cannot move: listed with the engine's reason, not dropped
        JsonNode atSolicit = byKey.get("bayan-jyj:2025");
        assertThat(atSolicit.get("canMigrate").asBoolean()).isFalse();
        assertThat(atSolicit.get("failures").toString()).contains(TASK_SOLICIT_OPINIONS);
        assertThat(atSolicit.at("/standsAt/" + TASK_SOLICIT_OPINIONS).asInt()).isEqualTo(1);

        // and the dry run changed nothing: every case on the shipped version, the notice not yet applied
        assertThat(definitionOf(material, drafting, filing, soliciting)).containsOnly(shipped.getId());
        assertThat(engine.getRuntimeService().getVariable(material.getId(), "deadlineFiling"))
                .isEqualTo(filingDeadlineBefore);
        assertThat(timers(drafting, TIMER_ESCALATION)).isEmpty();
        assertThat(timers(filing, TASK_COPY)).hasSize(1);

        // When the renamed task is mapped explicitly
        HttpResponse<String> mapped = send("POST", "/api/admin/migrations/plan", "{\"sourceVersion\":"
                + shipped.getVersion() + ",\"instructions\":[{\"source\":\"" + TASK_SOLICIT_OPINIONS
                + "\",\"target\":\"UserTask_CollectOpinions\"}]}", ADMIN, ADMIN_PASSWORD);

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
        runBatch(batchId, 3);

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
        assertThat(timers(material, TASK_SUBMIT_MATERIAL)).hasSize(openMaterial);
        assertThat(timers(material, TIMER_MATERIALS_DEADLINE)).hasSize(1);
        assertThat(timers(drafting, TIMER_ESCALATION)).hasSize(1);
        assertThat(timers(filing, TASK_FILE)).hasSize(cases.tasks(filing, TASK_FILE).size());
        assertThat(timers(filing, TASK_SECRECY_REVIEW)).hasSize(1);
        assertThat(timers(filing, TASK_COPY)).isEmpty();
        // the case was re-planned on the new version: the recorded notice is now in its deadlines
        Date filingDeadline = (Date) engine.getRuntimeService().getVariable(material.getId(), "deadlineFiling");
        assertThat(filingDeadline.toInstant().atZone(TestCases.ZONE).toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 10));
        // the reminder already sent is not sent again (the mail log is keyed by task and slot; the task kept its id)
        assertThat(reminders.remindTask(draft.getId(), cases.task(drafting, TASK_DRAFT).getDueDate())).isZero();
        assertThat(remindersSent(draft.getId())).isEqualTo(1);
        assertThat(timers(drafting, TASK_DRAFT)).singleElement()
                .satisfies(t -> assertThat(t.getDuedate()).isAfter(ClockUtil.getCurrentTime()));
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
        assertThat(timers(drafting, TASK_CHECK_DRAFT)).as("its own reminder timer").hasSize(1);
        assertThat(timers(drafting, TIMER_ESCALATION)).as("ended with the drafting task").isEmpty();
        cases.complete(drafting, TASK_CHECK_DRAFT, Map.of());
        cases.task(drafting, TASK_INTERNAL_REVIEW);

        // and a case started on the new version after the dry runs and the migration has the reminder timers its
        // diagram declares (Camunda's migration takes a migrated timer's declaration out of the cached version)
        ProcessInstance later = cases.start("langfang-gaj", 2025);
        assertThat(later.getProcessDefinitionId()).isEqualTo(changed.getId());
        List<Task> laterTasks = engine.getTaskService().createTaskQuery().processInstanceId(later.getId()).list();
        assertThat(laterTasks).isNotEmpty().allSatisfy(t -> assertThat(timers(later, t.getTaskDefinitionKey()))
                .hasSize(cases.tasks(later, t.getTaskDefinitionKey()).size()));
    }

    @Test
    void aCaseStartedOnThePreviousStructureGetsItsTasksReminderTimerAndTheNextReminderArrivesOnce() throws Exception {
        // Given the version shipped now, and the one shipped before it (reminders as boundary timers with a mail step)
        // still holding a case: 公安局's drafting, claimed by its drafter, whose first reminder went out on it
        ProcessDefinition current = latest();
        ProcessDefinition previous = deployPreviousDiagram();
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        assertThat(pi.getProcessDefinitionId()).isEqualTo(previous.getId());
        Task draft = cases.task(pi, TASK_DRAFT);
        engine.getTaskService().claim(draft.getId(), "bayan_gaj_staff");
        assertThat(timers(pi, TASK_DRAFT)).as("no task reminder timer on the previous structure").isEmpty();
        Job boundary = timers(pi, OLD_DRAFT_REMINDER).get(0);
        ClockUtil.setCurrentTime(boundary.getDuedate());
        engine.getManagementService().executeJob(boundary.getId());
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(pi.getId()).activityId(OLD_DRAFT_REMINDER_STEP).singleResult().getId());
        assertThat(remindersSent(draft.getId())).isEqualTo(1);
        assertThat(timers(pi, OLD_DRAFT_REMINDER)).as("the boundary cycle goes on to the next reminder").hasSize(1);
        Date deadline = (Date) engine.getRuntimeService().getVariable(pi.getId(), "deadlineFirstDraft");
        Date next = schedule.next(deadline, ClockUtil.getCurrentTime()).orElseThrow().at();
        // the administrator migrates later that day
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 4 * 3600_000L));
        assertThat(next).isAfter(ClockUtil.getCurrentTime());

        // When the administrator plans the migration to the current version
        String body = "{\"sourceDefinitionId\":\"" + previous.getId() + "\",\"targetDefinitionId\":\""
                + current.getId() + "\"}";
        HttpResponse<String> planned = send("POST", "/api/admin/migrations/plan", body, ADMIN, ADMIN_PASSWORD);

        // Then the case can move: its boundary reminder timer is removed and the task's reminder timer emerges
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(planned.body());
        assertThat(ids(report.get("sourceActivitiesWithoutTarget")))
                .contains(OLD_DRAFT_REMINDER, OLD_DRAFT_REMINDER_STEP).doesNotContain(TASK_DRAFT);
        JsonNode atDraft = report.at("/caseReports/0");
        assertThat(atDraft.get("canMigrate").asBoolean()).as(planned.body()).isTrue();
        assertThat(activities(atDraft.get("timersRemoved"))).containsExactly(OLD_DRAFT_REMINDER);
        assertThat(activities(atDraft.get("timersCreated"))).containsExactly(TASK_DRAFT);
        assertThat(atDraft.at("/timersCreated/0/timeoutListener").asText()).isEqualTo("Reminders_DraftReport");

        // When it migrates
        HttpResponse<String> started = send("POST", "/api/admin/migrations", body, ADMIN, ADMIN_PASSWORD);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        runBatch(JSON.readTree(started.body()).get("batchId").asText(), 1);

        // Then the case is on the current version, the same task held by the same drafter, with one reminder timer:
        // the task's own (its timeout listener), due at the next reminder, not at the one already sent
        assertThat(definitionOf(pi)).containsOnly(current.getId());
        Task moved = cases.task(pi, TASK_DRAFT);
        assertThat(moved.getId()).isEqualTo(draft.getId());
        assertThat(moved.getAssignee()).isEqualTo("bayan_gaj_staff");
        assertThat(timers(pi, OLD_DRAFT_REMINDER)).isEmpty();
        List<Job> reminder = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().list();
        assertThat(reminder).singleElement().satisfies(j -> assertThat(timers(pi, TASK_DRAFT)).containsExactly(j));
        assertThat(reminder.get(0).getDuedate()).isEqualTo(next);
        assertThat(remindersSent(draft.getId())).isEqualTo(1);

        // When the next reminder is due and the job executor runs what is due, twice
        smtp.purgeEmailFromAllMailboxes();
        ClockUtil.setCurrentTime(next);
        cases.executeDueJobs();
        ClockUtil.setCurrentTime(new Date(next.getTime() + 60_000));
        cases.executeDueJobs();

        // Then the drafter has the reminder of the task in the mailbox, once, and nobody got anything else
        String drafter = engine.getIdentityService().createUserQuery().userId("bayan_gaj_staff").singleResult()
                .getEmail();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).as("mails after the migration").hasSize(1);
        assertThat(Mails.to(mails[0])).isEqualTo(drafter);
        assertThat(mails[0].getSubject()).contains("起草年度报告");
        assertThat(Mails.text(mails[0])).contains("/camunda/app/tasklist/default/#/?task=" + draft.getId());
        assertThat(remindersSent(draft.getId())).isEqualTo(2);
        // and the timer waits for the reminder after it
        assertThat(timers(pi, TASK_DRAFT)).singleElement()
                .satisfies(j -> assertThat(j.getDuedate()).isAfter(ClockUtil.getCurrentTime()));
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
        // and the ambiguous spellings are refused before anyone looks at them: by the gate's firewall, an encoded
        // slash already by the servlet container, both in both languages
        for (String path : List.of("//api/admin/migrations/plan", "/api/admin//migrations/plan",
                "/api/admin/./migrations/plan", "/api/admin/migrations/plan;x=1", "/api/admin%2Fmigrations/plan")) {
            HttpResponse<String> answer = send("POST", path, body, "bayan_gaj_head", DEMO);
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isIn(400, 403);
            assertThat(JSON.readTree(answer.body()).get("messageEn").asText()).as(path).isNotBlank();
            assertThat(JSON.readTree(answer.body()).get("messageZh").asText()).as(path).isNotBlank();
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
     * The shipped diagram changed as an administrator edits it in the Modeler: 校核报告稿 added after 起草 (drafters, due
     * with the first draft, its own reminders — template 截止日期 v2); a non-interrupting 初稿到期 timer on 起草 that
     * marks the deadline (to an end event: no step of its own); the 抄送 task's reminders taken out (its timeout
     * listener); 征求意见 renamed (its id changes, so a case standing there has no counterpart); 补录回执 due in 15
     * working days instead of 10. The new elements join the drafters' lane and get shapes. Deployed with the forms, as
     * one deployment; it satisfies the deployment contract.
     */
    private ProcessDefinition deployChangedDiagram() throws IOException {
        String xml = resource("bpmn/annual-report.bpmn");
        xml = replaceOnce(xml, "<bpmn:sequenceFlow id=\"Flow_DraftToSolicit\" sourceRef=\"UserTask_DraftReport\" "
                        + "targetRef=\"Gateway_SolicitOpinions\" />",
                "<bpmn:sequenceFlow id=\"Flow_DraftToSolicit\" sourceRef=\"UserTask_DraftReport\" "
                        + "targetRef=\"" + TASK_CHECK_DRAFT + "\" />\n"
                        + "<bpmn:sequenceFlow id=\"Flow_CheckDraftToSolicit\" sourceRef=\"" + TASK_CHECK_DRAFT
                        + "\" targetRef=\"Gateway_SolicitOpinions\" />\n"
                        + "<bpmn:sequenceFlow id=\"Flow_DraftReportDeadlineReached\" sourceRef=\"" + TIMER_ESCALATION
                        + "\" targetRef=\"EndEvent_DraftReportDeadlineReached\" />");
        xml = replaceOnce(xml, "<bpmn:incoming>Flow_DraftToSolicit</bpmn:incoming>",
                "<bpmn:incoming>Flow_CheckDraftToSolicit</bpmn:incoming>");
        xml = replaceOnce(xml, "<bpmn:exclusiveGateway id=\"Gateway_SolicitOpinions\"",
                "<bpmn:userTask id=\"" + TASK_CHECK_DRAFT + "\" camunda:modelerTemplate=\"cn.fazhi.annualreport.due-date\" "
                        + "camunda:modelerTemplateVersion=\"2\" name=\"校核报告稿\" "
                        + "camunda:candidateGroups=\"${entityCode}-drafter\" camunda:dueDate=\"${deadlineFirstDraft}\">"
                        + "<bpmn:documentation>【起草人员：${entityCode}-drafter】核对报告稿的数据和文字后再送审核。"
                        + "截止日期为 deadlineFirstDraft。</bpmn:documentation>"
                        + "<bpmn:extensionElements><camunda:taskListener delegateExpression=\"${taskReminderListener}\" "
                        + "event=\"timeout\" id=\"Reminders_CheckDraft\"><bpmn:timerEventDefinition "
                        + "id=\"TimerDef_CheckDraftReminders\"><bpmn:timeCycle xsi:type=\"bpmn:tFormalExpression\">"
                        + "${reminderSchedule.forTask(execution)}</bpmn:timeCycle></bpmn:timerEventDefinition>"
                        + "</camunda:taskListener><camunda:failedJobRetryTimeCycle>R5/PT5M</camunda:failedJobRetryTimeCycle>"
                        + "</bpmn:extensionElements>"
                        + "<bpmn:incoming>Flow_DraftToSolicit</bpmn:incoming>"
                        + "<bpmn:outgoing>Flow_CheckDraftToSolicit</bpmn:outgoing></bpmn:userTask>\n"
                        + "<bpmn:boundaryEvent id=\"" + TIMER_ESCALATION + "\" name=\"初稿到期\" cancelActivity=\"false\" "
                        + "attachedToRef=\"UserTask_DraftReport\"><bpmn:documentation>起草任务到期时在 Cockpit 中留下记录，"
                        + "任务继续。</bpmn:documentation><bpmn:outgoing>Flow_DraftReportDeadlineReached</bpmn:outgoing>"
                        + "<bpmn:timerEventDefinition id=\"TimerDef_DraftReportEscalation\">"
                        + "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${deadlineFirstDraft}</bpmn:timeDate>"
                        + "</bpmn:timerEventDefinition></bpmn:boundaryEvent>\n"
                        + "<bpmn:endEvent id=\"EndEvent_DraftReportDeadlineReached\" name=\"初稿已到期\">"
                        + "<bpmn:incoming>Flow_DraftReportDeadlineReached</bpmn:incoming></bpmn:endEvent>\n"
                        + "<bpmn:exclusiveGateway id=\"Gateway_SolicitOpinions\"");
        // in the drafters' lane, like the drafting task
        xml = replaceOnce(xml, "<bpmn:flowNodeRef>Gateway_SolicitOpinions</bpmn:flowNodeRef>",
                "<bpmn:flowNodeRef>" + TASK_CHECK_DRAFT + "</bpmn:flowNodeRef><bpmn:flowNodeRef>" + TIMER_ESCALATION
                        + "</bpmn:flowNodeRef><bpmn:flowNodeRef>EndEvent_DraftReportDeadlineReached</bpmn:flowNodeRef>"
                        + "<bpmn:flowNodeRef>Gateway_SolicitOpinions</bpmn:flowNodeRef>");
        xml = replaceOnce(xml, "</bpmndi:BPMNPlane>",
                "<bpmndi:BPMNShape id=\"" + TASK_CHECK_DRAFT + "_di\" bpmnElement=\"" + TASK_CHECK_DRAFT + "\">"
                        + "<dc:Bounds x=\"960\" y=\"520\" width=\"100\" height=\"80\" /></bpmndi:BPMNShape>\n"
                        + "<bpmndi:BPMNShape id=\"" + TIMER_ESCALATION + "_di\" bpmnElement=\"" + TIMER_ESCALATION + "\">"
                        + "<dc:Bounds x=\"850\" y=\"387\" width=\"36\" height=\"36\" /></bpmndi:BPMNShape>\n"
                        + "<bpmndi:BPMNShape id=\"EndEvent_DraftReportDeadlineReached_di\" "
                        + "bpmnElement=\"EndEvent_DraftReportDeadlineReached\"><dc:Bounds x=\"850\" y=\"460\" width=\"36\" "
                        + "height=\"36\" /></bpmndi:BPMNShape>\n</bpmndi:BPMNPlane>");
        // the 抄送 task without its reminders: its timeout listener taken out
        Matcher copyReminders = Pattern.compile("<camunda:taskListener delegateExpression=\"\\$\\{taskReminderListener}\" "
                + "event=\"timeout\" id=\"" + COPY_REMINDERS + "\">.*?</camunda:taskListener>").matcher(xml);
        assertThat(copyReminders.find()).as("the 抄送 task's reminder listener").isTrue();
        xml = xml.substring(0, copyReminders.start()) + xml.substring(copyReminders.end());
        assertThat(xml).doesNotContain(COPY_REMINDERS);
        xml = replaceOnce(xml, "camunda:formRef=\"form-record-receipt\" camunda:formRefBinding=\"deployment\" "
                + "camunda:dueDate=\"10WD\"", "camunda:formRef=\"form-record-receipt\" "
                + "camunda:formRefBinding=\"deployment\" camunda:dueDate=\"15WD\"");
        xml = xml.replace("SolicitOpinions", "CollectOpinions");
        newDeployments.add(deploy(xml, "Camunda Modeler"));
        return latest();
    }

    /**
     * The diagram shipped before reminders became task listeners (commit 03e8c2d): each task's reminders a
     * non-interrupting boundary timer {@code ${reminderSchedule.cycle(deadlineX, execution)}} with a 发送催办邮件 step
     * ({@code ${sendReminderDelegate}}) and an end event. It was in production before the deployment contract existed;
     * its one breach of the contract — 归档 had no due date — is filled in here (10WD, as the current diagram has it) so
     * that it can be deployed today. Deployed with the forms, as a deployment of its own.
     */
    private ProcessDefinition deployPreviousDiagram() throws IOException {
        String xml = resource("migration/annual-report-03e8c2d.bpmn");
        assertThat(xml).contains("Timer_DraftReportReminder", "${sendReminderDelegate}")
                .doesNotContain("taskReminderListener");
        xml = replaceOnce(xml, "<bpmn:userTask id=\"UserTask_Archive\" name=\"归档\"",
                "<bpmn:userTask id=\"UserTask_Archive\" name=\"归档\" camunda:dueDate=\"10WD\"");
        newDeployments.add(deploy(xml, "annual-report 03e8c2d"));
        return latest();
    }

    private String deploy(String diagram, String source) throws IOException {
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("annual-report")
                .source(source).addString("bpmn/annual-report.bpmn", diagram);
        for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.*")) {
            try (InputStream in = form.getInputStream()) {
                deployment.addString("forms/" + form.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return deployment.deploy().getId();
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

    /** The case's timers at an activity: a boundary timer's, or a user task's reminder timers (one per task). */
    private List<Job> timers(ProcessInstance pi, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .activityId(activityId).list();
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
    private void runBatch(String batchId, int cases) {
        ManagementService management = engine.getManagementService();
        Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
        management.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId()).list()
                .forEach(j -> management.executeJob(j.getId()));
        List<Job> migrations = management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).list();
        assertThat(migrations).hasSize(cases);
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
