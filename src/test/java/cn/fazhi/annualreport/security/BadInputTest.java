package cn.fazhi.annualreport.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.report.AnnualReportProcess;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad input as an attacker's fuzzer sends it (issue 11's "20 other engine-REST calls answer 500"): each is answered
 * with a 4xx that says what is wrong, never a 500, and never repeats a huge input in full.
 */
@AnnualReportTest
class BadInputTest {

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

    @Test
    void badListQueriesAreRefusedBeforeTheEngineRunsThem() {
        String owner = Http.basic("bayan_owner", "demo");
        List<HttpResponse<String>> answers = List.of(
                http.get("/engine-rest/task?maxResults=-5", "Authorization", owner),
                http.get("/engine-rest/task?firstResult=-1", "Authorization", owner),
                http.send("POST", "/engine-rest/task", "application/json",
                        "{\"sorting\":[{\"sortBy\":\"processVariable\",\"sortOrder\":\"asc\"}]}", "Authorization", owner),
                http.send("POST", "/engine-rest/task", "application/json", "{\"sorting\":[{\"sortBy\":\"processVariable\","
                        + "\"sortOrder\":\"asc\",\"parameters\":{\"variable\":\"reviewGate\",\"type\":\"Foo\"}}]}",
                        "Authorization", owner),
                http.send("POST", "/engine-rest/task", "application/json",
                        "{\"processVariables\":[{\"name\":\"x\",\"operator\":\"eq\",\"value\":[1]}]}", "Authorization", owner),
                http.send("POST", "/engine-rest/history/task", "application/json",
                        "{\"orQueries\":[{\"processVariables\":[{\"name\":\"x\",\"operator\":\"eq\",\"value\":{}}]}]}",
                        "Authorization", owner));
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(400);
            assertThat(r.body()).contains("messageZh", "messageEn");
        });
    }

    @Test
    void aBodyThatIsNoJsonIsRefusedInBothLanguages() {
        // Given a clerk whose script sends a broken JSON body to the engine's REST API, by POST and by PUT
        String staff = Http.basic("bayan_gaj_staff", "demo");
        HttpResponse<String> query = http.send("POST", "/engine-rest/task", "application/json", "{bad",
                "Authorization", staff);
        HttpResponse<String> update = http.send("PUT", "/engine-rest/task/no-such-task", "application/json",
                "{\"name\":", "Authorization", staff);

        // Then both answers are 400 JSON with the reason in Chinese and English, not Jackson's English in plain text
        assertThat(query.statusCode()).as(query.body()).isEqualTo(400);
        assertThat(query.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(query.body()).contains("请求体不是有效的 JSON（第1行", "The request body is not valid JSON (line 1");
        assertThat(update.statusCode()).as(update.body()).isBetween(400, 404);
        assertThat(update.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(update.body()).contains("\"messageZh\"", "\"messageEn\"");
    }

    @Test
    void aTaskOrCaseThatDoesNotExistIsNotFound() {
        String owner = Http.basic("bayan_owner", "demo");
        List<HttpResponse<String>> answers = Stream.of("/engine-rest/task/nonexistent/variables",
                        "/engine-rest/task/nonexistent/variables/x/data", "/engine-rest/task/nonexistent/rendered-form",
                        "/engine-rest/task/nonexistent/deployed-form", "/engine-rest/task/nonexistent/identity-links",
                        "/engine-rest/process-instance/nonexistent/variables",
                        "/engine-rest/process-instance/nonexistent/variables/x")
                .map(path -> http.get(path, "Authorization", owner)).toList();
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(404));
    }

    @Test
    void anAdministratorsMalformedStartOrProfileIsABadRequest() {
        String admin = Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD);
        HttpResponse<String> skipping = http.send("POST", "/engine-rest/process-definition/key/annual-report/start",
                "application/json", "{\"variables\":{\"entityCode\":{\"value\":\"bayan\"},\"reportingYear\":{\"value\":2025}},"
                        + "\"skipCustomListeners\":true}", "Authorization", admin);
        HttpResponse<String> emptyProfile = http.send("PUT", "/engine-rest/user/bayan_owner/profile", "application/json",
                "{}", "Authorization", admin);

        assertThat(skipping.statusCode()).as(skipping.body()).isEqualTo(400);
        assertThat(emptyProfile.statusCode()).as(emptyProfile.body()).isBetween(400, 499);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(AnnualReportProcess.PROCESS_KEY).count()).isZero();
    }

    @Test
    void aHugeUserIdIsNotRepeatedInFull() {
        // Given 巴彦县's draft task, claimed by its drafter
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        String task = cases.task(pi, AnnualReportProcess.TASK_DRAFT).getId();
        engine.getTaskService().claim(task, "bayan_gaj_staff");
        String huge = "Y".repeat(200_000);

        // When the holder hands it to a user id of 200,000 characters, as assignee, delegate and identity link
        List<HttpResponse<String>> answers = Stream.of("/assignee", "/delegate", "/identity-links")
                .map(action -> http.send("POST", "/engine-rest/task/" + task + action, "application/json",
                        "{\"userId\":\"" + huge + "\",\"type\":\"candidate\"}", "Authorization",
                        Http.basic("bayan_gaj_staff", "demo"))).toList();

        // Then each is refused in a few hundred characters
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(400);
            assertThat(r.body().length()).as(r.uri().toString()).isLessThan(2000);
        });
    }

    @Test
    void aBrokenUploadIsABadRequest() {
        HttpResponse<String> answer = http.send("POST", "/api/completeness-check", "multipart/form-data; boundary=xx",
                "--xx\r\nbroken", "Authorization", Http.basic("bayan_drafter", "demo"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    }
}
