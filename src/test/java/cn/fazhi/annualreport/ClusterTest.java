package cn.fazhi.annualreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.fazhi.annualreport.document.DocumentNumbers;
import cn.fazhi.annualreport.testing.TestCases;
import cn.fazhi.annualreport.testing.TestDatabase;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two application nodes on one PostgreSQL database (docs/cluster.md): two application contexts in this JVM, engines
 * "node1" and "node2", each with its own job executor running against real time, on a database of their own on the
 * suite's PostgreSQL server. Shows that a due reminder fires once, document numbers stay unique across nodes, a
 * deployment made on one node runs on both, and a job locked by a node that dies is taken over by the other once its
 * lock has expired, and completed once. PostgreSQL run only (H2 in memory cannot be shared by two nodes).
 */
@EnabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    /** The job lock time of both nodes: how long a dead node's job stays locked. */
    static final int LOCK_TIME_MILLIS = 5000;
    static final Duration WAIT = Duration.ofSeconds(30);

    static ConfigurableApplicationContext node1;
    static ConfigurableApplicationContext node2;
    static ProcessEngine engine1;
    static ProcessEngine engine2;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void startTwoNodes() {
        ClockUtil.reset();
        String url = TestDatabase.newDatabase("cluster");
        int smtpPort = freePort();
        // node1 starts alone on the empty database (creates the tables, seeds the registry and the demo users, runs
        // the mail sink both nodes send to); node2 joins it as a second installation of the same application would
        node1 = startNode("node1", url, smtpPort, true);
        node2 = startNode("node2", url, smtpPort, false);
        engine1 = node1.getBean(ProcessEngine.class);
        engine2 = node2.getBean(ProcessEngine.class);
        jdbc = new JdbcTemplate(configuration(engine1).getDataSource());
    }

    @AfterAll
    static void stopNodes() {
        Probe.release.countDown();
        if (node2 != null && node2.isActive()) {
            node2.close();
        }
        if (node1 != null) {
            node1.close();
        }
    }

    private static ConfigurableApplicationContext startNode(String name, String url, int smtpPort, boolean first) {
        List<String> args = new ArrayList<>(List.of(
                // "test" last: its settings win over the postgres profile's, as in the suite's PostgreSQL run
                "--spring.profiles.active=postgres,test",
                "--spring.datasource.url=" + url, "--spring.datasource.username=annualreport",
                "--spring.datasource.password=annualreport",
                "--spring.datasource.hikari.pool-name=" + name,
                // Camunda keeps engines in a static registry by name: each node its own, apart from the suite's
                "--camunda.bpm.process-engine-name=" + name,
                // the job executor as in production (the test profile switches it off), acquiring often, short locks
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.deployment-aware=false",
                "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
                "--camunda.bpm.job-execution.wait-time-in-millis=100",
                "--camunda.bpm.job-execution.max-wait=500",
                "--spring.mail.port=" + smtpPort,
                "--report.mail-sink.enabled=" + first,
                "--report.mail-sink.port=" + smtpPort,
                "--report.demo-data=" + first,
                "--report.calendar.reload-interval=PT0S", "--server.port=0",
                // a closing node waits at most 1 s for its running jobs (Spring's default: 30 s), as a killed one would
                "--spring.lifecycle.timeout-per-shutdown-phase=1s",
                "--report.publication.public-column.base-url=http://127.0.0.1:9"));
        return new SpringApplicationBuilder(AnnualReportApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(args.toArray(String[]::new));
    }

    // --- 1. timers and reminders fire once ---------------------------------------------------------------------

    @Test
    @Order(1)
    void aDueReminderFiresOnceAcrossBothNodes() {
        GreenMail sink = node1.getBean(GreenMail.class);
        // Given a case started on node1 whose draft reminder is due now, and both job executors running
        ProcessInstance pi = new TestCases(engine1).start("bayan-gaj", 2026);
        Job timer = engine1.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .activityId("UserTask_DraftReport").singleResult();
        assertThat(timer).as("reminder timer of the draft task").isNotNull();
        // the first draft is due tomorrow, so that a reminder (one working day or more before it) is due today
        Date now = ClockUtil.getCurrentTime();
        Date tomorrow = new Date(now.getTime() + Duration.ofDays(1).toMillis());
        engine1.getRuntimeService().setVariable(pi.getId(), "deadlineFirstDraft", tomorrow);
        org.camunda.bpm.engine.task.Task draft = engine1.getTaskService().createTaskQuery()
                .processInstanceId(pi.getId()).taskDefinitionKey("UserTask_DraftReport").singleResult();
        draft.setDueDate(tomorrow);
        engine1.getTaskService().saveTask(draft);
        engine2.getManagementService().setJobDuedate(timer.getId(), now);

        // When both nodes race for it: the timer fires and sends the reminder
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(successes(timer.getId())).hasSize(1);
            assertThat(reminderRows(pi)).isNotEmpty();
        });

        // Then the timer ran once, the reminder was logged SENT once and arrived in the sink once
        assertThat(successes(timer.getId())).singleElement()
                .satisfies(log -> assertThat(log.getHostname()).matches(".*\\$node[12]"));
        List<Map<String, Object>> rows = reminderRows(pi);
        assertThat(rows).singleElement().satisfies(row -> assertThat(row.get("status")).isEqualTo("SENT"));
        String subject = (String) rows.get(0).get("subject");
        assertThat(Arrays.stream(sink.getReceivedMessages()).filter(m -> subject.equals(subject(m)))).hasSize(1);
        // the next reminder of the cycle waits for its own time
        Job next = engine1.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .activityId("UserTask_DraftReport").singleResult();
        assertThat(next.getDuedate()).isAfter(ClockUtil.getCurrentTime());
    }

    // --- 2. document numbers stay unique -----------------------------------------------------------------------

    @Test
    @Order(2)
    void documentNumbersIssuedOnBothNodesAtOnceAreDistinctAndConsecutive() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ConfigurableApplicationContext node = i % 2 == 0 ? node1 : node2;
                DocumentNumbers numbers = node.getBean(DocumentNumbers.class);
                TransactionTemplate tx = node.getBean(TransactionTemplate.class);
                results.add(pool.submit((Callable<String>) () ->
                        tx.execute(s -> numbers.assign("群政呈", 2026, null, "clerk"))));
            }
            List<Integer> sequences = new ArrayList<>();
            for (Future<String> f : results) {
                String n = f.get(30, TimeUnit.SECONDS);
                sequences.add(Integer.parseInt(n.substring(n.indexOf('〕') + 1, n.length() - 1)));
            }
            Collections.sort(sequences);
            assertThat(sequences).isEqualTo(IntStream.rangeClosed(1, 20).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    // --- 3. a deployment made on one node runs on both ---------------------------------------------------------

    @Test
    @Order(3)
    void aDeploymentMadeOnNode1RunsOnBothNodes() {
        assertThat(configuration(engine1).isJobExecutorDeploymentAware()).isFalse();
        assertThat(configuration(engine2).isJobExecutorDeploymentAware()).isFalse();
        engine1.getRepositoryService().createDeployment().name("cluster-probe")
                .addModelInstance("cluster-probe.bpmn", probeProcess()).deploy();

        // started on node2, while only node2's job executor runs: node2 executes a job of node1's deployment
        ProcessInstance onNode2 = runAloneOn(engine2, engine1, "deployed-on-node1-run-on-node2");
        // started on node1, while only node1's job executor runs
        ProcessInstance onNode1 = runAloneOn(engine1, engine2, "deployed-on-node1-run-on-node1");

        assertThat(ranOn(onNode2)).isEqualTo("node2");
        assertThat(ranOn(onNode1)).isEqualTo("node1");
    }

    /** Starts the probe process on {@code engine} with the other node's job executor paused; waits for its end. */
    private ProcessInstance runAloneOn(ProcessEngine engine, ProcessEngine other, String businessKey) {
        JobExecutor paused = configuration(other).getJobExecutor();
        paused.shutdown();
        try {
            ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("cluster-probe", businessKey);
            awaitEnded(pi, WAIT);
            return pi;
        } finally {
            paused.start();
        }
    }

    // --- 4. a node killed mid-flight leaves no job stuck beyond its lock time --------------------------------------

    @Test
    @Order(4)
    void aJobOfANodeKilledMidFlightIsCompletedOnceByTheOtherAfterItsLockTime() throws Exception {
        // Given a job that node2's job executor has acquired and is executing (node1's executor paused meanwhile, so
        // that node2 gets it), its delegate still running
        JobExecutor executor1 = configuration(engine1).getJobExecutor();
        String node2LockOwner = configuration(engine2).getJobExecutor().getLockOwner();
        executor1.shutdown();
        ProcessInstance pi;
        try {
            pi = engine1.getRuntimeService().startProcessInstanceByKey("cluster-probe", "killed-mid-flight",
                    Variables.createVariables().putValue("blockOnNode2", true));
            assertThat(Probe.blockedOnNode2.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("node2 executes the job").isTrue();
        } finally {
            executor1.start();
        }
        JobEntity locked = (JobEntity) engine1.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .singleResult();
        assertThat(locked.getLockOwner()).isEqualTo(node2LockOwner);
        Date lockExpiration = locked.getLockExpirationTime();
        assertThat(lockExpiration).isAfter(ClockUtil.getCurrentTime());

        // When node2 dies without finishing it: its context closes, its pool aborts the job's connection, the
        // delegate never returns
        long killedAt = System.currentTimeMillis();
        Thread killer = new Thread(node2::close, "kill-node2");
        killer.start();
        killer.join(WAIT.toMillis());
        assertThat(node2.isActive()).isFalse();

        // Then node1 takes the job over once node2's lock has expired (not before), and completes it exactly once
        awaitEnded(pi, Duration.ofMillis(LOCK_TIME_MILLIS).plus(WAIT));
        long endedAfter = System.currentTimeMillis() - killedAt;
        assertThat(ranOn(pi)).isEqualTo("node1");
        List<HistoricJobLog> successes = engine1.getHistoryService().createHistoricJobLogQuery()
                .processInstanceId(pi.getId()).successLog().list();
        assertThat(successes).singleElement().satisfies(log -> {
            assertThat(log.getHostname()).endsWith("$node1");
            assertThat(log.getTimestamp()).isAfterOrEqualTo(lockExpiration);
        });
        assertThat(engine1.getHistoryService().createHistoricJobLogQuery().processInstanceId(pi.getId())
                .failureLog().count()).isZero();
        System.out.printf("ClusterTest: node2's job taken over and completed by node1 %d ms after node2 was killed"
                + " (lock time %d ms)%n", endedAfter, LOCK_TIME_MILLIS);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** Start, an asynchronous service task running {@link Probe}, end. */
    static BpmnModelInstance probeProcess() {
        return Bpmn.createExecutableProcess("cluster-probe").camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("ServiceTask_Probe").camundaAsyncBefore().camundaClass(Probe.class.getName())
                .endEvent()
                .done();
    }

    /** Records the node that ran it; on node2, when asked to, hangs as a node that is being killed would. */
    public static class Probe implements JavaDelegate {

        static final CountDownLatch blockedOnNode2 = new CountDownLatch(1);
        static final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void execute(DelegateExecution execution) {
            String node = execution.getProcessEngine().getName();
            execution.setVariable("ranOn", node);
            if ("node2".equals(node) && Boolean.TRUE.equals(execution.getVariable("blockOnNode2"))) {
                blockedOnNode2.countDown();
                boolean interrupted = false;
                while (true) {
                    try {
                        release.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // a dying node's thread does not finish its job either
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("node2 was killed before this job finished");
            }
        }
    }

    private static void awaitEnded(ProcessInstance pi, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() ->
                engine1.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId())
                        .finished().count() == 1);
    }

    private static String ranOn(ProcessInstance pi) {
        return (String) engine1.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId()).variableName("ranOn").singleResult().getValue();
    }

    private static List<HistoricJobLog> successes(String jobId) {
        return engine1.getHistoryService().createHistoricJobLogQuery().jobId(jobId).successLog().list();
    }

    private static List<Map<String, Object>> reminderRows(ProcessInstance pi) {
        return jdbc.queryForList("SELECT dedup_key, status, subject FROM mail_log WHERE process_instance_id = ?"
                + " AND dedup_key LIKE 'reminder:%'", pi.getId());
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProcessEngineConfigurationImpl configuration(ProcessEngine engine) {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
