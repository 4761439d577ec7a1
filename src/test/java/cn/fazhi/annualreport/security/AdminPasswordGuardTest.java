package cn.fazhi.annualreport.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Outside the dev profile the application does not start with a missing or well-known admin password. */
class AdminPasswordGuardTest {

    @Test
    void prodWithoutPasswordRefusesToStart() {
        MockEnvironment env = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "admin");
        env.setActiveProfiles("prod");

        assertThatIllegalStateException().isThrownBy(() -> new AdminPasswordGuard(env).afterPropertiesSet())
                .withMessageContaining("CAMUNDA_BPM_ADMINUSER_PASSWORD");
    }

    @Test
    void prodWithAWellKnownPasswordOrTheIdAsPasswordRefusesToStart() {
        for (String weak : new String[] {"admin", "demo", "Camunda", "ops"}) {
            MockEnvironment env = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "ops")
                    .withProperty("camunda.bpm.admin-user.password", weak);
            env.setActiveProfiles("prod");
            assertThatIllegalStateException().as(weak)
                    .isThrownBy(() -> new AdminPasswordGuard(env).afterPropertiesSet());
        }
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
                    .isThrownBy(() -> new AdminPasswordGuard(env).afterPropertiesSet());
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

        assertThatCode(() -> new AdminPasswordGuard(prod).afterPropertiesSet()).doesNotThrowAnyException();
        assertThatCode(() -> new AdminPasswordGuard(dev).afterPropertiesSet()).doesNotThrowAnyException();
    }
}
