package cn.fazhi.annualreport;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.report.AnnualReportProcess;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every role of two entities (巴彦县 and 新华区, with a department each and their supervising offices) against every
 * endpoint and the case of both: allowed, or refused with 403 (or 404 where the API does not reveal whether a case
 * exists) — never a 5xx, and a refused or filtered answer never carries the other entity's data.
 */
@AnnualReportTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    private static final String ADMIN_PASSWORD = "Fz-Test-K7q#2026-Vw";
    private static final int YEAR = 2025;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A user of the matrix: the entity whose role groups they are in, their role, and the governments they supervise. */
    record Caller(String user, String entity, String role, Set<String> supervises) {

        boolean admin() {
            return "admin".equals(user);
        }

        /** Reads a government's case: its own people (except department staff), its supervising offices, admins. */
        boolean readsCase(String target) {
            return admin() || (target.equals(entity) && !"contributor".equals(role)) || supervises.contains(target);
        }

        boolean owns(String target) {
            return admin() || (target.equals(entity) && "owner".equals(role));
        }

        /** Sees an entity's document numbers: anyone of the entity, its supervising offices, admins. */
        boolean seesNumbersOf(String target) {
            return admin() || target.equals(entity) || supervises.contains(target);
        }

        @Override
        public String toString() {
            return user;
        }
    }

    private static final List<Caller> CALLERS = List.of(
            new Caller("admin", null, "admin", Set.of()),
            new Caller("bayan_owner", "bayan", "owner", Set.of("bayan-sfj", "bayan-gaj", "bayan-jyj", "bayan-yshj")),
            new Caller("bayan_drafter", "bayan", "drafter", Set.of()),
            new Caller("bayan_leader", "bayan", "leader", Set.of()),
            new Caller("bayan_office", "bayan", "office", Set.of()),
            new Caller("bayan_secrecy", "bayan", "secrecy", Set.of()),
            new Caller("bayan_sfj_staff", "bayan-sfj", "contributor", Set.of()),
            new Caller("harbin_owner", "harbin", "owner", Set.of("bayan")),
            new Caller("xinhua_owner", "xinhua", "owner", Set.of("xinhua-sfj")),
            new Caller("xinhua_drafter", "xinhua", "drafter", Set.of()),
            new Caller("xinhua_leader", "xinhua", "leader", Set.of()),
            new Caller("xinhua_office", "xinhua", "office", Set.of()),
            new Caller("xinhua_secrecy", "xinhua", "secrecy", Set.of()),
            new Caller("xinhua_sfj_staff", "xinhua-sfj", "contributor", Set.of()),
            new Caller("pingdingshan_owner", "pingdingshan", "owner", Set.of("xinhua")));

    private static final Map<String, String> NAMES = Map.of("bayan", "巴彦县人民政府", "xinhua", "平顶山市新华区人民政府");
    private static final Map<String, String> PREFIXES = Map.of("bayan", "巴政呈", "xinhua", "新政文");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;

    TestCases cases;
    final Map<String, ProcessInstance> caseOf = new LinkedHashMap<>();
    final Map<String, String> materialTaskOf = new LinkedHashMap<>();

    @BeforeAll
    void startBothCases() {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        for (String entity : NAMES.keySet()) {
            ProcessInstance pi = cases.start(entity, YEAR);
            caseOf.put(entity, pi);
            // the material task of the entity's 司法局, whose staff are in the matrix
            materialTaskOf.put(entity, engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                    .taskDefinitionKey(AnnualReportProcess.TASK_SUBMIT_MATERIAL)
                    .taskCandidateGroup(entity + "-sfj-contributor").singleResult().getId());
        }
    }

    @AfterAll
    void cleanUp() {
        cases.cleanUp();
    }

    private String passwordOf(Caller caller) {
        return caller.admin() ? ADMIN_PASSWORD : "demo";
    }

    private ResponseEntity<String> call(Caller caller, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(caller.user(), passwordOf(caller), StandardCharsets.UTF_8);
        if (body instanceof String text) {
            headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
            return rest.exchange(path, method, new HttpEntity<>(text.getBytes(StandardCharsets.UTF_8), headers), String.class);
        }
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    /** Asserts one cell of the matrix: the status is one of the allowed, or one of the refusals; never 5xx. */
    private static void expect(ResponseEntity<String> response, boolean allowed, Set<Integer> allowedStatus,
                               String... mustNotLeak) {
        int status = response.getStatusCode().value();
        assertThat(status).as("never a server error").isLessThan(500);
        if (allowed) {
            assertThat(allowedStatus).as("allowed, answered %s: %s", status, response.getBody()).contains(status);
        } else {
            assertThat(status).as("refused, answered %s: %s", status, response.getBody()).isIn(403, 404);
            String body = response.getBody() == null ? "" : response.getBody();
            for (String secret : mustNotLeak) {
                assertThat(body).as("refusal leaks %s", secret).doesNotContain(secret);
            }
        }
    }

    private static JsonNode json(ResponseEntity<String> response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyCallerAgainstTheCaseOfBothEntities() {
        return CALLERS.stream().map(caller -> DynamicContainer.dynamicContainer(caller.user(),
                NAMES.keySet().stream().flatMap(target -> caseChecks(caller, target).stream())));
    }

    private List<DynamicTest> caseChecks(Caller caller, String target) {
        String pi = caseOf.get(target).getId();
        String name = NAMES.get(target);
        String key = target + ":" + YEAR;
        boolean reads = caller.readsCase(target);
        List<DynamicTest> checks = new ArrayList<>();
        checks.add(DynamicTest.dynamicTest(target + ": GET /api/reports", () -> {
            ResponseEntity<String> r = call(caller, HttpMethod.GET, "/api/reports/" + target + "/" + YEAR, null);
            expect(r, reads, Set.of(200), pi, name);
            if (reads) {
                assertThat(r.getBody()).contains(pi);
            }
        }));
        checks.add(DynamicTest.dynamicTest(target + ": GET /api/reports/../documents and a version's content", () -> {
            expect(call(caller, HttpMethod.GET, "/api/reports/" + target + "/" + YEAR + "/documents", null), reads,
                    Set.of(200), pi, name);
            // no draft yet: a reader learns there is no version 1, anyone else no more than for any case
            expect(call(caller, HttpMethod.GET, "/api/reports/" + target + "/" + YEAR + "/documents/1/content", null),
                    false, Set.of(), pi, name);
        }));
        checks.add(DynamicTest.dynamicTest(target + ": GET /api/reports/../filing-package and ../archive", () -> {
            // neither exists yet: a reader learns that (409: not issued, not finished), anyone else nothing (404)
            Object recipients = engine.getRuntimeService().getVariable(pi, "filingRecipients");
            String recipient = String.valueOf(((List<?>) recipients).get(0));
            expect(call(caller, HttpMethod.GET, "/api/reports/" + target + "/" + YEAR + "/filing-package?recipient="
                    + recipient, null), reads, Set.of(409), pi, name);
            expect(call(caller, HttpMethod.GET, "/api/reports/" + target + "/" + YEAR + "/archive", null), reads,
                    Set.of(409), pi, name);
        }));
        checks.add(DynamicTest.dynamicTest(target + ": GET /engine-rest/process-instance/{id}", () ->
                expect(call(caller, HttpMethod.GET, "/engine-rest/process-instance/" + pi, null), reads, Set.of(200),
                        key)));
        checks.add(DynamicTest.dynamicTest(target + ": GET /engine-rest/history/process-instance/{id}", () ->
                expect(call(caller, HttpMethod.GET, "/engine-rest/history/process-instance/" + pi, null), reads,
                        Set.of(200), key)));
        checks.add(DynamicTest.dynamicTest(target + ": GET /engine-rest/process-instance/{id}/variables", () ->
                expect(call(caller, HttpMethod.GET, "/engine-rest/process-instance/" + pi + "/variables", null), reads,
                        Set.of(200), name)));
        checks.add(DynamicTest.dynamicTest(target + ": GET /engine-rest/history/process-instance list", () -> {
            ResponseEntity<String> r = call(caller, HttpMethod.GET,
                    "/engine-rest/history/process-instance?processInstanceId=" + pi, null);
            expect(r, true, Set.of(200));
            assertThat(json(r).size()).as("history list filtered by the engine").isEqualTo(reads ? 1 : 0);
        }));
        checks.add(DynamicTest.dynamicTest(target + ": GET /engine-rest/task of the case", () -> {
            ResponseEntity<String> r = call(caller, HttpMethod.GET, "/engine-rest/task?processInstanceId=" + pi, null);
            expect(r, true, Set.of(200));
            boolean related = caller.admin() || target.equals(caller.entity()) || target.equals(parentOf(caller));
            if (!related) {
                assertThat(json(r).size()).as("another entity's tasks").isZero();
            }
        }));
        String task = materialTaskOf.get(target);
        boolean candidate = caller.admin() || ("contributor".equals(caller.role()) && target.equals(parentOf(caller)));
        if (!candidate) {
            checks.add(DynamicTest.dynamicTest(target + ": POST /engine-rest/task/{id}/complete (not a candidate)",
                    () -> {
                        ResponseEntity<String> r = call(caller, HttpMethod.POST,
                                "/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of()));
                        assertThat(r.getStatusCode().value()).as("refused: %s", r.getBody()).isIn(400, 403, 404);
                        assertThat(engine.getTaskService().createTaskQuery().taskId(task).count())
                                .as("the task is still open").isEqualTo(1);
                    }));
        }
        checks.add(DynamicTest.dynamicTest(target + ": GET /api/tasks/{id} and its comments", () -> {
            expect(call(caller, HttpMethod.GET, "/api/tasks/" + task, null), candidate, Set.of(200), name, key);
            // the comments (办理意见) of a task are part of its case: whoever reads the case reads them
            expect(call(caller, HttpMethod.GET, "/api/tasks/" + task + "/comments", null), candidate || reads,
                    Set.of(200));
        }));
        checks.add(DynamicTest.dynamicTest(target + ": POST /api/tasks/{id}/comments", () ->
                expect(call(caller, HttpMethod.POST, "/api/tasks/" + task + "/comments",
                        Map.of("message", "矩阵测试意见")), candidate, Set.of(200, 201))));
        if (!candidate) {
            checks.add(DynamicTest.dynamicTest(target + ": POST /api/tasks/{id}/claim, /reassign, /copies (not a candidate)",
                    () -> {
                        expect(call(caller, HttpMethod.POST, "/api/tasks/" + task + "/claim", Map.of()), false,
                                Set.of());
                        expect(call(caller, HttpMethod.POST, "/api/tasks/" + task + "/reassign",
                                Map.of("userId", caller.user())), false, Set.of());
                        expect(call(caller, HttpMethod.POST, "/api/tasks/" + task + "/copies",
                                Map.of("userId", caller.user(), "note", "x")), false, Set.of());
                        assertThat(engine.getTaskService().createTaskQuery().taskId(task).singleResult().getAssignee())
                                .as("nobody took the task").isNull();
                    }));
        }
        checks.add(DynamicTest.dynamicTest(target + ": PUT /api/reports/../deadlines", () ->
                expect(call(caller, HttpMethod.PUT, "/api/reports/" + target + "/" + YEAR + "/deadlines",
                        Map.of("notice", "矩阵测试", "dates", Map.of())), caller.owns(target), Set.of(200, 400), pi)));
        checks.add(DynamicTest.dynamicTest(target + ": POST /api/reports (the case exists)", () ->
                expect(call(caller, HttpMethod.POST, "/api/reports", Map.of("entity", target, "year", YEAR)),
                        caller.owns(target), Set.of(409), pi)));
        checks.add(DynamicTest.dynamicTest(target + ": GET /api/document-numbers", () ->
                expect(call(caller, HttpMethod.GET, "/api/document-numbers?prefix=" + PREFIXES.get(target)
                        + "&year=2026", null), caller.seesNumbersOf(target), Set.of(200))));
        checks.add(DynamicTest.dynamicTest(target + ": GET /api/mail-log of the case", () -> {
            ResponseEntity<String> r = call(caller, HttpMethod.GET, "/api/mail-log?processInstanceId=" + pi, null);
            expect(r, true, Set.of(200));
            if (!reads && !caller.admin()) {
                json(r).forEach(entry -> assertThat(entry.path("recipient").asText())
                        .as("only mails addressed to the caller").contains(caller.user().replace('_', '.')));
            }
        }));
        return checks;
    }

    /** The government a department belongs to ("bayan" for bayan-sfj). */
    private static String parentOf(Caller caller) {
        return caller.entity() != null && caller.entity().contains("-")
                ? caller.entity().substring(0, caller.entity().indexOf('-')) : null;
    }

    @TestFactory
    Stream<DynamicContainer> everyCallerAgainstTheAdministrativeEndpoints() {
        return CALLERS.stream().map(caller -> DynamicContainer.dynamicContainer(caller.user(), Stream.of(
                DynamicTest.dynamicTest("GET /api/entities", () ->
                        expect(call(caller, HttpMethod.GET, "/api/entities", null), true, Set.of(200))),
                DynamicTest.dynamicTest("GET /api/entities/export", () ->
                        expect(call(caller, HttpMethod.GET, "/api/entities/export", null), caller.admin(),
                                Set.of(200), "@example.org")),
                DynamicTest.dynamicTest("POST /api/entities/import (a bad file)", () ->
                        expect(call(caller, HttpMethod.POST, "/api/entities/import", "单位代码\n"), caller.admin(),
                                Set.of(400))),
                DynamicTest.dynamicTest("POST /api/document-numbers/cancel (no number)", () ->
                        expect(call(caller, HttpMethod.POST, "/api/document-numbers/cancel", Map.of()),
                                caller.admin(), Set.of(400))),
                DynamicTest.dynamicTest("POST /api/calendar/reload", () ->
                        expect(call(caller, HttpMethod.POST, "/api/calendar/reload", null), caller.admin(),
                                Set.of(200))),
                DynamicTest.dynamicTest("POST /api/launches (a year out of range)", () ->
                        expect(call(caller, HttpMethod.POST, "/api/launches", Map.of("year", 2018)), caller.admin(),
                                Set.of(400))),
                DynamicTest.dynamicTest("GET /api/launches", () ->
                        expect(call(caller, HttpMethod.GET, "/api/launches?year=" + YEAR, null), caller.admin(),
                                Set.of(200))),
                DynamicTest.dynamicTest("GET /api/copies", () ->
                        expect(call(caller, HttpMethod.GET, "/api/copies", null), true, Set.of(200))),
                DynamicTest.dynamicTest("GET /api/calendar/2026", () ->
                        expect(call(caller, HttpMethod.GET, "/api/calendar/2026", null), true, Set.of(200))),
                DynamicTest.dynamicTest("GET /engine-rest/user (identity admin data)", () -> {
                    ResponseEntity<String> r = call(caller, HttpMethod.GET, "/engine-rest/user?id=admin", null);
                    expect(r, true, Set.of(200));
                }))));
    }

    // ---- The webapps: Tasklist and Cockpit use the engine API with the login session ----

    /** A browser-like session: logs into a webapp and calls the webapps' engine API with its cookies. */
    private final class WebSession {

        private final java.net.CookieManager cookies = new java.net.CookieManager();
        private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .cookieHandler(cookies).build();

        /** Logs in as the webapp does: first a page load for the CSRF cookie, then the login with the token. */
        int login(Caller caller, String app) throws Exception {
            get("/camunda/app/" + app + "/default/");
            String token = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> "XSRF-TOKEN".equals(c.getName())).map(java.net.HttpCookie::getValue)
                    .findFirst().orElse("");
            String form = "username=" + caller.user() + "&password=" + passwordOf(caller);
            return client.send(java.net.http.HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-XSRF-TOKEN", token)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        }

        java.net.http.HttpResponse<String> get(String path) throws Exception {
            return client.send(java.net.http.HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                    .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }

        private java.net.URI uri(String path) {
            return java.net.URI.create(rest.getRootUri() + path);
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyCallerInTasklistAndCockpit() {
        return CALLERS.stream().map(caller -> DynamicContainer.dynamicContainer(caller.user(), Stream.of(
                DynamicTest.dynamicTest("Tasklist shows only tasks the caller may work, cases only if readable", () -> {
                    WebSession session = new WebSession();
                    assertThat(session.login(caller, "tasklist")).as("Tasklist login").isEqualTo(200);
                    for (String target : NAMES.keySet()) {
                        String pi = caseOf.get(target).getId();
                        java.net.http.HttpResponse<String> tasks = session.get(
                                "/camunda/api/engine/engine/default/task?processInstanceId=" + pi);
                        assertThat(tasks.statusCode()).isEqualTo(200);
                        boolean related = caller.admin() || target.equals(caller.entity())
                                || target.equals(parentOf(caller));
                        if (!related) {
                            assertThat(JSON.readTree(tasks.body()).size()).as("%s's tasks", target).isZero();
                        }
                        java.net.http.HttpResponse<String> history = session.get(
                                "/camunda/api/engine/engine/default/history/process-instance?processInstanceId=" + pi);
                        assertThat(history.statusCode()).isEqualTo(200);
                        assertThat(JSON.readTree(history.body()).size()).as("%s's case in history", target)
                                .isEqualTo(caller.readsCase(target) ? 1 : 0);
                    }
                }),
                DynamicTest.dynamicTest("Cockpit is for admins only; the cases are read through the webapps' API", () -> {
                    int cockpit = new WebSession().login(caller, "cockpit");
                    assertThat(cockpit).as("Cockpit login").isEqualTo(caller.admin() ? 200 : 403);
                    WebSession session = new WebSession();
                    if (session.login(caller, caller.admin() ? "cockpit" : "tasklist") != 200) {
                        return; // a user without Tasklist (none among the callers here)
                    }
                    java.net.http.HttpResponse<String> instances = session.get(
                            "/camunda/api/engine/engine/default/process-instance?processDefinitionKey=annual-report");
                    assertThat(instances.statusCode()).isEqualTo(200);
                    List<String> visible = new ArrayList<>();
                    JSON.readTree(instances.body()).forEach(n -> visible.add(n.path("businessKey").asText()));
                    for (String target : NAMES.keySet()) {
                        if (caller.readsCase(target)) {
                            assertThat(visible).contains(target + ":" + YEAR);
                        } else {
                            assertThat(visible).doesNotContain(target + ":" + YEAR);
                        }
                    }
                }))));
    }
}
