package cn.fazhi.annualreport.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wrong passwords as an attacker types them, over real HTTP on every door (webapp login form, /engine-rest, /api),
 * from this computer (127.0.0.1) and from another one (127.0.0.2): the account waits min(3 s · 2^(n−1), 300 s) at the
 * attacker's address only, never for good, and its owner elsewhere logs in at once — the admin account too. The
 * engine clock is moved; the user is the test's own and is deleted afterwards.
 */
@AnnualReportTest
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottlingTest {

    private static final String USER = "sec_throttle_user";
    private static final String PASSWORD = "Right-Passw0rd-0815";
    private static final String WRONG = "Wr0ng-Secret-4711";
    private static final String ELSEWHERE = "127.0.0.2";
    private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = Http.client(port);
        setClock(T0);
        User user = identityService.newUser(USER);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(USER, "bayan-owner"); // Tasklist access, so that a webapp login can succeed
        jdbc.update("DELETE FROM login_failure");
    }

    @AfterEach
    void tearDown() {
        identityService.deleteUser(USER);
        jdbc.update("DELETE FROM login_failure");
        ClockUtil.reset();
    }

    @Test
    void aWrongPasswordDelaysThatAccountAtThatAddressOnAllDoorsButNotElsewhere() {
        // Given one wrong password through /engine-rest from this computer
        assertThat(engineRest(WRONG).statusCode()).isEqualTo(401);

        // When the right password follows within the delay of 3 seconds, on each door, and from another computer
        HttpResponse<String> engineRestAtOnce = engineRest(PASSWORD);
        HttpResponse<String> apiAtOnce = api(PASSWORD);
        HttpResponse<String> webappAtOnce = http.webappLogin(USER, PASSWORD, "tasklist");
        Http.RawAnswer elsewhere = Http.getFrom(ELSEWHERE, port, "/engine-rest/user/" + USER + "/profile",
                "Authorization", Http.basic(USER, PASSWORD));

        // Then this computer is told to wait, in both languages, with Retry-After; the other one is let in
        for (HttpResponse<String> refused : java.util.List.of(engineRestAtOnce, apiAtOnce, webappAtOnce)) {
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("3");
            assertThat(refused.body()).contains("密码错误次数过多，请 3 秒后再试", "Too many wrong passwords");
        }
        assertThat(elsewhere.status()).isEqualTo(200);

        // And once the delay is over, this computer is let in too
        setClock(T0.plusSeconds(4));
        assertThat(engineRest(PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void theDelayDoublesUpToFiveMinutesAndNeverLocksTheAccountForGood() {
        // Given twenty wrong passwords in a row, each after the delay of the previous one ran out
        Instant now = T0;
        long[] waits = new long[20];
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertThat(engineRest(WRONG).statusCode()).as("attempt %d", attempt).isEqualTo(401);
            waits[attempt - 1] = Long.parseLong(engineRest(PASSWORD).headers().firstValue("Retry-After").orElseThrow());
            now = now.plusSeconds(301);
            setClock(now);
        }

        // Then each wait doubled from 3 seconds and stopped at five minutes
        assertThat(waits).startsWith(3, 6, 12, 24, 48, 96, 192, 300, 300).endsWith(300);

        // And the right password, once the last wait ran out, lets the account in: no administrator needed
        assertThat(engineRest(PASSWORD).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM login_failure", Integer.class)).isZero();
    }

    @Test
    void anAttackerCannotLockTheAdministratorOut() {
        // Given fifteen wrong passwords for the admin account from another computer, as fast as they are accepted
        for (int attempt = 1; attempt <= 15; attempt++) {
            Http.getFrom(ELSEWHERE, port, "/engine-rest/user/admin/profile", "Authorization",
                    Http.basic(Http.ADMIN, "guess-" + attempt));
            setClock(T0.plusSeconds(301L * attempt));
        }

        // When the administrator logs in from this computer, through /engine-rest and into Cockpit
        HttpResponse<String> rest = http.get("/engine-rest/user/admin/profile", "Authorization",
                Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD));
        HttpResponse<String> cockpit = Http.client(port).webappLogin(Http.ADMIN, Http.ADMIN_PASSWORD, "cockpit");

        // Then both work at once
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(cockpit.statusCode()).isEqualTo(200);
    }

    @Test
    void aLoginFormWithoutItsTokenNeitherCountsNorClearsTheFailures() {
        // Given two wrong passwords typed into the Tasklist login (the second after the first wait)
        assertThat(http.webappLogin(USER, WRONG, "tasklist").statusCode()).isEqualTo(401);
        setClock(T0.plusSeconds(4));
        assertThat(http.webappLogin(USER, WRONG, "tasklist").statusCode()).isEqualTo(401);

        // When, after the second wait, a login form comes without its CSRF token (refused before the password is read)
        setClock(T0.plusSeconds(11));
        HttpResponse<String> withoutToken = Http.client(port).send("POST",
                "/camunda/api/admin/auth/user/default/login/tasklist", "application/x-www-form-urlencoded",
                "username=" + USER + "&password=" + WRONG);

        // Then it is refused and the count stays at two: the next wrong password makes the account wait 12 seconds
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT failures FROM login_failure", Integer.class)).isEqualTo(2);
        assertThat(http.webappLogin(USER, WRONG, "tasklist").statusCode()).isEqualTo(401);
        assertThat(http.webappLogin(USER, PASSWORD, "tasklist").headers().firstValue("Retry-After")).hasValue("12");
    }

    @Test
    void theAdministratorSeesWhoIsBeingTriedFromWhereAndLetsThemInAgain() {
        // Given three wrong passwords for the user from another computer
        for (int attempt = 1; attempt <= 3; attempt++) {
            Http.getFrom(ELSEWHERE, port, "/api/entities", "Authorization", Http.basic(USER, WRONG + attempt));
            setClock(T0.plusSeconds(20L * attempt));
        }

        // When a process owner and then the administrator look at the login failures
        HttpResponse<String> byOwner = http.get("/api/security/login-failures", "Authorization",
                Http.basic("bayan_owner", "demo"));
        HttpResponse<String> byAdmin = http.get("/api/security/login-failures", "Authorization",
                Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD));

        // Then only the administrator sees the account, the address and the count
        assertThat(byOwner.statusCode()).isEqualTo(403);
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(byAdmin.body()).contains("\"user\":\"" + USER + "\"", "\"source\":\"" + ELSEWHERE + "\"",
                "\"failures\":3");

        // When the administrator clears them, the user is let in from there at once
        HttpResponse<String> cleared = http.send("DELETE", "/api/security/login-failures?user=" + USER, null, null,
                "Authorization", Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD));
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(Http.getFrom(ELSEWHERE, port, "/api/entities", "Authorization", Http.basic(USER, PASSWORD))
                .status()).isEqualTo(200);
    }

    @Test
    void everyRefusedLoginIsLoggedWithChannelUserAndAddressButNeverThePassword(CapturedOutput output) {
        // When the user types a wrong password into the Tasklist login, a client sends wrong Basic credentials to
        // /engine-rest (after the first wait) and then at once the right ones, with a line break in the user id
        http.webappLogin(USER, WRONG, "tasklist");
        setClock(T0.plusSeconds(4));
        engineRest(WRONG);
        engineRest(PASSWORD);
        http.get("/api/entities", "Authorization", Http.basic(USER + "\r\nWARN forged", WRONG));

        // Then each is a WARN line naming the channel, the user and the caller's address, on one line
        assertThat(output.getOut()).containsPattern("WARN .*Failed login \\(登录失败\\): channel=webapp user='" + USER
                + "' remote=127\\.0\\.0\\.1 status=401 failures=1 wait=3s");
        assertThat(output.getOut()).containsPattern("WARN .*Failed login \\(登录失败\\): channel=engine-rest user='"
                + USER + "' remote=127\\.0\\.0\\.1 status=401 failures=2 wait=6s");
        assertThat(output.getOut()).containsPattern("WARN .*Login throttled \\(登录过于频繁\\): channel=engine-rest user='"
                + USER + "' remote=127\\.0\\.0\\.1 failures=2");
        assertThat(output.getOut()).contains("user='" + USER + "??WARN forged'");
        // and no password appears anywhere in the log
        assertThat(output.getAll()).doesNotContain(WRONG, PASSWORD);
    }

    @Test
    void aSuccessfulLoginOrAnAnonymousCallIsNoFailedLogin(CapturedOutput output) {
        // When the user logs in correctly on every door, and an anonymous caller is refused
        engineRest(PASSWORD);
        api(PASSWORD);
        http.webappLogin(USER, PASSWORD, "tasklist");
        http.get("/api/entities");

        // Then no failed login is logged
        assertThat(output.getOut()).doesNotContain("Failed login");
    }

    @Test
    void anEncodedFieldNameDoesNotSlipPastTheWait() {
        // Given one wrong password typed into the Tasklist login
        assertThat(http.webappLogin(USER, WRONG, "tasklist").statusCode()).isEqualTo(401);

        // When, within the wait, the login form spells its field name percent-encoded (user%6eame), as a form may
        String token = http.xsrfToken();
        HttpResponse<String> encoded = http.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                "application/x-www-form-urlencoded", "user%6eame=" + USER + "&password=" + PASSWORD, "X-XSRF-TOKEN", token);

        // Then it waits like any other attempt
        assertThat(encoded.statusCode()).isEqualTo(429);
    }

    private HttpResponse<String> engineRest(String password) {
        return http.get("/engine-rest/user/" + USER + "/profile", "Authorization", Http.basic(USER, password));
    }

    private HttpResponse<String> api(String password) {
        return http.get("/api/entities", "Authorization", Http.basic(USER, password));
    }

    private static void setClock(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }
}
