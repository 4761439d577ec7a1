package cn.fazhi.annualreport.organization;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The registry file imported when the registry is empty (the demo entities in the dev and test profiles), and whether
 * demo people get the demo password (dev and test only); otherwise new users get a password nobody knows.
 */
@ConfigurationProperties("report")
record OrganizationProperties(Organization organization, boolean demoData, String demoPassword) {

    OrganizationProperties {
        if (organization == null) {
            organization = new Organization(null, null);
        }
        if (demoPassword == null || demoPassword.isBlank()) {
            demoPassword = "demo";
        }
    }

    record Organization(Resource seed, Imports imports) {

        Organization {
            if (imports == null) {
                imports = new Imports(null, null, null, 0);
            }
        }
    }

    /**
     * The background imports ({@code report.organization.imports}): how often a running import writes its heartbeat
     * and progress, after how long without one another node (or the restarted node) takes it over, how long a caller
     * may ask {@code POST /api/entities/import?wait=…} to wait at most (below the proxy's read timeout), and how many
     * times an interrupted import is started before it is failed.
     */
    record Imports(Duration heartbeat, Duration staleAfter, Duration maxWait, int attempts) {

        Imports {
            heartbeat = heartbeat == null ? Duration.ofSeconds(2) : heartbeat;
            staleAfter = staleAfter == null ? Duration.ofSeconds(60) : staleAfter;
            maxWait = maxWait == null ? Duration.ofSeconds(50) : maxWait;
            attempts = attempts <= 0 ? 3 : attempts;
        }
    }
}
