package cn.fazhi.annualreport.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Demo users (well-known password) exist only in the dev and test profiles: anywhere else demo data stops the start. */
class DemoDataGuardTest {

    @Test
    void prodOrAnyOtherProfileWithDemoDataRefusesToStartWithABilingualMessage() {
        for (String profile : new String[] {"prod", "staging"}) {
            // Given demo data switched on in a profile other than dev and test
            MockEnvironment env = new MockEnvironment().withProperty("report.demo-data", "true");
            env.setActiveProfiles(profile);

            // When the guard checks, then the start is refused, saying why in Chinese and English
            assertThatIllegalStateException().as(profile).isThrownBy(() -> new DemoDataGuard(env).afterPropertiesSet())
                    .withMessageContaining("演示数据").withMessageContaining("Demo data")
                    .withMessageContaining("REPORT_DEMODATA=false").withMessageContaining(profile);
        }
    }

    @Test
    void devTestAndTheDefaultDevProfileMayHaveDemoData() {
        // Given demo data on in the dev profile, the test profile, and with no profile but the default dev
        MockEnvironment dev = new MockEnvironment().withProperty("report.demo-data", "true");
        dev.setActiveProfiles("dev");
        MockEnvironment test = new MockEnvironment().withProperty("report.demo-data", "true");
        test.setActiveProfiles("test");
        MockEnvironment byDefault = new MockEnvironment().withProperty("report.demo-data", "true");
        byDefault.setDefaultProfiles("dev");

        // Then each starts
        assertThatCode(() -> new DemoDataGuard(dev).afterPropertiesSet()).doesNotThrowAnyException();
        assertThatCode(() -> new DemoDataGuard(test).afterPropertiesSet()).doesNotThrowAnyException();
        assertThatCode(() -> new DemoDataGuard(byDefault).afterPropertiesSet()).doesNotThrowAnyException();
    }

    @Test
    void prodWithoutDemoDataStarts() {
        // Given prod with demo data off, and prod without the setting at all
        MockEnvironment off = new MockEnvironment().withProperty("report.demo-data", "false");
        off.setActiveProfiles("prod");
        MockEnvironment unset = new MockEnvironment();
        unset.setActiveProfiles("prod");

        // Then both start
        assertThatCode(() -> new DemoDataGuard(off).afterPropertiesSet()).doesNotThrowAnyException();
        assertThatCode(() -> new DemoDataGuard(unset).afterPropertiesSet()).doesNotThrowAnyException();
    }
}
