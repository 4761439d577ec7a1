package cn.fazhi.annualreport.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every area answers with the security headers, refusals and errors included: a strict policy for the JSON areas, one
 * for the public pages, and Camunda's own policy (with its script nonce) on the pages of the webapps.
 */
@AnnualReportTest
class SecurityHeadersTest {

    private static final String STRICT = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = Http.client(port);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "/api/entities, anonymous, 401",
            "/api/entities, admin, 200",
            "/api/no-such-thing, admin, 404",
            "/engine-rest/task, anonymous, 401",
            "/engine-rest/task, admin, 200",
            "/actuator/health, anonymous, 200",
            "/actuator/info, anonymous, 401",
            "/actuator/metrics, admin, 200",
            "/no-such-page, anonymous, 403",
    })
    void theJsonAreasGetTheStrictPolicy(String path, String caller, int status) {
        // When the path is called anonymously or as the admin
        HttpResponse<String> response = "admin".equals(caller)
                ? http.get(path, "Authorization", Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD)) : http.get(path);

        // Then the answer, whatever it is, carries the strict policy and the other headers, each once
        assertThat(response.statusCode()).isEqualTo(status);
        HttpHeaders headers = response.headers();
        assertThat(headers.allValues("Content-Security-Policy")).containsExactly(STRICT);
        assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(headers.allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(headers.allValues("Referrer-Policy")).containsExactly("same-origin");
    }

    @Test
    void thePublicPagesMayUseTheSitesOwnFilesButNoInlineCode() {
        // When a reader opens a page under /public
        HttpResponse<String> response = http.get("/public/reports/bayan/2025");

        // Then its policy allows the site's own scripts, styles and images, no inline code, framing only by the site
        HttpHeaders headers = response.headers();
        assertThat(headers.allValues("Content-Security-Policy")).singleElement().satisfies(csp -> assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
                        "object-src 'none'", "frame-ancestors 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(headers.allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(headers.allValues("Referrer-Policy")).containsExactly("same-origin");
    }

    @Test
    void theWebappsKeepCamundasOwnPolicy() {
        // When a browser opens the Tasklist login page and a script of it
        HttpResponse<String> page = http.get("/camunda/app/tasklist/default/");
        HttpResponse<String> webappApi = http.get("/camunda/api/engine/engine/");

        // Then the page is served with Camunda's policy alone (its script nonce, 'strict-dynamic'), not ours
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
        assertThat(page.headers().allValues("Content-Security-Policy")).singleElement().satisfies(csp -> assertThat(csp)
                .contains("'nonce-", "'strict-dynamic'", "frame-ancestors 'none'").isNotEqualTo(STRICT));
        assertThat(page.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(page.headers().allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(page.headers().allValues("Referrer-Policy")).containsExactly("same-origin");
        // and the webapps' own API (the engine list of the login page) gets Camunda's headers too
        assertThat(webappApi.statusCode()).isEqualTo(200);
        assertThat(webappApi.headers().allValues("Content-Security-Policy")).singleElement()
                .satisfies(csp -> assertThat(csp).contains("'nonce-"));
    }

    @Test
    void aRefusalOfTheWebappsApiStillCarriesAPolicy() {
        // When an anonymous caller asks the webapps' engine API (refused before Camunda's header filter runs)
        HttpResponse<String> response = http.get("/camunda/api/engine/engine/default/task");

        // Then the refusal has a policy and the other headers all the same
        assertThat(response.statusCode()).isIn(401, 403);
        assertThat(response.headers().allValues("Content-Security-Policy")).hasSize(1);
        assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
    }
}
