package cn.fazhi.annualreport.resilience;

import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_SUBMIT_MATERIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.fazhi.annualreport.AnnualReportApplication;
import cn.fazhi.annualreport.testing.TestCases;
import cn.fazhi.annualreport.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The database unreachable for a while (docs/resilience.md, "Database outage"): an application context of its own,
 * with its real job executor, reaches its database through a {@link TcpProxy} that the test switches off — every
 * connection cut, new ones refused — and on again. While the database is away, health and readiness answer 503 DOWN
 * (liveness stays UP: restarting would not help), the application keeps running and its job executor keeps trying.
 * When the database is back, health is UP again by itself, without a restart, and nothing is lost: a job cut off
 * mid-flight by the outage and a timer that fell due during it run afterwards, and a new case reaches its first task.
 * On PostgreSQL in the suite's PostgreSQL run (a database of its own on the suite's server), on an H2 TCP server in
 * the H2 run.
 */
class DatabaseOutageTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** The test context's pool gives up on a connection after this long (production: 10 s, docs/postgresql.md). */
    static final int CONNECTION_TIMEOUT_MILLIS = 2000;
    static final int LOCK_TIME_MILLIS = 5000;
    /** PostgreSQL's socket timeout in the test context (production: 60 s, application-postgres.yaml). */
    static final int SOCKET_TIMEOUT_SECONDS = 3;
    static final String ASYNC = "outage-async-step";
    static final String TIMER = "outage-timer";

    static Server h2;
    static TcpProxy proxy;
    static ConfigurableApplicationContext node;
    static ProcessEngine engine;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startBehindTheProxy() throws SQLException {
        ClockUtil.reset();
        Step.reset();
        List<String> args = new ArrayList<>();
        if (TestDatabase.postgres()) {
            URI database = URI.create(TestDatabase.newDatabase("outage").substring("jdbc:".length()));
            proxy = new TcpProxy(database.getHost(), database.getPort());
            args.addAll(List.of("--spring.profiles.active=postgres,test",
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + database.getPath(),
                    "--spring.datasource.username=annualreport", "--spring.datasource.password=annualreport",
                    "--spring.datasource.hikari.data-source-properties.socketTimeout=" + SOCKET_TIMEOUT_SECONDS));
        } else {
            h2 = Server.createTcpServer("-tcpPort", String.valueOf(freePort()), "-ifNotExists").start();
            proxy = new TcpProxy("127.0.0.1", h2.getPort());
            args.addAll(List.of("--spring.profiles.active=test",
                    "--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/mem:outage;DB_CLOSE_DELAY=-1",
                    "--spring.datasource.username=sa", "--spring.datasource.password=",
                    "--spring.datasource.hikari.exception-override-class-name="
                            + H2BrokenConnectionOverride.class.getName()));
        }
        int smtpPort = freePort();
        args.addAll(List.of(
                "--spring.datasource.hikari.pool-name=outage",
                // a borrower gives up after 2 s instead of production's 10 s, so that the test is quick
                "--spring.datasource.hikari.connection-timeout=" + CONNECTION_TIMEOUT_MILLIS,
                "--spring.datasource.hikari.validation-timeout=1000",
                "--camunda.bpm.process-engine-name=outage",
                // the job executor as in production (the test profile switches it off), acquiring often, short locks
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.job-execution.deployment-aware=false",
                "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
                "--camunda.bpm.job-execution.wait-time-in-millis=100",
                "--camunda.bpm.job-execution.max-wait=500",
                "--spring.mail.port=" + smtpPort, "--report.mail-sink.port=" + smtpPort,
                "--report.calendar.reload-interval=PT0S", "--server.port=0",
                "--spring.lifecycle.timeout-per-shutdown-phase=1s",
                "--report.publication.public-column.base-url=http://127.0.0.1:9"));
        node = new SpringApplicationBuilder(AnnualReportApplication.class).web(WebApplicationType.SERVLET)
                .run(args.toArray(String[]::new));
        engine = node.getBean(ProcessEngine.class);
        engine.getRepositoryService().createDeployment().name("outage-probes")
                .addModelInstance(ASYNC + ".bpmn", asyncStep())
                .addModelInstance(TIMER + ".bpmn", timerThenStep())
                .deploy();
    }

    @AfterAll
    static void stop() {
        Step.outageStarted.countDown();
        if (proxy != null) {
            proxy.on();
        }
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (h2 != null) {
            h2.stop();
        }
    }

    @Test
    void theApplicationReportsDownDuringADatabaseOutageAndRecoversByItselfWithNothingLost() {
        Step.reset();
        // Given the application up, healthy and ready, its job executor running
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        JobExecutor jobExecutor = configuration().getJobExecutor();
        assertThat(jobExecutor.isActive()).isTrue();
        // … a case whose asynchronous step the job executor is running just when the database goes away
        ProcessInstance cutOff = engine.getRuntimeService().startProcessInstanceByKey(ASYNC, "cut-off",
                java.util.Map.of("holdUntilOutage", true));
        await().atMost(WAIT).until(() -> Step.inFlight.getCount() == 0);
        // … and a case whose timer falls due a few seconds later, during the outage
        ProcessInstance timed = engine.getRuntimeService().startProcessInstanceByKey(TIMER, "timer-due-in-outage");
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(timed.getId()).timers()
                .singleResult();
        Date timerDue = timer.getDuedate();

        // When the database becomes unreachable: live connections cut, new ones refused; the running step finishes
        // its work, but its transaction cannot commit
        proxy.off();
        long outageStarted = System.currentTimeMillis();
        Step.outageStarted.countDown();

        // Then health and readiness answer 503 DOWN within a bounded time (each check waits at most the pool's
        // connection timeout), the database component is DOWN; liveness stays UP; the application and its job
        // executor keep running
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"").doesNotContain("components", "details");
        });
        long downAfter = System.currentTimeMillis() - outageStarted;
        assertThat(node.getBean(HealthEndpoint.class).healthForPath("db").getStatus()).isEqualTo(Status.DOWN);
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"status\":\"DOWN\"");
        HttpResponse<String> liveness = get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
        // a user's request fails within the connection timeout, it does not hang: 503 in both languages
        HttpResponse<String> report = get("/api/reports/bayan/2025", "bayan_owner");
        assertThat(report.statusCode()).as(report.body()).isEqualTo(503);
        assertThat(report.body()).contains("数据库暂时无法连接", "The database cannot be reached");
        // the outage lasts until the timer is due
        await().atMost(WAIT).until(() -> System.currentTimeMillis() > timerDue.getTime() + 1000);
        assertThat(node.isActive()).isTrue();
        assertThat(jobExecutor.isActive()).isTrue();
        assertThat(Step.runs(cutOff.getId())).as("the cut-off step ran once, and its commit failed").isEqualTo(1);

        // When the database is reachable again
        int connectionsBefore = proxy.accepted();
        proxy.on();
        long recovered = System.currentTimeMillis();

        // Then health and readiness are UP again by themselves, without a restart (probed once a second, as a load
        // balancer would; the pool has dropped the connections the outage broke)
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
            assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        });
        long upAfter = System.currentTimeMillis() - recovered;
        assertThat(proxy.accepted()).as("the pool opened new connections").isGreaterThan(connectionsBefore);
        // … the step cut off by the outage runs again once its lock has expired, and its case ends; nothing is lost
        await().atMost(WAIT).until(() -> ended(cutOff));
        assertThat(Step.runs(cutOff.getId())).as("run again after the outage").isEqualTo(2);
        assertThat(successes(cutOff)).singleElement()
                .satisfies(log -> assertThat(log.getTimestamp().getTime()).isGreaterThanOrEqualTo(recovered - 1000));
        // … the timer that fell due during the outage fires after it, once
        await().atMost(WAIT).until(() -> ended(timed));
        assertThat(engine.getHistoryService().createHistoricJobLogQuery().jobId(timer.getId()).successLog().list())
                .singleElement()
                .satisfies(log -> assertThat(log.getTimestamp().getTime()).isGreaterThanOrEqualTo(recovered - 1000));
        // … a case started now reaches its first tasks, and users are served again
        ProcessInstance fresh = new TestCases(engine).start("bayan", 2025);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(fresh.getId())
                .taskDefinitionKey(TASK_SUBMIT_MATERIAL).count()).isPositive();
        assertThat(get("/api/reports/bayan/2025", "bayan_owner").statusCode()).isEqualTo(200);
        assertThat(engine.getManagementService().createJobQuery().withException().count()).isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
        assertThat(jobExecutor.isActive()).isTrue();
        System.out.printf("DatabaseOutageTest (%s): DOWN %d ms after the outage began, UP %d ms after the database"
                + " returned%n", TestDatabase.postgres() ? "PostgreSQL" : "H2", downAfter, upAfter);
    }

    @Test
    @EnabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres")
    void aNetworkThatSilentlyDropsPacketsFreesTheJobExecutorAfterTheSocketTimeoutAndHealsByItself() {
        Step.reset();
        // Given the application healthy, and a case whose asynchronous step the job executor is running
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        ThreadPoolTaskExecutor jobThreads = (ThreadPoolTaskExecutor)
                ((SpringJobExecutor) configuration().getJobExecutor()).getTaskExecutor();
        ProcessInstance cutOff = engine.getRuntimeService().startProcessInstanceByKey(ASYNC, "partitioned",
                java.util.Map.of("holdUntilOutage", true));
        await().atMost(WAIT).until(() -> Step.inFlight.getCount() == 0);
        assertThat(jobThreads.getActiveCount()).isEqualTo(1);

        // When the network to the database silently drops every packet (no reset: connections look alive, new ones
        // open, nothing answers), and the step sends its commit into it
        proxy.blackHole();
        long partitionBegan = System.currentTimeMillis();
        Step.outageStarted.countDown();

        // Then health says DOWN within a bounded time (validation and connection timeouts)
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/actuator/health").statusCode()).isEqualTo(503));
        long downAfter = System.currentTimeMillis() - partitionBegan;
        // … and the job executor's thread is freed by the socket timeout while the partition lasts, instead of waiting
        // for the operating system to give up on the connection
        await().atMost(WAIT).until(() -> jobThreads.getActiveCount() == 0);
        long freedAfter = System.currentTimeMillis() - partitionBegan;
        assertThat(freedAfter).as("the commit waited for its answer for the socket timeout")
                .isGreaterThanOrEqualTo(SOCKET_TIMEOUT_SECONDS * 1000L - 500);
        assertThat(node.isActive()).isTrue();
        assertThat(configuration().getJobExecutor().isActive()).isTrue();

        // When packets get through again
        proxy.restore();
        long restored = System.currentTimeMillis();

        // Then the application is UP again by itself, and the step whose commit was lost runs again once its lock has
        // expired: its case ends, with one successful run; nothing failed for good
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(get("/actuator/health").statusCode()).isEqualTo(200));
        long upAfter = System.currentTimeMillis() - restored;
        await().atMost(WAIT).until(() -> ended(cutOff));
        assertThat(Step.runs(cutOff.getId())).as("run again after the partition").isEqualTo(2);
        assertThat(successes(cutOff)).singleElement()
                .satisfies(log -> assertThat(log.getTimestamp().getTime()).isGreaterThanOrEqualTo(restored - 1000));
        assertThat(engine.getManagementService().createJobQuery().withException().count()).isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
        System.out.printf("DatabaseOutageTest (PostgreSQL, partition): DOWN %d ms after it began, job thread freed after"
                + " %d ms, UP %d ms after it ended%n", downAfter, freedAfter, upAfter);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** Start, an asynchronous service task running {@link Step}, end. */
    static BpmnModelInstance asyncStep() {
        return Bpmn.createExecutableProcess(ASYNC).camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("ServiceTask_Step").camundaAsyncBefore().camundaClass(Step.class.getName())
                .endEvent()
                .done();
    }

    /** Start, a timer of 6 seconds, a service task running {@link Step}, end. */
    static BpmnModelInstance timerThenStep() {
        return Bpmn.createExecutableProcess(TIMER).camundaHistoryTimeToLive(1)
                .startEvent()
                .intermediateCatchEvent("Timer_Wait").timerWithDuration("PT6S")
                .serviceTask("ServiceTask_Step").camundaClass(Step.class.getName())
                .endEvent()
                .done();
    }

    /** Counts its runs per case; on its first run in a case that asks for it, waits until the outage has begun. */
    public static class Step implements JavaDelegate {

        static volatile CountDownLatch inFlight = new CountDownLatch(1);
        static volatile CountDownLatch outageStarted = new CountDownLatch(1);
        static final java.util.Map<String, AtomicInteger> RUNS = new java.util.concurrent.ConcurrentHashMap<>();

        static void reset() {
            inFlight = new CountDownLatch(1);
            outageStarted = new CountDownLatch(1);
            RUNS.clear();
        }

        static int runs(String processInstanceId) {
            AtomicInteger runs = RUNS.get(processInstanceId);
            return runs == null ? 0 : runs.get();
        }

        @Override
        public void execute(DelegateExecution execution) throws InterruptedException {
            int run = RUNS.computeIfAbsent(execution.getProcessInstanceId(), id -> new AtomicInteger()).incrementAndGet();
            if (run == 1 && Boolean.TRUE.equals(execution.getVariable("holdUntilOutage"))) {
                inFlight.countDown();
                if (!outageStarted.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the outage never began");
                }
            }
            execution.setVariable("ranAt", System.currentTimeMillis());
        }
    }

    private static boolean ended(ProcessInstance pi) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId())
                .finished().count() == 1;
    }

    private static List<HistoricJobLog> successes(ProcessInstance pi) {
        return engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(pi.getId()).successLog().list();
    }

    private static HttpResponse<String> get(String path) {
        return get(path, null);
    }

    /** A GET to the node, anonymous or as a demo user (HTTP Basic). */
    private static HttpResponse<String> get(String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.getEnvironment().getProperty("local.server.port") + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ProcessEngineConfigurationImpl configuration() {
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
