package cn.fazhi.annualreport.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Mails;
import cn.fazhi.annualreport.testing.TestCases;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The mail server goes down in the middle of a reminder run and comes back: the reminders that failed are retried
 * (R5/PT5M), the ones still failing after the last retry raise incidents, and after the server is back every reminder
 * is delivered exactly once — none lost, none twice. The jobs are run as the job executor would, with the engine clock
 * moved over the retry intervals.
 */
@AnnualReportTest
class SmtpOutageTest {

    /** Eight departments: eight draft reminders due at the same moment. */
    static final List<String> DEPARTMENTS = List.of("bayan-sfj", "bayan-gaj", "bayan-jyj", "bayan-yshj",
            "xinhua-sfj", "xinhua-scjgj", "xinhua-rsj", "xinhua-jyj");
    /** The draft task: its reminder timer (a timeout listener) sends the reminder in its own job. */
    static final String REMINDER_TIMER = "UserTask_DraftReport";
    /** The reminder timer's retry interval in the BPMN (the task's R5/PT5M). */
    static final Duration RETRY_INTERVAL = Duration.ofMinutes(5);

    @Autowired
    ProcessEngine engine;
    @Autowired
    GreenMail smtp;

    TestCases cases;
    ManagementService management;
    JdbcTemplate jdbc;
    /** The reminder jobs due at the start: a failing one keeps its id through its retries, a sent one is gone. */
    List<String> reminderJobIds = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cases = new TestCases(engine);
        management = engine.getManagementService();
        jdbc = new JdbcTemplate(
                ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource());
        smtp.purgeEmailFromAllMailboxes();
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        cases.cleanUp();
    }

    @Test
    void aMailServerThatGoesDownMidRunLosesNoReminderAndSendsNoneTwice() throws Exception {
        // Given eight cases whose draft reminders are all due now: eight reminder jobs waiting
        List<ProcessInstance> pis = startCasesWithRemindersDue(DEPARTMENTS);
        List<Job> mailJobs = mailJobs(pis);
        assertThat(mailJobs).hasSize(DEPARTMENTS.size());

        // When the run has sent three of them and the mail server goes down for longer than all retries
        for (Job job : mailJobs.subList(0, 3)) {
            management.executeJob(job.getId());
        }
        // (a restarted GreenMail starts with an empty store: keep what it received before the outage)
        List<String> deliveredBeforeOutage = received();
        assertThat(deliveredBeforeOutage).isNotEmpty();
        smtp.stop();
        int failures = runRetriesWhileDown(pis, 5);

        // Then the five others failed on each of their five attempts and stand as incidents; nothing more was sent
        assertThat(failures).isEqualTo(5 * 5);
        assertThat(mailJobs(pis)).hasSize(5).allSatisfy(job -> assertThat(job.getRetries()).isZero());
        assertThat(incidents(pis)).isEqualTo(5);

        // When the mail server is back and the operator retries the failed jobs (Cockpit: "retry", due now), and the
        // executor runs them
        smtp.start();
        management.setJobRetries(1).jobIds(mailJobs(pis).stream().map(Job::getId).toList())
                .dueDate(ClockUtil.getCurrentTime()).execute();
        assertThat(runDueMailJobs(pis)).isZero();

        // Then every reminder was delivered exactly once, and nothing is left failing
        assertEveryReminderDeliveredOnce(pis, deliveredBeforeOutage);
        assertThat(incidents(pis)).isZero();
        assertThat(mailJobs(pis)).isEmpty();
    }

    @Test
    void anOutageShorterThanTheRetriesHealsWithoutAnIncident() throws Exception {
        // Given four cases whose draft reminders are due now and the mail server down
        List<ProcessInstance> pis = startCasesWithRemindersDue(DEPARTMENTS.subList(0, 4));
        smtp.stop();

        // When the reminders fail twice, and the server is back before the third attempt
        int failures = runRetriesWhileDown(pis, 2);
        assertThat(failures).isEqualTo(4 * 2);
        assertThat(mailJobs(pis)).allSatisfy(job -> assertThat(job.getRetries()).isEqualTo(3));
        smtp.start();
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(RETRY_INTERVAL)));
        assertThat(runDueMailJobs(pis)).isZero();

        // Then the retries delivered every reminder once, and no incident was ever raised
        assertEveryReminderDeliveredOnce(pis, List.of());
        assertThat(engine.getHistoryService().createHistoricIncidentQuery().list())
                .noneMatch(incident -> ids(pis).contains(incident.getProcessInstanceId()));
    }

    // --- steps -------------------------------------------------------------------------------------------------

    private List<ProcessInstance> startCasesWithRemindersDue(List<String> entities) {
        List<ProcessInstance> pis = entities.stream().map(e -> cases.start(e, 2025)).toList();
        List<Job> timers = jobs(pis, REMINDER_TIMER, false);
        assertThat(timers).as("one draft reminder timer per case").hasSize(entities.size());
        Date latest = timers.stream().map(Job::getDuedate).max(Date::compareTo).orElseThrow();
        ClockUtil.setCurrentTime(latest);
        reminderJobIds = timers.stream().map(Job::getId).toList();
        return pis;
    }

    /** Runs the due mail jobs {@code attempts} times, moving the clock over the retry interval in between. */
    private int runRetriesWhileDown(List<ProcessInstance> pis, int attempts) {
        int failures = 0;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(RETRY_INTERVAL)));
            }
            failures += runDueMailJobs(pis);
        }
        return failures;
    }

    /** Runs every due mail job of the cases once, as the job executor would: the number that failed. */
    private int runDueMailJobs(List<ProcessInstance> pis) {
        int failed = 0;
        Date now = ClockUtil.getCurrentTime();
        for (Job job : mailJobs(pis).stream().filter(j -> j.getRetries() > 0 && !j.getDuedate().after(now)).toList()) {
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException e) {
                failed++;
            }
        }
        return failed;
    }

    private void assertEveryReminderDeliveredOnce(List<ProcessInstance> pis, List<String> deliveredBeforeOutage)
            throws MessagingException {
        // each case's reminder is logged SENT, to at least one person
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT process_instance_id, recipient, subject, status"
                + " FROM mail_log WHERE kind = 'REMINDER'");
        Map<Object, List<Map<String, Object>>> byCase = rows.stream()
                .filter(row -> ids(pis).contains((String) row.get("process_instance_id")))
                .collect(Collectors.groupingBy(row -> row.get("process_instance_id")));
        assertThat(byCase).hasSize(pis.size());
        assertThat(byCase.values()).allSatisfy(caseRows -> assertThat(caseRows).isNotEmpty()
                .allSatisfy(row -> assertThat(row.get("status")).isEqualTo("SENT")));
        // the sink holds exactly one mail per logged reminder: the same recipients and subjects, each once
        List<String> logged = byCase.values().stream().flatMap(List::stream)
                .map(row -> row.get("recipient") + " | " + row.get("subject")).sorted().toList();
        List<String> received = new ArrayList<>(deliveredBeforeOutage);
        received.addAll(received());
        assertThat(received).hasSameSizeAs(logged);
        assertThat(received.stream().sorted().toList()).isEqualTo(logged);
        assertThat(received.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .allSatisfy((mail, count) -> assertThat(count).as(mail).isOne());
    }

    /** What the sink has received: "recipient | subject" per mail. */
    private List<String> received() throws MessagingException {
        List<String> received = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            received.add(Mails.to(mail) + " | " + mail.getSubject());
        }
        return received;
    }

    /** The reminder jobs of the start still there: each sends its reminder once it succeeds, then is gone. */
    private List<Job> mailJobs(List<ProcessInstance> pis) {
        return reminderJobIds.stream().map(id -> management.createJobQuery().jobId(id).singleResult())
                .filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The cases' jobs of one activity, case by case: in Camunda 7.24 a job query by activity id and a list of process
     * instance ids together renders invalid SQL (the two conditions are not joined by AND).
     */
    private List<Job> jobs(List<ProcessInstance> pis, String activityId, boolean dueOnly) {
        List<Job> jobs = new ArrayList<>();
        for (ProcessInstance pi : pis) {
            JobQuery query = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId);
            jobs.addAll(dueOnly ? query.executable().list() : query.list());
        }
        return jobs;
    }

    private long incidents(List<ProcessInstance> pis) {
        return engine.getRuntimeService().createIncidentQuery().list().stream()
                .filter(incident -> ids(pis).contains(incident.getProcessInstanceId())).count();
    }

    private static Set<String> ids(List<ProcessInstance> pis) {
        return pis.stream().map(ProcessInstance::getId).collect(Collectors.toSet());
    }
}
