package cn.fazhi.annualreport.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may call what without logging in, over real HTTP: only actuator health (with its probes) and the public
 * publication pages under /public; everything else answers 401 or 403.
 */
@AnnualReportTest
class AnonymousAccessTest {

    @LocalServerPort
    int port;

    Http anonymous;

    @BeforeEach
    void setUp() {
        anonymous = Http.client(port);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /actuator",
            "GET, /actuator/info",
            "GET, /actuator/metrics",
            "GET, /actuator/metrics/jvm.memory.used",
            "GET, /actuator/env",
            "GET, /actuator/health/../info",
            "GET, /actuator/health/..;/info",
            "GET, /api/dev/mails",
            "GET, /api/entities",
            "GET, /api/reports/bayan/2025",
            "POST, /api/reports",
            "GET, /api/mail-log",
            "GET, /engine-rest/engine",
            "GET, /engine-rest/engine/",
            "GET, /engine-rest/engine/default/task",
            "GET, /engine-rest/engine/no-such-engine/task",
            "GET, /engine-rest/task",
            "GET, /engine-rest/user",
            "GET, /engine-rest/process-definition",
            "POST, /engine-rest/process-definition/key/annual-report/start",
            "GET, /camunda/api/engine/engine/default/task",
            "GET, /camunda/api/engine/engine/default/user",
            "GET, /camunda/api/engine/engine/default/process-definition",
            "POST, /camunda/api/engine/engine/default/process-definition/key/annual-report/start",
            "GET, /camunda/api/cockpit/plugin/base/default/process-definition/statistics-count",
            "GET, /camunda/api/admin/auth/user/default/profile",
            "GET, //engine-rest/user",
            "GET, ///engine-rest/user",
            "POST, //engine-rest/deployment/create",
            "GET, //api/entities",
            "GET, //camunda/api/engine/engine/default/user",
    })
    void anAnonymousCallIsRefused(String method, String path) {
        // When an anonymous caller calls the path
        HttpResponse<String> response = "GET".equals(method) ? anonymous.get(path)
                : anonymous.send(method, path, "application/json", "{}");

        // Then it is refused for who it is, or for its spelling (never answered with data)
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isIn(400, 401, 403);
    }

    @Test
    void anApiRefusalExplainsItselfInChineseAndEnglish() {
        // When an anonymous caller asks the application's API and the actuator
        HttpResponse<String> api = anonymous.get("/api/entities");
        HttpResponse<String> info = anonymous.get("/actuator/info");

        // Then both answer 401 with the Basic challenge and a bilingual JSON body
        for (HttpResponse<String> response : new HttpResponse[] {api, info}) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(response.body()).contains("\"messageZh\":\"请先登录\"", "\"messageEn\":\"Authentication required\"");
        }
    }

    @Test
    void healthAndItsProbesAnswerAnonymouslyWithoutDetails() {
        // When a load balancer asks for health and the orchestrator for liveness and readiness
        HttpResponse<String> health = anonymous.get("/actuator/health");
        HttpResponse<String> liveness = anonymous.get("/actuator/health/liveness");
        HttpResponse<String> readiness = anonymous.get("/actuator/health/readiness");

        // Then each is UP, and nothing about the database or mail server is shown
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "details", "db");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void thePublicPagesNeedNoLogin() {
        // When an anonymous reader opens the public column and a report page that has not been published
        HttpResponse<String> column = anonymous.get("/public/reports");
        HttpResponse<String> page = anonymous.get("/public/reports/bayan/2025");

        // Then no login is asked for: the column answers, the unpublished report is simply not there
        assertThat(column.statusCode()).isEqualTo(200);
        assertThat(page.statusCode()).isEqualTo(404);
    }

    @Test
    void theActuatorAndApiAnswerALoggedInUser() {
        // When the admin asks with HTTP Basic
        HttpResponse<String> info = anonymous.get("/actuator/info", "Authorization", Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD));
        HttpResponse<String> engines = anonymous.get("/engine-rest/engine", "Authorization", Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD));

        // Then the protected endpoints answer
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(engines.statusCode()).isEqualTo(200);
        assertThat(engines.body()).contains("\"name\":\"default\"");
    }
}
