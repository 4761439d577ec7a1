package cn.fazhi.annualreport.resilience;

import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_DRAFT;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_EXECUTIVE_MEETING;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_INTERNAL_REVIEW;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_SUBMIT_MATERIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import cn.fazhi.annualreport.testing.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two people complete the same task at the same moment (docs/resilience.md, "Two users complete the same task"):
 * one succeeds, the other gets a bilingual 409 — through the engine's REST API and through Tasklist's engine API
 * alike — and the case advances exactly once. A real race over HTTP, repeated with fresh cases; the same race forced
 * into its worst order (both completions inside their transactions before either commits); and a task submitted
 * again after it was completed.
 */
@AnnualReportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameTaskCompletedTwiceTest {

    private static final String SECOND_OWNER = "bayan_owner_b";
    private static final String PASSWORD = "demo";
    private static final String GATED_PROCESS = "resilience-gated-completion";
    private static final int ROUNDS = 10;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String APPROVE = """
            {"variables":{"internalReviewDecision":{"value":"APPROVE","type":"String"},\
            "internalReviewComment":{"value":"同意提请审议","type":"String"}}}""";
    /** The gated test task has no form: it is completed without values (it declares none). */
    private static final String NOTHING = "{\"variables\":{}}";

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private TestCases cases;
    private Deployment gated;

    /** How a user completes a task: Tasklist's form (webapp session, CSRF token) or a script on /engine-rest. */
    enum Path { TASKLIST, ENGINE_REST }

    @BeforeAll
    void secondOwnerAndGatedProcess() {
        // a second member of 巴彦县's owner group: two people who may both complete the internal review
        User second = engine.getIdentityService().newUser(SECOND_OWNER);
        second.setPassword(PASSWORD);
        engine.getIdentityService().saveUser(second);
        engine.getIdentityService().createMembership(SECOND_OWNER, "bayan-owner");
        gated = engine.getRepositoryService().createDeployment().name(GATED_PROCESS)
                .addModelInstance(GATED_PROCESS + ".bpmn", gatedProcess()).deploy();
    }

    @AfterAll
    void removeSecondOwnerAndGatedProcess() {
        engine.getRepositoryService().deleteDeployment(gated.getId(), true);
        engine.getIdentityService().deleteUser(SECOND_OWNER);
    }

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        Gate.open();
        cases.cleanUp();
    }

    @Test
    void twoOwnersCompletingTheSameReviewAtOnceGetOneSuccessAndOneConflict() throws Exception {
        WebappSession owner = tasklist("bayan_owner");
        WebappSession secondOwner = tasklist(SECOND_OWNER);
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            // Given a fresh case of 巴彦县 waiting for its internal review, which both owners may complete
            ProcessInstance pi = caseAtInternalReview();
            String task = cases.task(pi, TASK_INTERNAL_REVIEW).getId();
            // one through Tasklist, the other through /engine-rest; who uses which alternates between rounds
            Path ownersPath = round % 2 == 0 ? Path.ENGINE_REST : Path.TASKLIST;
            Path secondsPath = ownersPath == Path.ENGINE_REST ? Path.TASKLIST : Path.ENGINE_REST;

            // When both complete it at the same moment
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<HttpResponse<String>> answers = new ArrayList<>();
            try {
                Future<HttpResponse<String>> first = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return complete(ownersPath, owner, "bayan_owner", task, "complete");
                });
                Future<HttpResponse<String>> second = pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return complete(secondsPath, secondOwner, SECOND_OWNER, task, "submit-form");
                });
                answers.add(first.get(60, TimeUnit.SECONDS));
                answers.add(second.get(60, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }

            // Then exactly one succeeds, the other gets 409 in both languages, and the case advanced exactly once
            assertThat(answers).extracting(HttpResponse::statusCode).as("round %d: %s", round, bodies(answers))
                    .containsExactlyInAnyOrder(204, 409);
            HttpResponse<String> lost = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
            assertAlreadyCompleted(lost);
            assertAdvancedOnce(pi, task);
            outcomes.add((answers.get(0).statusCode() == 204 ? ownersPath : secondsPath) + " won");
            cases.cleanUp();
            TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        }
        System.out.println("SameTaskCompletedTwiceTest: " + ROUNDS + " races: " + outcomes);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void aSecondCompletionWhileTheFirstIsInFlightWaitsForItAndGetsAConflict(Path losersPath) throws Exception {
        // Given a task both owners may complete, whose completion waits inside its transaction at a gate
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(GATED_PROCESS);
        String task = openTask(pi);
        Path winnersPath = losersPath == Path.TASKLIST ? Path.ENGINE_REST : Path.TASKLIST;
        WebappSession owner = tasklist("bayan_owner");
        WebappSession secondOwner = tasklist(SECOND_OWNER);
        Gate.close();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // When the owner's completion has read the task and is held inside its transaction, uncommitted, and the
            // second owner's completion of the same task arrives on the same node meanwhile
            Future<HttpResponse<String>> winner = pool.submit(() ->
                    complete(winnersPath, owner, "bayan_owner", task, "submit-form", NOTHING));
            assertThat(Gate.firstInside.await(30, TimeUnit.SECONDS)).as("first completion at the gate").isTrue();
            Future<HttpResponse<String>> loser = pool.submit(() ->
                    complete(losersPath, secondOwner, SECOND_OWNER, task, "complete", NOTHING));
            // it read the task (still open) and waits for the first: its request thread is parked in the filter
            await().atMost(WAIT).until(SameTaskCompletedTwiceTest::aCompletionWaitsForAnother);
            Gate.releaseFirst.countDown();
            HttpResponse<String> won = winner.get(30, TimeUnit.SECONDS);
            HttpResponse<String> lost = loser.get(30, TimeUnit.SECONDS);

            // Then the first is done, the second gets 409 in both languages without reaching the engine's completion,
            // and the case advanced exactly once
            assertThat(won.statusCode()).as(won.body()).isEqualTo(204);
            assertThat(lost.statusCode()).as(lost.body()).isEqualTo(409);
            assertAlreadyCompleted(lost);
            assertThat(Gate.arrivals).as("completions that reached the engine's task listener").hasValue(1);
            assertGatedCaseAdvancedOnce(pi, task);
        } finally {
            Gate.open();
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void aCompletionThatLosesInsideItsTransactionGetsAConflict(Path losersPath) throws Exception {
        // Given a task both owners may complete, and a completion over HTTP that has read the task and is held
        // inside its transaction, uncommitted
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(GATED_PROCESS);
        String task = openTask(pi);
        WebappSession secondOwner = tasklist(SECOND_OWNER);
        Gate.close();
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            Future<HttpResponse<String>> loser = pool.submit(() ->
                    complete(losersPath, secondOwner, SECOND_OWNER, task, "complete", NOTHING));
            assertThat(Gate.firstInside.await(30, TimeUnit.SECONDS)).as("the HTTP completion at the gate").isTrue();

            // When the same task is completed meanwhile where no lock of this node is in the way (another node of a
            // cluster; here the engine's Java API without a user, which the completion lock of this node does not
            // see), and then the held completion goes on to commit
            Gate.releaseSecond.countDown();
            engine.getTaskService().complete(task);
            Gate.releaseFirst.countDown();
            HttpResponse<String> lost = loser.get(30, TimeUnit.SECONDS);

            // Then the engine's optimistic locking refuses the held one, which gets 409 in both languages, not the
            // engine's 500; the case advanced exactly once
            assertThat(lost.statusCode()).as(lost.body()).isEqualTo(409);
            assertAlreadyCompleted(lost);
            assertThat(Gate.arrivals).as("both completions ran in the engine").hasValue(2);
            assertGatedCaseAdvancedOnce(pi, task);
        } finally {
            Gate.open();
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void aTaskSubmittedAgainAfterItWasCompletedIsAConflictAndAnUnknownTaskIsNotFound(Path path) {
        // Given 巴彦县's internal review, completed by the owner
        ProcessInstance pi = caseAtInternalReview();
        String task = cases.task(pi, TASK_INTERNAL_REVIEW).getId();
        WebappSession secondOwner = tasklist(SECOND_OWNER);
        HttpResponse<String> done = complete(path, tasklist("bayan_owner"), "bayan_owner", task, "submit-form");

        // When the second owner submits the same task from a stale page, and somebody a task id that never existed
        HttpResponse<String> again = complete(path, secondOwner, SECOND_OWNER, task, "complete");
        HttpResponse<String> unknown = complete(path, secondOwner, SECOND_OWNER, "no-such-task", "submit-form");

        // Then: 204, a bilingual 409 "already completed", a bilingual 404; the case advanced once
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertAlreadyCompleted(again);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(message(unknown)).contains("未找到该任务", "No such task");
        assertAdvancedOnce(pi, task);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** 巴彦县's 2025 case with material and draft in: its internal review (审核报告稿) open. */
    private ProcessInstance caseAtInternalReview() {
        ProcessInstance pi = cases.start("bayan", 2025);
        cases.complete(pi, TASK_SUBMIT_MATERIAL, TestCases.material());
        cases.complete(pi, TASK_DRAFT, TestCases.draft(false));
        return pi;
    }

    private String openTask(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
    }

    private void assertGatedCaseAdvancedOnce(ProcessInstance pi, String task) {
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).list())
                .extracting(Task::getTaskDefinitionKey).containsExactly("UserTask_Next");
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task).finished().list())
                .singleElement().satisfies(h -> assertThat(h.getDeleteReason()).isEqualTo("completed"));
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId("UserTask_Next").count()).isEqualTo(1);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    /** Whether a request thread of this JVM's server is parked in the filter, waiting for another completion. */
    private static boolean aCompletionWaitsForAnother() {
        return Thread.getAllStackTraces().entrySet().stream().anyMatch(e -> {
            Thread.State state = e.getKey().getState();
            List<String> frames = java.util.Arrays.stream(e.getValue())
                    .map(f -> f.getClassName() + "." + f.getMethodName()).toList();
            return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                    && frames.stream().anyMatch(f -> f.endsWith("ReentrantLock.tryLock"))
                    && frames.stream().anyMatch(f -> f.endsWith("GuardedTaskService.completing"));
        });
    }

    /** The review was completed once, the next step opened once, the decision recorded once; no incident. */
    private void assertAdvancedOnce(ProcessInstance pi, String task) {
        List<HistoricTaskInstance> reviews = engine.getHistoryService().createHistoricTaskInstanceQuery()
                .processInstanceId(pi.getId()).taskDefinitionKey(TASK_INTERNAL_REVIEW).list();
        assertThat(reviews).singleElement().satisfies(h -> {
            assertThat(h.getId()).isEqualTo(task);
            assertThat(h.getDeleteReason()).isEqualTo("completed");
        });
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).list())
                .extracting(Task::getTaskDefinitionKey).containsExactly(TASK_EXECUTIVE_MEETING);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(TASK_EXECUTIVE_MEETING).count()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report_document_comment WHERE process_instance_id = ?"
                + " AND task_id = ?", Integer.class, pi.getId(), task)).as("review decision recorded").isEqualTo(1);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    private void assertAlreadyCompleted(HttpResponse<String> answer) {
        JsonNode body = body(answer);
        assertThat(body.path("message").asText())
                .contains("该任务已由他人办理完毕", "This task has already been completed by someone else");
        assertThat(body.path("messageZh").asText()).contains("已由他人办理完毕");
        assertThat(body.path("messageEn").asText()).contains("already been completed");
        assertThat(body.path("status").asInt()).isEqualTo(409);
    }

    private HttpResponse<String> complete(Path path, WebappSession session, String user, String task, String how) {
        return complete(path, session, user, task, how, APPROVE);
    }

    private HttpResponse<String> complete(Path path, WebappSession session, String user, String task, String how,
                                          String body) {
        return switch (path) {
            case TASKLIST -> session.postJson("/camunda/api/engine/engine/default/task/" + task + "/" + how, body);
            case ENGINE_REST -> post("/engine-rest/task/" + task + "/" + how, user, body);
        };
    }

    private HttpResponse<String> post(String path, String user, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private WebappSession tasklist(String user) {
        return WebappSession.login(base(), "tasklist", user, PASSWORD);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private JsonNode body(HttpResponse<String> answer) {
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + answer.body(), e);
        }
    }

    private String message(HttpResponse<String> answer) {
        return body(answer).path("message").asText();
    }

    private static List<String> bodies(List<HttpResponse<String>> answers) {
        return answers.stream().map(a -> a.statusCode() + " " + a.body()).toList();
    }

    /** A user task both owners of 巴彦县 may complete, its completion held at {@link Gate}, then the next task. */
    private static BpmnModelInstance gatedProcess() {
        return Bpmn.createExecutableProcess(GATED_PROCESS).camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("UserTask_Gated").name("并发办理测试").camundaCandidateGroups("bayan-owner")
                .camundaTaskListenerClass(TaskListener.EVENTNAME_COMPLETE, Gate.class.getName())
                .userTask("UserTask_Next").name("下一环节").camundaCandidateGroups("bayan-owner")
                .endEvent()
                .done();
    }

    /**
     * Holds each completion inside its engine transaction (after the task was read, before anything is written) until
     * the test lets it go: the first arrival until {@link #releaseFirst}, the second until {@link #releaseSecond}.
     * Open (no waiting) unless a test closed it.
     */
    public static class Gate implements TaskListener {

        static volatile boolean closed;
        static volatile CountDownLatch firstInside = new CountDownLatch(1);
        static volatile CountDownLatch secondInside = new CountDownLatch(1);
        static volatile CountDownLatch releaseFirst = new CountDownLatch(1);
        static volatile CountDownLatch releaseSecond = new CountDownLatch(1);
        static final AtomicInteger arrivals = new AtomicInteger();

        static void close() {
            arrivals.set(0);
            firstInside = new CountDownLatch(1);
            secondInside = new CountDownLatch(1);
            releaseFirst = new CountDownLatch(1);
            releaseSecond = new CountDownLatch(1);
            closed = true;
        }

        static void open() {
            closed = false;
            releaseFirst.countDown();
            releaseSecond.countDown();
        }

        @Override
        public void notify(DelegateTask task) {
            if (!closed) {
                return;
            }
            boolean first = arrivals.incrementAndGet() == 1;
            (first ? firstInside : secondInside).countDown();
            try {
                if (!(first ? releaseFirst : releaseSecond).await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
