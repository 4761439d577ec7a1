package cn.fazhi.annualreport.task;

import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_DRAFT;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_INTERNAL_REVIEW;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_LEADERSHIP_MEETING;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_SUBMIT_MATERIAL;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import cn.fazhi.annualreport.testing.WebappSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Task actions over real HTTP as the demo users do them: claim, 转办, 委派 and its resolution, 办理意见 and 抄送 through
 * /api/tasks, and the same rules on the engine's REST API that Tasklist uses.
 */
@AnnualReportTest
class TaskActionsApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };
    private static final String SECOND_DRAFTER = "bayan_drafter_b";

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
        if (engine.getIdentityService().createUserQuery().userId(SECOND_DRAFTER).count() > 0) {
            engine.getIdentityService().deleteUser(SECOND_DRAFTER);
        }
    }

    @Test
    void reassignWithinTheEntityWorksAndToAnotherEntityIsRefused() {
        // Given 巴彦县's draft task, claimed by its drafter
        String task = bayanDraftTask().getId();
        ResponseEntity<Map<String, Object>> claimed = post("bayan_drafter", "/api/tasks/" + task + "/claim", Map.of());
        assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(claimed.getBody()).containsEntry("assignee", "bayan_drafter").containsEntry("entity", "bayan");

        // When the drafter gives it to the county's office (转办), and the office tries to give it to 新华区's drafter
        ResponseEntity<Map<String, Object>> withinEntity = post("bayan_drafter", "/api/tasks/" + task + "/reassign",
                Map.of("userId", "bayan_office"));
        ResponseEntity<Map<String, Object>> toOtherEntity = post("bayan_office", "/api/tasks/" + task + "/reassign",
                Map.of("userId", "xinhua_drafter"));
        ResponseEntity<Map<String, Object>> toNobody = post("bayan_office", "/api/tasks/" + task + "/reassign",
                Map.of("userId", "no_such_user"));

        // Then the first is done, the others are refused in both languages and the office keeps the task
        assertThat(withinEntity.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(withinEntity.getBody()).containsEntry("assignee", "bayan_office");
        assertThat(toOtherEntity.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(toOtherEntity.getBody().get("messageZh").toString()).contains("本单位", "xinhua_drafter");
        assertThat(toOtherEntity.getBody().get("messageEn").toString()).contains("own entity");
        assertThat(toNobody.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(toNobody.getBody().get("message").toString()).contains("用户不存在", "No such user");
        assertThat(assigneeOf(task)).isEqualTo("bayan_office");
    }

    @Test
    void onlyTheHolderTheEntitysOwnersOrAnAdminHandATaskOn() {
        // Given 巴彦县's draft task, given by its drafter to the office
        String task = bayanDraftTask().getId();
        post("bayan_drafter", "/api/tasks/" + task + "/claim", Map.of());
        post("bayan_drafter", "/api/tasks/" + task + "/reassign", Map.of("userId", "bayan_office"));

        // When the drafter (a candidate, no longer the holder) and the leader try to take it back or give it on,
        // and then the county's owner gives it back to the drafter
        ResponseEntity<Map<String, Object>> byCandidate = post("bayan_drafter", "/api/tasks/" + task + "/reassign",
                Map.of("userId", "bayan_drafter"));
        ResponseEntity<Map<String, Object>> unclaimByCandidate = post("bayan_drafter", "/api/tasks/" + task + "/unclaim",
                Map.of());
        ResponseEntity<Map<String, Object>> byOwner = post("bayan_owner", "/api/tasks/" + task + "/reassign",
                Map.of("userId", "bayan_drafter"));
        ResponseEntity<Map<String, Object>> formerHolderCompletes = exchange("bayan_office", HttpMethod.POST,
                "/engine-rest/task/" + task + "/complete", Map.of("variables", draftValues()));

        // Then the candidate is refused, the owner succeeds, and the former holder can no longer work on the task
        assertThat(byCandidate.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byCandidate.getBody().get("message").toString()).contains("办理人", "assignee");
        assertThat(unclaimByCandidate.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byOwner.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(byOwner.getBody()).containsEntry("assignee", "bayan_drafter");
        assertThat(formerHolderCompletes.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).isEqualTo(1);

        // And the holder may give it back to the group (退回)
        ResponseEntity<Map<String, Object>> unclaimed = post("bayan_drafter", "/api/tasks/" + task + "/unclaim", Map.of());
        assertThat(unclaimed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(unclaimed.getBody().get("assignee")).isNull();
    }

    @Test
    void tasklistsEngineApiFollowsTheSameRules() {
        // Given 巴彦县's draft task, unclaimed
        String task = bayanDraftTask().getId();
        String engineTask = "/engine-rest/task/" + task;

        // When the drafter claims it for somebody else, sets an assignee without holding it, claims it for herself,
        // hands it to another entity's drafter, then to the office, and comments with 2,001 characters
        ResponseEntity<Map<String, Object>> claimForOther = exchange("bayan_drafter", HttpMethod.POST,
                engineTask + "/claim", Map.of("userId", "bayan_office"));
        ResponseEntity<Map<String, Object>> assignWithoutHolding = exchange("bayan_drafter", HttpMethod.POST,
                engineTask + "/assignee", Map.of("userId", "bayan_office"));
        ResponseEntity<Map<String, Object>> claimForSelf = exchange("bayan_drafter", HttpMethod.POST,
                engineTask + "/claim", Map.of("userId", "bayan_drafter"));
        ResponseEntity<Map<String, Object>> toOtherEntity = exchange("bayan_drafter", HttpMethod.POST,
                engineTask + "/assignee", Map.of("userId", "xinhua_drafter"));
        ResponseEntity<Map<String, Object>> groupOfOtherEntity = exchange("bayan_drafter", HttpMethod.POST,
                engineTask + "/identity-links", Map.of("groupId", "xinhua-drafter", "type", "candidate"));
        ResponseEntity<Map<String, Object>> withinEntity = exchange("bayan_drafter", HttpMethod.POST,
                engineTask + "/assignee", Map.of("userId", "bayan_office"));
        ResponseEntity<Map<String, Object>> longComment = exchange("bayan_office", HttpMethod.POST,
                engineTask + "/comment/create", Map.of("message", "意".repeat(2001)));

        // Then only the claim for herself and the hand-over within the entity pass
        assertThat(claimForOther.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(claimForOther.getBody().get("message").toString()).contains("本人认领", "for yourself");
        assertThat(assignWithoutHolding.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(claimForSelf.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(toOtherEntity.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(groupOfOtherEntity.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(withinEntity.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(longComment.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(assigneeOf(task)).isEqualTo("bayan_office");
        assertThat(engine.getTaskService().getIdentityLinksForTask(task))
                .noneMatch(l -> "xinhua-drafter".equals(l.getGroupId()));
    }

    @Test
    void tasklistInTheBrowserIsHeldToTheRulesToo() {
        // Given 巴彦县's draft task and its drafter logged into Tasklist
        String task = bayanDraftTask().getId();
        WebappSession tasklist = WebappSession.login(rest.getRootUri(), "tasklist", "bayan_drafter", "demo");
        String engineTask = "/camunda/api/engine/engine/default/task/" + task;

        // When she claims it in Tasklist, sets another entity's drafter as assignee, then the office
        HttpResponse<String> claim = tasklist.postJson(engineTask + "/claim", "{\"userId\":\"bayan_drafter\"}");
        HttpResponse<String> toOtherEntity = tasklist.postJson(engineTask + "/assignee", "{\"userId\":\"xinhua_drafter\"}");
        HttpResponse<String> toOffice = tasklist.postJson(engineTask + "/assignee", "{\"userId\":\"bayan_office\"}");

        // Then the other entity is refused with the message Tasklist shows, and the office gets the task
        assertThat(claim.statusCode()).isEqualTo(204);
        assertThat(toOtherEntity.statusCode()).isEqualTo(400);
        assertThat(toOtherEntity.body()).contains("本单位", "own entity");
        assertThat(toOffice.statusCode()).isEqualTo(204);
        assertThat(assigneeOf(task)).isEqualTo("bayan_office");
    }

    @Test
    void theEngineLetsCandidatesWorkButOnlyHoldersAndOwnersHandOn() {
        // Given 巴彦县's draft task, unclaimed
        String task = bayanDraftTask().getId();

        // When a candidate calls the engine's Java API directly (no HTTP in between) to set an assignee, and to claim
        Throwable candidateAssigns = asUser("bayan_drafter", () -> engine.getTaskService().setAssignee(task, "bayan_drafter"));
        Throwable candidateClaims = asUser("bayan_drafter", () -> engine.getTaskService().claim(task, "bayan_drafter"));
        Throwable holderUnclaims = asUser("bayan_drafter", () -> engine.getTaskService().setAssignee(task, null));
        Throwable ownerAssigns = asUser("bayan_owner", () -> engine.getTaskService().setAssignee(task, "bayan_office"));
        Throwable otherOwnerAssigns = asUser("xinhua_owner", () -> engine.getTaskService().setAssignee(task, "bayan_drafter"));

        // Then the engine refuses the candidate's assignment (its guard: only the holder or the entity's owners hand a
        // task on) but lets her claim; the holder may give the task back, the entity's owners may assign it, another
        // entity's owners (who may not even see it) may not
        assertThat(candidateAssigns).isInstanceOf(cn.fazhi.annualreport.api.ApiException.class);
        assertThat(((cn.fazhi.annualreport.api.ApiException) candidateAssigns).status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(candidateClaims).isNull();
        assertThat(holderUnclaims).isNull();
        assertThat(ownerAssigns).isNull();
        assertThat(otherOwnerAssigns).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        assertThat(assigneeOf(task)).isEqualTo("bayan_office");
    }

    @Test
    void aDelegateResolvesTheTaskAndTheOwnerCompletesIt() {
        // Given 巴彦县公安局's internal review, claimed by its head
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        engine.getTaskService().complete(cases.task(pi, TASK_DRAFT).getId(), TestCases.draft(false));
        String task = cases.task(pi, TASK_INTERNAL_REVIEW).getId();
        post("bayan_gaj_head", "/api/tasks/" + task + "/claim", Map.of());

        // When the head delegates it to another entity's drafter, then to the bureau's staff member (委派)
        ResponseEntity<Map<String, Object>> toOtherEntity = post("bayan_gaj_head", "/api/tasks/" + task + "/delegate",
                Map.of("userId", "xinhua_drafter"));
        ResponseEntity<Map<String, Object>> delegated = post("bayan_gaj_head", "/api/tasks/" + task + "/delegate",
                Map.of("userId", "bayan_gaj_staff"));

        // Then only the second is done: the staff member holds it, the head owns it, the delegation is pending
        assertThat(toOtherEntity.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(delegated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(delegated.getBody()).containsEntry("assignee", "bayan_gaj_staff")
                .containsEntry("owner", "bayan_gaj_head").containsEntry("delegationState", "PENDING");

        // When the delegate tries to pass it on and to complete it with the form, the head tries to resolve it, the
        // delegate tries to overwrite a case variable, to add a value the form does not have, and then resolves it
        // with the review's comment (a field of its form; the decision is left to the head)
        ResponseEntity<Map<String, Object>> passOn = post("bayan_gaj_staff", "/api/tasks/" + task + "/reassign",
                Map.of("userId", "bayan_gaj_head"));
        ResponseEntity<Map<String, Object>> completedInTasklist = exchange("bayan_gaj_staff", HttpMethod.POST,
                "/engine-rest/task/" + task + "/submit-form", Map.of("variables", strings(TestCases.internalReview("APPROVE"))));
        ResponseEntity<Map<String, Object>> resolvedByOwner = post("bayan_gaj_head", "/api/tasks/" + task + "/resolve",
                Map.of());
        ResponseEntity<Map<String, Object>> overwrite = post("bayan_gaj_staff", "/api/tasks/" + task + "/resolve",
                Map.of("variables", Map.of("entityCode", "xinhua")));
        ResponseEntity<Map<String, Object>> undeclared = post("bayan_gaj_staff", "/api/tasks/" + task + "/resolve",
                Map.of("variables", Map.of("delegateNote", "材料已核实")));
        ResponseEntity<Map<String, Object>> resolved = post("bayan_gaj_staff", "/api/tasks/" + task + "/resolve",
                Map.of("variables", Map.of("internalReviewComment", "材料已核实，同意提请审议")));

        // Then only the delegate's plain resolution passes, and the task is back with the head
        assertThat(passOn.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(completedInTasklist.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(completedInTasklist.getBody().get("message").toString()).contains("resolve", "受托人");
        assertThat(resolvedByOwner.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(overwrite.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(overwrite.getBody().get("message").toString()).contains("entityCode");
        assertThat(undeclared.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(undeclared.getBody().get("messageZh").toString()).contains("「delegateNote」不是本表单的填写项");
        assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(resolved.getBody()).containsEntry("assignee", "bayan_gaj_head")
                .containsEntry("delegationState", "RESOLVED");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "entityCode")).isEqualTo("bayan-gaj");

        // When the former delegate and then the head complete the review through the engine's REST API
        ResponseEntity<Map<String, Object>> byDelegate = exchange("bayan_gaj_staff", HttpMethod.POST,
                "/engine-rest/task/" + task + "/complete", Map.of("variables", strings(TestCases.internalReview("APPROVE"))));
        ResponseEntity<Map<String, Object>> byOwner = exchange("bayan_gaj_head", HttpMethod.POST,
                "/engine-rest/task/" + task + "/complete", Map.of("variables",
                        strings(Map.of("internalReviewDecision", "APPROVE"))));

        // Then the head's completion moves the case on to the leadership meeting, with the delegate's comment
        assertThat(byDelegate.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byOwner.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(cases.tasks(pi, TASK_LEADERSHIP_MEETING)).hasSize(1);
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "internalReviewComment"))
                .isEqualTo("材料已核实，同意提请审议");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "delegateNote")).isNull();
    }

    @Test
    void commentsAreListedWithAuthorAndTimeAndOnlyForThoseWhoSeeTheTask() {
        // Given 巴彦县's draft task
        String task = bayanDraftTask().getId();
        String comments = "/api/tasks/" + task + "/comments";

        // When the drafter and the county's owner comment, and bad or foreign comments are tried
        ResponseEntity<Map<String, Object>> first = post("bayan_drafter", comments, Map.of("message", " 初稿已汇总各部门材料 "));
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 11, 0));
        ResponseEntity<Map<String, Object>> second = post("bayan_owner", comments, Map.of("message", "请补充行政复议数据"));
        ResponseEntity<Map<String, Object>> blank = post("bayan_drafter", comments, Map.of("message", "   "));
        ResponseEntity<Map<String, Object>> tooLong = post("bayan_drafter", comments, Map.of("message", "意".repeat(2001)));
        ResponseEntity<Map<String, Object>> foreignPost = post("xinhua_drafter", comments, Map.of("message", "看看"));
        ResponseEntity<Map<String, Object>> foreignList = exchange("xinhua_drafter", HttpMethod.GET, comments, null);
        ResponseEntity<List<Map<String, Object>>> listed = rest.exchange(comments, HttpMethod.GET,
                new HttpEntity<>(auth("bayan_drafter")), LIST);

        // Then both comments are listed in order with author and time; the rest is refused, never a 500
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(first.getBody()).containsEntry("userId", "bayan_drafter").containsEntry("userName", "王晓明")
                .containsEntry("message", "初稿已汇总各部门材料");
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(blank.getBody().get("message").toString()).contains("办理意见不能为空", "needs a message");
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody().get("message").toString()).contains("2000");
        assertThat(foreignPost.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreignList.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(listed.getBody()).extracting(c -> c.get("userId")).containsExactly("bayan_drafter", "bayan_owner");
        assertThat(listed.getBody()).extracting(c -> c.get("message"))
                .containsExactly("初稿已汇总各部门材料", "请补充行政复议数据");
        assertThat(listed.getBody().get(0).get("time").toString()).startsWith("2026-01-05T10:00");
        assertThat(listed.getBody().get(1).get("userName")).isEqualTo("李法明");
    }

    @Test
    void aCaseCopiedToAnotherEntitysUserBecomesReadableButNotWorkable() {
        // Given 巴彦县's draft task, which 新华区's drafter cannot see
        Task draft = bayanDraftTask();
        String task = draft.getId();
        assertThat(exchange("xinhua_drafter", HttpMethod.GET, "/api/reports/bayan/2025", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // When 巴彦县's drafter copies the case to 新华区's drafter (抄送), and bad copies are tried
        ResponseEntity<Map<String, Object>> copied = post("bayan_drafter", "/api/tasks/" + task + "/copies",
                Map.of("userId", "xinhua_drafter", "note", "供参考：报告结构"));
        ResponseEntity<Map<String, Object>> toNobody = post("bayan_drafter", "/api/tasks/" + task + "/copies",
                Map.of("userId", "no_such_user"));
        ResponseEntity<Map<String, Object>> byStranger = post("pingdingshan_owner", "/api/tasks/" + task + "/copies",
                Map.of("userId", "pingdingshan_owner"));
        ResponseEntity<Map<String, Object>> hugeId = post("bayan_drafter", "/api/tasks/" + task + "/copies",
                Map.of("userId", "Y".repeat(100_000)));

        // Then the copy is recorded and listed for the recipient only
        assertThat(copied.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(toNobody.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(hugeId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(hugeId.getBody().toString()).hasSizeLessThan(1000);
        assertThat(hugeId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(hugeId.getBody().toString()).hasSizeLessThan(1000);
        assertThat(byStranger.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<List<Map<String, Object>>> mine = rest.exchange("/api/copies", HttpMethod.GET,
                new HttpEntity<>(auth("xinhua_drafter")), LIST);
        assertThat(mine.getBody()).hasSize(1);
        assertThat(mine.getBody().get(0)).containsEntry("businessKey", "bayan:2025")
                .containsEntry("fromUser", "bayan_drafter").containsEntry("fromUserName", "王晓明")
                .containsEntry("note", "供参考：报告结构").containsEntry("taskName", draft.getName())
                .containsEntry("caseLink", "/api/reports/bayan/2025");
        assertThat(rest.exchange("/api/copies", HttpMethod.GET, new HttpEntity<>(auth("bayan_office")), LIST).getBody())
                .isEmpty();

        // When the recipient reads the case and then tries to work on the task
        ResponseEntity<Map<String, Object>> report = exchange("xinhua_drafter", HttpMethod.GET, "/api/reports/bayan/2025", null);
        ResponseEntity<Map<String, Object>> history = exchange("xinhua_drafter", HttpMethod.GET,
                "/engine-rest/history/process-instance/" + draft.getProcessInstanceId(), null);
        ResponseEntity<Map<String, Object>> complete = exchange("xinhua_drafter", HttpMethod.POST,
                "/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of()));
        ResponseEntity<Map<String, Object>> claim = post("xinhua_drafter", "/api/tasks/" + task + "/claim", Map.of());

        // Then reading works, working does not
        assertThat(report.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(report.getBody()).containsEntry("businessKey", "bayan:2025");
        assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(complete.getStatusCode().value()).isIn(403, 404);
        assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(engine.getTaskService().createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    }

    @Test
    void aTaskOfAnotherEntityOrNoTaskAtAllIsNotFound() {
        // Given 巴彦县's draft task
        String task = bayanDraftTask().getId();

        // When 新华区's drafter acts on it, and anybody acts on a task that does not exist
        List<ResponseEntity<Map<String, Object>>> answers = List.of(
                exchange("xinhua_drafter", HttpMethod.GET, "/api/tasks/" + task, null),
                post("xinhua_drafter", "/api/tasks/" + task + "/claim", Map.of()),
                post("xinhua_drafter", "/api/tasks/" + task + "/reassign", Map.of("userId", "xinhua_drafter")),
                post("xinhua_drafter", "/api/tasks/" + task + "/delegate", Map.of("userId", "xinhua_drafter")),
                post("xinhua_drafter", "/api/tasks/" + task + "/resolve", Map.of()),
                post("bayan_drafter", "/api/tasks/no-such-task/claim", Map.of()),
                post("bayan_drafter", "/api/tasks/no-such-task/copies", Map.of("userId", "bayan_office")));

        // Then every answer is 404 in both languages, and the task is untouched
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(a.getBody().get("message").toString()).contains("未找到该任务", "No such task");
        });
        assertThat(assigneeOf(task)).isNull();
    }

    @Test
    void twoDraftersClaimingAtOnceGetOneTaskAndOneConflict() throws Exception {
        // Given a second drafter at 巴彦县 and the county's draft task
        User second = engine.getIdentityService().newUser(SECOND_DRAFTER);
        second.setPassword("demo");
        engine.getIdentityService().saveUser(second);
        engine.getIdentityService().createMembership(SECOND_DRAFTER, "bayan-drafter");
        String task = bayanDraftTask().getId();

        // When both drafters claim it at the same moment
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<ResponseEntity<Map<String, Object>>>> claims = new ArrayList<>();
        try {
            for (String user : List.of("bayan_drafter", SECOND_DRAFTER)) {
                Callable<ResponseEntity<Map<String, Object>>> claim = () -> {
                    go.await();
                    return post(user, "/api/tasks/" + task + "/claim", Map.of());
                };
                claims.add(pool.submit(claim));
            }
            go.countDown();
            List<ResponseEntity<Map<String, Object>>> answers = new ArrayList<>();
            for (Future<ResponseEntity<Map<String, Object>>> claim : claims) {
                answers.add(claim.get(30, TimeUnit.SECONDS));
            }

            // Then one gets the task, the other a bilingual 409, and the task is the winner's
            assertThat(answers).extracting(a -> a.getStatusCode().value()).containsExactlyInAnyOrder(200, 409);
            ResponseEntity<Map<String, Object>> won = answers.stream()
                    .filter(a -> a.getStatusCode() == HttpStatus.OK).findFirst().orElseThrow();
            ResponseEntity<Map<String, Object>> lost = answers.stream()
                    .filter(a -> a.getStatusCode() == HttpStatus.CONFLICT).findFirst().orElseThrow();
            assertThat(lost.getBody().get("message").toString())
                    .contains("任务已被他人认领", "The task was claimed by someone else");
            assertThat(assigneeOf(task)).isEqualTo(won.getBody().get("assignee"));
        } finally {
            pool.shutdownNow();
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** 巴彦县's 2025 case with the departments' material in: its draft task, unclaimed. */
    private Task bayanDraftTask() {
        ProcessInstance pi = cases.start("bayan", 2025);
        cases.complete(pi, TASK_SUBMIT_MATERIAL, TestCases.material());
        return cases.task(pi, TASK_DRAFT);
    }

    private String assigneeOf(String taskId) {
        return engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee();
    }

    /** Runs an engine call as the user with her groups; answers what it threw, or null. */
    private Throwable asUser(String userId, Runnable call) {
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
                .map(g -> g.getId()).toList();
        engine.getIdentityService().setAuthentication(userId, groups);
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private ResponseEntity<Map<String, Object>> post(String user, String url, Object body) {
        return exchange(user, HttpMethod.POST, url, body);
    }

    private ResponseEntity<Map<String, Object>> exchange(String user, HttpMethod method, String url, Object body) {
        return rest.exchange(url, method, new HttpEntity<>(body, auth(user)), OBJECT);
    }

    private static HttpHeaders auth(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        return headers;
    }

    /** The draft form as Tasklist submits it: the report file and the choice not to solicit opinions. */
    private static Map<String, Object> draftValues() {
        // a complete draft, so that only the caller's right to work on the task decides
        return Map.of("draftReport", Map.of("type", "File",
                        "value", Base64.getEncoder().encodeToString(TestCases.DRAFT_TEXT.getBytes(StandardCharsets.UTF_8)),
                        "valueInfo", Map.of("filename", "report.txt", "mimetype", "text/plain", "encoding", "UTF-8",
                                "transient", true)),
                "solicitOpinions", Map.of("value", false, "type", "Boolean"));
    }

    /** Form values in the engine's REST shape, typed as Tasklist sends them. */
    private static Map<String, Object> strings(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Map.of("value", v, "type",
                v instanceof Boolean ? "Boolean" : v instanceof Integer ? "Integer" : "String")));
        return out;
    }
}
