package cn.fazhi.annualreport.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import cn.fazhi.annualreport.testing.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every kind of refusal and error page in the reader's language — Chinese for a Chinese browser, English for an
 * English one, both when the client states no language — with messageZh and messageEn always: the application's
 * /api, the gate, the engine REST API (/engine-rest) and Tasklist's (/camunda/api/engine) with the application's
 * refusals and Camunda's own, Spring's 404 and 405 as JSON and as a browser's page, and the public column.
 */
@AnnualReportTest
class ReaderLanguageTest {

    /** A reader: what their client sends as Accept-Language. */
    enum Reader {
        CHINESE("zh-CN,zh;q=0.9,en;q=0.8"), ENGLISH("en-US,en;q=0.9"), UNSTATED(null);

        final String acceptLanguage;

        Reader(String acceptLanguage) {
            this.acceptLanguage = acceptLanguage;
        }
    }

    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private TestCases cases;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void theApplicationsRefusalsAndTheirDetailsAreInTheReadersLanguage(Reader reader) {
        // Given a reader whose browser states their language (or a script that states none)
        // When they start a case of an entity that does not exist
        HttpResponse<String> unknown = send(reader, "POST", "/api/reports", "bayan_owner", "application/json",
                "{\"entity\":\"atlantis\",\"year\":2025}", null);

        // Then the refusal reads in their language, with both languages for code
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode body = body(unknown);
        assertThat(body.get("messageZh").asText()).startsWith("未知的报告单位");
        assertThat(body.get("messageEn").asText()).startsWith("Unknown reporting entity");
        assertInLanguage(reader, body);

        // When an administrator imports a registry file that lacks a column
        HttpResponse<String> bad = send(reader, "POST", "/api/entities/import", "admin", "text/csv",
                "单位代码,单位名称,上级单位代码\nzz-a,某县人民政府,\n", null);

        // Then each line of the details reads in their language too
        assertThat(bad.statusCode()).isEqualTo(400);
        String detail = body(bad).get("details").get(0).asText();
        switch (reader) {
            case CHINESE -> assertThat(detail).startsWith("第1行：").contains("缺少必需的列“类型”").doesNotContain("line 1");
            case ENGLISH -> assertThat(detail).startsWith("line 1: ").doesNotContain("第1行");
            case UNSTATED -> assertThat(detail).startsWith("第1行：").contains(" / line 1: ");
        }
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void theGatesRefusalsAreInTheReadersLanguage(Reader reader) {
        // When the reader calls the API without logging in, and a clerk calls the administrators' metrics
        HttpResponse<String> anonymous = send(reader, "GET", "/api/entities", null, null, null, null);
        HttpResponse<String> forbidden = send(reader, "GET", "/actuator/metrics", "bayan_owner", null, null, null);

        // Then both refusals read in their language
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(body(anonymous).get("messageZh").asText()).isEqualTo("请先登录");
        assertInLanguage(reader, body(anonymous));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(body(forbidden).get("messageZh").asText()).isEqualTo("无权访问该地址");
        assertInLanguage(reader, body(forbidden));
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void theEngineRestApisRefusalsAndCamundasOwnErrorsAreInTheReadersLanguage(Reader reader) {
        // Given 巴彦县's case, whose 公安局 material task is open
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = cases.tasks(pi, "UserTask_SubmitDepartmentMaterial").stream()
                .filter(t -> t.getName().contains("公安局")).findFirst().orElseThrow().getId();

        // When 公安局's clerk submits the form empty over /engine-rest
        HttpResponse<String> empty = send(reader, "POST", "/engine-rest/task/" + task + "/submit-form",
                "bayan_gaj_staff", "application/json", "{\"variables\":{}}", null);

        // Then the application's refusal reads in their language
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(body(empty).get("messageZh").asText()).contains("必填");
        assertInLanguage(reader, body(empty));

        // When a clerk of another government (新华区) claims that task
        HttpResponse<String> foreign = send(reader, "POST", "/engine-rest/task/" + task + "/claim",
                "xinhua_office", "application/json", "{\"userId\":\"xinhua_office\"}", null);

        // Then Camunda's own refusal keeps its type and English text, and says in Chinese what it means
        assertThat(foreign.statusCode()).isEqualTo(403);
        JsonNode refused = body(foreign);
        assertThat(refused.get("type").asText()).isEqualTo("AuthorizationException");
        assertThat(refused.get("messageEn").asText()).startsWith("The user with id 'xinhua_office' does not have");
        assertThat(refused.get("messageZh").asText()).startsWith("无权执行此操作");
        assertThat(refused.get("missingAuthorizations")).isNotEmpty();
        assertInLanguage(reader, refused);

        // And the task was not claimed
        assertThat(engine.getTaskService().createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void tasklistsEngineApiAnswersInTheReadersLanguage(Reader reader) {
        // Given 巴彦县's case, and 公安局's clerk and a clerk of 新华区 logged into Tasklist with their browser's language
        ProcessInstance pi = cases.start("bayan", 2025);
        String task = cases.tasks(pi, "UserTask_SubmitDepartmentMaterial").stream()
                .filter(t -> t.getName().contains("公安局")).findFirst().orElseThrow().getId();
        String base = "http://127.0.0.1:" + port;
        WebappSession clerk = WebappSession.login(base, "tasklist", "bayan_gaj_staff", "demo")
                .acceptLanguage(reader.acceptLanguage);
        WebappSession foreigner = WebappSession.login(base, "tasklist", "xinhua_office", "demo")
                .acceptLanguage(reader.acceptLanguage);

        // When the clerk completes the form empty, and the other clerk opens the task's form
        HttpResponse<String> empty = clerk.postJson("/camunda/api/engine/engine/default/task/" + task
                + "/submit-form", "{\"variables\":{}}");
        HttpResponse<String> foreign = foreigner.get("/camunda/api/engine/engine/default/task/" + task
                + "/form-variables");

        // Then the message Tasklist shows in its notification (as HTML) reads in their language
        assertThat(empty.statusCode()).isEqualTo(400);
        assertShownInLanguage(reader, body(empty));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(body(foreign).get("type").asText()).isEqualTo("AuthorizationException");
        assertShownInLanguage(reader, body(foreign));
        // and what a refusal repeats of the input cannot become markup there
        assertThat(body(foreign).get("message").asText()).doesNotContain("'");
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void springsOwn404And405AreJsonInTheReadersLanguageForAClient(Reader reader) {
        // When a client asks for an address that does not exist, and deletes what cannot be deleted
        HttpResponse<String> missing = send(reader, "GET", "/api/no-such-thing", "bayan_owner", null, null,
                "application/json");
        HttpResponse<String> method = send(reader, "DELETE", "/api/entities", "bayan_owner", null, null,
                "application/json");

        // Then both are JSON in their language, with both languages for code and no trace
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(body(missing).get("messageZh").asText()).isEqualTo("没有这个地址");
        assertInLanguage(reader, body(missing));
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(body(method).get("messageEn").asText()).isEqualTo("This address does not take that method");
        assertInLanguage(reader, body(method));
        assertThat(missing.body() + method.body()).doesNotContain("trace", "exception", "Exception");
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void aBrowserGetsAPlainErrorPageInItsLanguageWithALinkBackToTasklist(Reader reader) {
        // When a browser opens an address that does not exist, one that takes no GET, a path the gate closes and a
        // Tasklist page of an engine that does not exist
        HttpResponse<String> missing = send(reader, "GET", "/api/no-such-thing", "bayan_owner", null, null, HTML);
        HttpResponse<String> method = send(reader, "GET", "/api/tasks/some-task/claim", "bayan_owner", null, null,
                HTML);
        HttpResponse<String> closed = send(reader, "GET", "/no-such-page", null, null, null, HTML);
        HttpResponse<String> engineless = send(reader, "GET", "/camunda/app/tasklist/no-such-engine/", null, null,
                null, HTML);

        // Then each is a plain HTML page: what went wrong in the browser's language, a link back to Tasklist
        assertPage(reader, missing, 404, "没有这个地址", "No such address");
        assertPage(reader, method, 405, "该地址不支持此请求方法", "This address does not take that method");
        assertPage(reader, closed, 403, "无权进行此操作", "Forbidden");
        assertPage(reader, engineless, 404, "没有这个地址", "No such address");
        Document page = Jsoup.parse(missing.body());
        assertThat(page.select("a#error-back").attr("href")).isEqualTo("/camunda/app/tasklist/");
        assertThat(page.select("a#error-back").text()).isEqualTo(reader == Reader.ENGLISH ? "Back to Tasklist" : "返回任务列表");
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void aBrowserOpeningAnApiLinkGetsARefusalNotAServerErrorNorTheBrowsersLoginBox(Reader reader) {
        // When a browser asking for HTML only opens an API address it may not use, logged in
        HttpResponse<String> refused = send(reader, "GET", "/api/tasks/no-such-task/people", "bayan_owner", null, null,
                "text/html");
        // Then it is the refusal (404, JSON in its language), not a 500 for want of an HTML form of it
        assertThat(refused.statusCode()).isEqualTo(404);
        assertInLanguage(reader, body(refused));

        // When it opens a draft's 在线阅读 link without a login (its session ended)
        HttpResponse<String> anonymous = send(reader, "GET", "/api/reports/bayan/2025/documents/1/view", null, null,
                null, HTML);
        // Then it is the error page in its language, without the Basic challenge that opens the browser's own box
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(Jsoup.parse(anonymous.body()).text()).contains(reader == Reader.ENGLISH ? "Log in first" : "请先登录");
    }

    @ParameterizedTest
    @EnumSource(Reader.class)
    void thePublicColumnIsChineseUnlessTheBrowserAsksForEnglish(Reader reader) {
        // When anyone opens a report the column does not have, a path under /public that does not exist, and
        // tries to change the column
        HttpResponse<String> report = send(reader, "GET", "/public/reports/atlantis/2025", null, null, null, HTML);
        HttpResponse<String> nothing = send(reader, "GET", "/public/no-such-page", null, null, null, HTML);
        HttpResponse<String> post = send(reader, "POST", "/public/reports", null, "text/plain", "x", null);

        // Then each is in Chinese only — a Chinese government site — or in English only for an English browser
        boolean english = reader == Reader.ENGLISH;
        assertThat(report.statusCode()).isEqualTo(404);
        Document page = Jsoup.parse(report.body());
        assertThat(page.select("main h1").text()).isEqualTo(english ? "Report not found" : "未找到该报告");
        assertThat(page.select("main").text()).doesNotContain(english ? "未找到" : "not found");
        assertThat(page.select("html").attr("lang")).isEqualTo(english ? "en" : "zh-CN");
        assertThat(nothing.statusCode()).isEqualTo(404);
        Document missing = Jsoup.parse(nothing.body());
        assertThat(missing.select("h1").text()).isEqualTo(english ? "No such address" : "没有这个地址");
        assertThat(missing.select("#error-english")).isEmpty();
        assertThat(missing.select("a#error-back").attr("href")).isEqualTo("/public/reports");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).isEqualTo(english ? "405 Method not allowed: the public pages are read-only (GET, HEAD).\n"
                : "405 公开专栏为只读页面，仅支持 GET 和 HEAD 请求。\n");
    }

    /** message is messageZh, messageEn, or both joined, as the reader's Accept-Language asks. */
    private static void assertInLanguage(Reader reader, JsonNode body) {
        String zh = body.get("messageZh").asText();
        String en = body.get("messageEn").asText();
        assertThat(zh).isNotBlank().isNotEqualTo(en);
        String expected = switch (reader) {
            case CHINESE -> zh;
            case ENGLISH -> en;
            case UNSTATED -> zh + " / " + en;
        };
        assertThat(body.get("message").asText()).isEqualTo(expected);
    }

    /** Tasklist shows message as HTML: what it shows reads as assertInLanguage wants the message to. */
    private static void assertShownInLanguage(Reader reader, JsonNode body) {
        ObjectNode shown = body.deepCopy();
        shown.put("message", Jsoup.parseBodyFragment(body.get("message").asText()).body().text());
        assertInLanguage(reader, shown);
    }

    /** An HTML error page: its status, title in the reader's language (both for none), no trace, no Whitelabel. */
    private static void assertPage(Reader reader, HttpResponse<String> answer, int status, String zh, String en) {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        Document page = Jsoup.parse(answer.body());
        assertThat(page.select("h1").text()).isEqualTo(reader == Reader.ENGLISH ? en : zh);
        assertThat(page.select("html").attr("lang")).isEqualTo(reader == Reader.ENGLISH ? "en" : "zh-CN");
        String text = page.text();
        switch (reader) {
            case CHINESE -> assertThat(text).doesNotContainPattern("[A-Za-z]");
            case ENGLISH -> assertThat(text).doesNotContain(zh).doesNotContainPattern("\\p{IsHan}");
            case UNSTATED -> assertThat(text).contains(zh, en);
        }
        assertThat(answer.body()).doesNotContain("Whitelabel", "Exception", "trace", "<script");
    }

    private HttpResponse<String> send(Reader reader, String method, String path, String user, String contentType,
                                      String body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (reader.acceptLanguage != null) {
            request.header("Accept-Language", reader.acceptLanguage);
        }
        if (user != null) {
            String password = user.equals("admin") ? "Fz-Test-K7q#2026-Vw" : "demo";
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
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

    private JsonNode body(HttpResponse<String> answer) {
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }
}
