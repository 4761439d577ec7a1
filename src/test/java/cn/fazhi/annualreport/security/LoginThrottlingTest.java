package cn.fazhi.annualreport.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

/**
 * Login throttling as configured (3 s doubling up to 300 s, locked at the 10th failure) and the WARN line of each failed
 * login, on all three doors, with the engine clock moved and a user of its own that is deleted afterwards.
 */
@AnnualReportTest
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottlingTest {

    private static final String USER = "sec_throttle_user";
    private static final String PASSWORD = "Right-Passw0rd-0815";
    private static final String WRONG = "Wr0ng-Secret-4711";
    private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;

    Http http;

    @BeforeEach
    void setUp() {
        http = Http.client(port);
        setClock(T0);
        User user = identityService.newUser(USER);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(USER, "bayan-owner"); // Tasklist access, so that a webapp login can succeed
    }

    @AfterEach
    void tearDown() {
        identityService.deleteUser(USER);
        ClockUtil.reset();
    }

    @Test
    void aWrongPasswordDelaysTheNextLoginEvenWithTheRightPassword() {
        // Given one wrong password through /engine-rest
        assertThat(engineRest(WRONG).statusCode()).isEqualTo(401);

        // When the right password follows within the delay of 3 seconds, on any door
        HttpResponse<String> engineRestAtOnce = engineRest(PASSWORD);
        HttpResponse<String> apiAtOnce = api(PASSWORD);
        HttpResponse<String> webappAtOnce = http.webappLogin(USER, PASSWORD, "tasklist");

        // Then it is refused; once the delay is over it is accepted
        assertThat(engineRestAtOnce.statusCode()).isEqualTo(401);
        assertThat(apiAtOnce.statusCode()).isEqualTo(401);
        assertThat(webappAtOnce.statusCode()).isEqualTo(401);
        setClock(T0.plusSeconds(4));
        assertThat(engineRest(PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void theDelayDoublesUpToFiveMinutesBeforeTheLock() {
        // Given nine wrong passwords in a row, each after the delay of the previous one ran out
        Instant now = T0;
        for (int attempt = 1; attempt <= 9; attempt++) {
            now = now.plusSeconds(301);
            setClock(now);
            assertThat(engineRest(WRONG).statusCode()).as("attempt %d", attempt).isEqualTo(401);
        }

        // When the right password comes 299 seconds after the ninth failure (3 * 2^8 s, capped at 300 s), and 301
        setClock(now.plusSeconds(299));
        HttpResponse<String> tooEarly = engineRest(PASSWORD);
        setClock(now.plusSeconds(301));
        HttpResponse<String> afterTheDelay = engineRest(PASSWORD);

        // Then it waits the full five minutes, but nine failures do not lock the user yet
        assertThat(tooEarly.statusCode()).isEqualTo(401);
        assertThat(afterTheDelay.statusCode()).isEqualTo(200);
    }

    @Test
    void tenFailuresLockTheUserUntilAnAdminUnlocksIt() {
        // Given ten wrong passwords in a row over the three doors, each after the delay of the previous one ran out
        Instant now = T0;
        for (int attempt = 1; attempt <= 10; attempt++) {
            int status = switch (attempt % 3) {
                case 0 -> engineRest(WRONG).statusCode();
                case 1 -> api(WRONG).statusCode();
                default -> Http.client(port).webappLogin(USER, WRONG, "tasklist").statusCode();
            };
            assertThat(status).as("attempt %d", attempt).isEqualTo(401);
            now = now.plusSeconds(301);
            setClock(now);
        }

        // When the right password comes a day later
        setClock(now.plus(Duration.ofDays(1)));
        HttpResponse<String> aDayLater = engineRest(PASSWORD);

        // Then the user is still locked: no delay runs out, only an admin unlocks it
        assertThat(aDayLater.statusCode()).isEqualTo(401);

        // When the admin unlocks the user, as Camunda Admin does (POST /user/{id}/unlock)
        HttpResponse<String> unlock = http.send("POST", "/engine-rest/user/" + USER + "/unlock", null, null,
                "Authorization", Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD));

        // Then the right password works again on every door
        assertThat(unlock.statusCode()).isEqualTo(204);
        assertThat(engineRest(PASSWORD).statusCode()).isEqualTo(200);
        assertThat(api(PASSWORD).statusCode()).isEqualTo(200);
        assertThat(Http.client(port).webappLogin(USER, PASSWORD, "tasklist").statusCode()).isEqualTo(200);
    }

    @Test
    void everyFailedLoginIsLoggedWithChannelUserAndAddressButNeverThePassword(CapturedOutput output) {
        // When the user types a wrong password into the Tasklist login, and a client sends wrong Basic credentials to
        // /engine-rest and to /api (the delays between them do not matter: each is a failed login)
        Http.client(port).webappLogin(USER, WRONG, "tasklist");
        engineRest(WRONG);
        api(WRONG);

        // Then each failure is a WARN line naming the channel, the user and the caller's address
        assertThat(output.getOut()).containsPattern(
                "WARN .*Failed login \\(登录失败\\): channel=webapp user='" + USER + "' remote=127\\.0\\.0\\.1 status=401");
        assertThat(output.getOut()).containsPattern(
                "WARN .*Failed login \\(登录失败\\): channel=engine-rest user='" + USER + "' remote=127\\.0\\.0\\.1 status=401");
        assertThat(output.getOut()).containsPattern(
                "WARN .*Failed login \\(登录失败\\): channel=api user='" + USER + "' remote=127\\.0\\.0\\.1 status=401");
        // and no password appears anywhere in the log
        assertThat(output.getAll()).doesNotContain(WRONG, PASSWORD);
    }

    @Test
    void aSuccessfulLoginOrAnAnonymousCallIsNoFailedLogin(CapturedOutput output) {
        // When the user logs in correctly on every door, and an anonymous caller is refused
        engineRest(PASSWORD);
        api(PASSWORD);
        Http.client(port).webappLogin(USER, PASSWORD, "tasklist");
        http.get("/api/entities");

        // Then no failed login is logged
        assertThat(output.getOut()).doesNotContain("Failed login");
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
