package cn.fazhi.annualreport.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A user id in a refused-login line is as typed, but cannot forge log lines or flood the log. */
class LoginThrottleTest {

    @Test
    void lineBreaksAndControlCharactersInAUserIdAreNeutralized() {
        // When an attacker's user id carries a line break (or a Unicode line separator) meant to forge a log line
        String logged = LoginThrottle.printable("bayan_owner\r\n2026-03-02 WARN Successful login for admin");
        String separated = LoginThrottle.printable("bayan_owner\u2028WARN forged\u202e");

        // Then it stays on one line
        assertThat(logged).doesNotContain("\r", "\n").startsWith("bayan_owner??2026-03-02");
        assertThat(separated).isEqualTo("bayan_owner?WARN forged?");
    }

    @Test
    void aVeryLongUserIdIsShortenedAndAMissingOneIsEmpty() {
        // When the user id is 1,000 characters long, or absent
        String longId = LoginThrottle.printable("x".repeat(1000));
        String missing = LoginThrottle.printable(null);

        // Then the first 64 characters are logged, marked as cut, and a missing id is logged as empty
        assertThat(longId).isEqualTo("x".repeat(64) + "…");
        assertThat(missing).isEmpty();
    }

    @Test
    void chineseUserIdsAreLoggedAsTheyAre() {
        // Then a user id in Chinese is kept
        assertThat(LoginThrottle.printable("张三")).isEqualTo("张三");
    }
}
