package cn.fazhi.annualreport.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A browser's webapp session: Camunda's CSRF protection refuses a change without the token even when logged in, the
 * application's /api asks the same token for changes made with the session, and wrong Basic credentials are not
 * rescued by a session.
 */
@AnnualReportTest
class WebappSessionTest {

    private static final String PROBE_WITH_TOKEN = "sec_csrf_with_token";
    private static final String PROBE_WITHOUT_TOKEN = "sec_csrf_without_token";
    private static final String SESSION_USER = "sec_session_user";
    private static final String SESSION_PASSWORD = "Session-Passw0rd-1";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    Http browser;

    @BeforeEach
    void setUp() {
        jdbc.update("DELETE FROM login_failure"); // other tests' wrong passwords make no account wait here
        browser = Http.client(port);
        User user = identityService.newUser(SESSION_USER);
        user.setPassword(SESSION_PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(SESSION_USER, "bayan-owner");
    }

    @AfterEach
    void tearDown() {
        for (String id : new String[] {PROBE_WITH_TOKEN, PROBE_WITHOUT_TOKEN, SESSION_USER}) {
            identityService.deleteUser(id);
        }
        ClockUtil.reset();
    }

    @Test
    void aWebappChangeWithoutTheCsrfTokenIsRefusedEvenWhenLoggedIn() {
        // Given the admin logged into Cockpit in a browser, with the session's CSRF token
        assertThat(browser.webappLogin(Http.ADMIN, Http.ADMIN_PASSWORD, "cockpit").statusCode()).isEqualTo(200);
        String token = browser.xsrfToken();
        assertThat(token).isNotBlank();

        // When the browser creates a user through the webapps' engine API with the token, and then without it
        HttpResponse<String> withToken = browser.send("POST", "/camunda/api/engine/engine/default/user/create",
                "application/json", newUser(PROBE_WITH_TOKEN), "X-XSRF-TOKEN", token);
        HttpResponse<String> withoutToken = browser.send("POST", "/camunda/api/engine/engine/default/user/create",
                "application/json", newUser(PROBE_WITHOUT_TOKEN));

        // Then the session alone is not enough: the change without the token is refused and nothing is created
        assertThat(withToken.statusCode()).isEqualTo(204);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
        assertThat(identityService.createUserQuery().userId(PROBE_WITH_TOKEN).count()).isEqualTo(1);
        assertThat(identityService.createUserQuery().userId(PROBE_WITHOUT_TOKEN).count()).isZero();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aLoginWithoutTheCsrfTokenIsRefusedBeforeThePasswordIsChecked(CapturedOutput output) {
        // Given the engine clock stands still, so that a counted failure would delay the next login
        ClockUtil.setCurrentTime(ClockUtil.getCurrentTime());

        // When a login form with a wrong password is posted without the CSRF token (as a foreign site would)
        HttpResponse<String> forged = browser.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                "application/x-www-form-urlencoded", "username=" + SESSION_USER + "&password=not-the-password");

        // Then it is refused before the password is looked at: no failed login logged, no delay for the user
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(output.getOut()).doesNotContain("Failed login");
        assertThat(browser.webappLogin(SESSION_USER, SESSION_PASSWORD, "tasklist").statusCode()).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        // When a user logs into Tasklist
        HttpResponse<String> login = browser.webappLogin(SESSION_USER, SESSION_PASSWORD, "tasklist");

        // Then the new session's cookie is out of reach of scripts and not sent along with cross-site requests
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement().satisfies(c -> assertThat(c).containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void aForgedCsrfTokenIsRefusedToo() {
        // Given the admin logged into Cockpit
        assertThat(browser.webappLogin(Http.ADMIN, Http.ADMIN_PASSWORD, "cockpit").statusCode()).isEqualTo(200);
        browser.xsrfToken();

        // When a change comes with a token that is not the session's
        HttpResponse<String> forged = browser.send("POST", "/camunda/api/engine/engine/default/user/create",
                "application/json", newUser(PROBE_WITHOUT_TOKEN), "X-XSRF-TOKEN", "0123456789ABCDEF0123456789ABCDEF");

        // Then it is refused and nothing is created
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(identityService.createUserQuery().userId(PROBE_WITHOUT_TOKEN).count()).isZero();
    }

    @Test
    void theInitialSetupIsClosedOnceAnAdminExists() {
        // When an anonymous browser, with a valid CSRF token, tries Camunda's first-admin setup
        String token = browser.xsrfToken();
        HttpResponse<String> setup = browser.send("POST", "/camunda/api/admin/setup/default/user/create",
                "application/json", newUser(PROBE_WITHOUT_TOKEN), "X-XSRF-TOKEN", token);

        // Then it is refused: the admin exists already
        assertThat(setup.statusCode()).isEqualTo(403);
        assertThat(identityService.createUserQuery().userId(PROBE_WITHOUT_TOKEN).count()).isZero();
    }

    @Test
    void aChangeThroughTheApiWithTheSessionNeedsTheCsrfToken() {
        // Given a user logged into Tasklist
        assertThat(browser.webappLogin(SESSION_USER, SESSION_PASSWORD, "tasklist").statusCode()).isEqualTo(200);
        String token = browser.xsrfToken();

        // When the browser reads through /api, and posts to /api without and with the token
        HttpResponse<String> read = browser.get("/api/entities");
        HttpResponse<String> postWithout = browser.send("POST", "/api/completeness-check", "text/plain; charset=UTF-8",
                "一、主要举措和成效");
        HttpResponse<String> postWith = browser.send("POST", "/api/completeness-check", "text/plain; charset=UTF-8",
                "一、主要举措和成效", "X-XSRF-TOKEN", token);

        // Then reading needs no token, the post without it is refused in both languages, the one with it answered
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(postWithout.statusCode()).isEqualTo(403);
        assertThat(postWithout.body()).contains("\"messageZh\":\"", "\"messageEn\":\"", "X-XSRF-TOKEN");
        assertThat(postWith.statusCode()).isEqualTo(200);
    }

    @Test
    void wrongBasicCredentialsAreNotRescuedByASession() {
        // Given a user logged into Tasklist
        assertThat(browser.webappLogin(SESSION_USER, SESSION_PASSWORD, "tasklist").statusCode()).isEqualTo(200);

        // When the browser calls /api with its session, and with its session plus wrong Basic credentials
        HttpResponse<String> withSession = browser.get("/api/entities");
        HttpResponse<String> withWrongBasic = browser.get("/api/entities", "Authorization",
                Http.basic(SESSION_USER, "not-the-password"));

        // Then the session alone is enough, but wrong credentials are a failed login, not a fallback to the session
        assertThat(withSession.statusCode()).isEqualTo(200);
        assertThat(withWrongBasic.statusCode()).isEqualTo(401);
    }

    private static String newUser(String id) {
        return "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"Probe\",\"lastName\":\"CSRF\","
                + "\"email\":\"" + id + "@example.org\"},\"credentials\":{\"password\":\"Probe-Passw0rd-1\"}}";
    }
}
