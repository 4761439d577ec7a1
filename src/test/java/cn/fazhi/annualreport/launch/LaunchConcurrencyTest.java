package cn.fazhi.annualreport.launch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.report.ReportCaseService;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import cn.fazhi.annualreport.testing.TestDatabase;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two launches of the same year at the same moment, as on two nodes: two requests in parallel, then each launch's
 * jobs run in parallel on its own thread. Every entity gets exactly one case.
 */
@AnnualReportTest
class LaunchConcurrencyTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @Autowired
    LaunchService launches;
    @Autowired
    LaunchSchedule schedule;
    @Autowired
    EntityRegistry registry;

    @Autowired
    ReportCaseService reportCases;
    @Autowired
    TransactionTemplate transactions;

    LaunchTesting testing;
    ExecutorService nodes;

    @BeforeEach
    void setUp() {
        testing = new LaunchTesting(engine);
        nodes = Executors.newFixedThreadPool(2);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        nodes.shutdownNow();
        nodes.awaitTermination(30, TimeUnit.SECONDS);
        testing.cleanUp(schedule);
    }

    @Test
    void twoConcurrentLaunchesStartEachCaseExactlyOnce() throws Exception {
        // Given two administrators launching 2025 at the same moment
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<ResponseEntity<Map<String, Object>>> request = () -> {
            together.await(30, TimeUnit.SECONDS);
            HttpHeaders headers = new HttpHeaders();
            headers.setBasicAuth("admin", "Fz-Test-K7q#2026-Vw");
            return rest.exchange("/api/launches", HttpMethod.POST, new HttpEntity<>(Map.of("year", 2025), headers), JSON);
        };
        List<Future<ResponseEntity<Map<String, Object>>>> requests = List.of(nodes.submit(request),
                nodes.submit(request));
        List<String> ids = new ArrayList<>();
        for (Future<ResponseEntity<Map<String, Object>>> f : requests) {
            ResponseEntity<Map<String, Object>> answer = f.get(60, TimeUnit.SECONDS);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            ids.add((String) answer.getBody().get("id"));
        }
        assertThat(ids).doesNotHaveDuplicates();

        // When two job executors run the two launches' jobs at the same time
        List<Future<List<String>>> runs = new ArrayList<>();
        for (String id : ids) {
            runs.add(nodes.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                return testing.runDueJobs(id);
            }));
        }
        List<String> failures = new ArrayList<>();
        for (Future<List<String>> run : runs) {
            failures.addAll(run.get(120, TimeUnit.SECONDS));
        }

        // Then no job attempt failed: the two launches took turns per entity instead of racing for report_case
        assertThat(failures).isEmpty();

        // And every active entity with people for its tasks has exactly one 2025 case
        List<String> codes = registry.active().stream().map(ReportingEntity::code)
                .filter(c -> !LaunchTesting.NOBODY_TO_WORK.contains(c)).toList();
        for (String code : codes) {
            assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("annual-report")
                    .processInstanceBusinessKey(code + ":2025").count()).as("cases of %s", code).isEqualTo(1);
        }
        // And both launches finished: each entity STARTED by one of them and SKIPPED by the other, pointing at the
        // same case; nothing FAILED and no incident
        LaunchView a = launches.view(ids.get(0));
        LaunchView b = launches.view(ids.get(1));
        assertThat(List.of(a.state(), b.state())).containsOnly(LaunchView.FINISHED);
        assertThat(a.started() + b.started()).isEqualTo(codes.size());
        assertThat(a.skipped() + b.skipped()).isEqualTo(codes.size() + 2 * LaunchTesting.NOBODY_TO_WORK.size());
        assertThat(a.failed() + b.failed()).isZero();
        for (String code : codes) {
            LaunchView.EntityResult ra = result(a, code);
            LaunchView.EntityResult rb = result(b, code);
            assertThat(List.of(ra.outcome(), rb.outcome())).as(code).containsExactlyInAnyOrder("STARTED", "SKIPPED");
            assertThat(ra.processInstanceId()).as(code).isEqualTo(rb.processInstanceId());
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    }

    @ParameterizedTest(name = "slot freed by a deleted case: {0}")
    @ValueSource(booleans = {false, true})
    void aStartThatLosesTheRaceForItsCaseIsRolledBackAndRetriedAsSkipped(boolean freedSlot) throws Exception {
        // Given bayan never had a 2025 case — or had one that was deleted in Cockpit, which freed its slot
        testing.jdbc().update("DELETE FROM report_case WHERE entity_code = 'bayan' AND reporting_year = 2025");
        if (freedSlot) {
            String deleted = reportCases.start("bayan", 2025).getId();
            engine.getRuntimeService().deleteProcessInstance(deleted, "deleted in Cockpit");
        }
        // And a launch of 2025, and an owner starting bayan's case at the same moment in another transaction that has
        // claimed the case (report_case) but not committed yet
        String id = launches.launch(2025, "admin");
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<String> owner = nodes.submit(() -> transactions.execute(status -> {
            String caseId = reportCases.start("bayan", 2025).getId();
            claimed.countDown();
            await(commit);
            return caseId;
        }));
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
        Job bayanJob = jobOf(id, "bayan");

        // When the launch's job for bayan runs meanwhile: it waits for the owner's claim, which then commits
        Future<String> launchJob = nodes.submit(() -> {
            try {
                engine.getManagementService().executeJob(bayanJob.getId());
                return "executed";
            } catch (RuntimeException e) {
                return "failed: " + e.getMessage();
            }
        });
        waitUntilBlocked(launchJob);
        commit.countDown();
        String ownCase = owner.get(30, TimeUnit.SECONDS);

        // Then the launch's attempt failed on the primary key and was rolled back: one case of bayan, the owner's
        assertThat(launchJob.get(30, TimeUnit.SECONDS)).startsWith("failed").contains("exists already");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("annual-report")
                .processInstanceBusinessKey("bayan:2025").list()).extracting(p -> p.getId()).containsExactly(ownCase);
        assertThat(result(launches.view(id), "bayan").outcome()).isEqualTo("PENDING");

        // When the job is retried five minutes later (and the other jobs run)
        LaunchTesting.clockPlusMinutes(5);
        assertThat(testing.runDueJobs(null)).isEmpty();

        // Then bayan is SKIPPED with the owner's case, and the launch finished without an incident
        LaunchView done = launches.view(id);
        assertThat(result(done, "bayan").outcome()).isEqualTo("SKIPPED");
        assertThat(result(done, "bayan").processInstanceId()).isEqualTo(ownCase);
        assertThat(done.state()).isEqualTo(LaunchView.FINISHED);
        assertThat(done.started()).isEqualTo(registry.active().size() - 1 - LaunchTesting.NOBODY_TO_WORK.size());
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    }

    private Job jobOf(String launchId, String entity) {
        return engine.getManagementService().createJobQuery().processInstanceId(launchId).executable().list().stream()
                .filter(j -> entity.equals(engine.getRuntimeService().getVariable(j.getExecutionId(),
                        AnnualLaunchProcess.VAR_ENTITY)))
                .findFirst().orElseThrow();
    }

    /** Waits (polling the database's sessions, no sleep) until the task's claim of report_case waits for the owner's. */
    private void waitUntilBlocked(Future<?> task) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!task.isDone() && claimsUnderWay() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(task.isDone()).as("the launch job waits for the owner's claim").isFalse();
    }

    private int claimsUnderWay() {
        // H2 lists the statement a session is executing; PostgreSQL lists a session's last statement even when it is
        // idle in its transaction (as the owner's is), so only a session waiting for a lock counts there
        String sessions = TestDatabase.postgres()
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND (query LIKE 'INSERT INTO report_case%' OR query LIKE 'UPDATE report_case%')"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                        + " WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO report_case%'"
                        + " OR EXECUTING_STATEMENT LIKE 'UPDATE report_case%'";
        Integer claims = testing.jdbc().queryForObject(sessions, Integer.class);
        return claims == null ? 0 : claims;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static LaunchView.EntityResult result(LaunchView view, String entity) {
        return view.results().stream().filter(r -> entity.equals(r.entity())).findFirst().orElseThrow();
    }
}
