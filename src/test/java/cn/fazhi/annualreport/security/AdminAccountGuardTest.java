package cn.fazhi.annualreport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

/** Outside the dev profile the application does not start without an admin account and a strong password for it. */
class AdminAccountGuardTest {

    @Test
    void prodWithAPasswordButNoAdminIdRefusesToStart() {
        // Given what the production checklist once asked for: the password only
        MockEnvironment env = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", "k7#Vq!2026-fz");
        env.setActiveProfiles("prod");

        // Then the start is refused, naming the missing setting (no admin would exist, and setup would be open)
        assertThatIllegalStateException().isThrownBy(() -> new AdminAccountGuard(env).afterPropertiesSet())
                .withMessageContaining("CAMUNDA_BPM_ADMINUSER_ID");
    }

    @Test
    void prodWithoutPasswordRefusesToStart() {
        MockEnvironment env = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "admin");
        env.setActiveProfiles("prod");

        assertThatIllegalStateException().isThrownBy(() -> new AdminAccountGuard(env).afterPropertiesSet())
                .withMessageContaining("CAMUNDA_BPM_ADMINUSER_PASSWORD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "demo", "Camunda", "ops", "Password1", "P@ssw0rd!2026", "Admin@2026-Admin",
            "Qwerty123456!", "Welcome2026!!", "123456789012", "aaaaaaaaaaaa", "Abcdefghijkl1", "ops-Strong#2026x",
            "shortA1!"})
    void prodWithAWeakPatternOrTheIdInThePasswordRefusesToStart(String weak) {
        MockEnvironment env = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "ops")
                .withProperty("camunda.bpm.admin-user.password", weak);
        env.setActiveProfiles("prod");

        assertThatIllegalStateException().as(weak).isThrownBy(() -> new AdminAccountGuard(env).afterPropertiesSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"k7#Vq!2026-fz", "Fz-Test-K7q#2026-Vw", "Prod-Startup-Passw0rd", "县司法局-Tb9!x2qz"})
    void strongPasswordsPass(String strong) {
        assertThat(PasswordStrength.problems("admin", strong)).as(strong).isEmpty();
    }

    @Test
    void everyProfileButDevIsGuarded() {
        for (String profile : new String[] {"test", "staging"}) {
            // Given the dev profile's well-known admin password in another profile
            MockEnvironment env = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "admin")
                    .withProperty("camunda.bpm.admin-user.password", "admin");
            env.setActiveProfiles(profile);

            // Then the start is refused
            assertThatIllegalStateException().as(profile)
                    .isThrownBy(() -> new AdminAccountGuard(env).afterPropertiesSet());
        }
    }

    @Test
    void prodWithARealPasswordAndDevWithTheDemoPasswordStart() {
        MockEnvironment prod = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "admin")
                .withProperty("camunda.bpm.admin-user.password", "k7#Vq!2026-fz");
        prod.setActiveProfiles("prod");
        MockEnvironment dev = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "admin")
                .withProperty("camunda.bpm.admin-user.password", "admin");
        dev.setActiveProfiles("dev");

        assertThatCode(() -> new AdminAccountGuard(prod).afterPropertiesSet()).doesNotThrowAnyException();
        assertThatCode(() -> new AdminAccountGuard(dev).afterPropertiesSet()).doesNotThrowAnyException();
    }
}
