package cn.fazhi.annualreport.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** report.security.*: the login throttle (docs/security.md). */
@ConfigurationProperties("report.security")
record SecurityProperties(@DefaultValue Logins logins) {

    /**
     * Wrong passwords: the wait after the first failure in a row ({@code base}), doubled with each further one up to
     * {@code max}; failures older than {@code forgetAfter} no longer count.
     */
    record Logins(@DefaultValue("PT3S") Duration base, @DefaultValue("PT5M") Duration max,
                  @DefaultValue("P1D") Duration forgetAfter) {
    }
}
