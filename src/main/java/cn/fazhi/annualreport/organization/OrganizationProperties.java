package cn.fazhi.annualreport.organization;

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
            organization = new Organization(null);
        }
        if (demoPassword == null || demoPassword.isBlank()) {
            demoPassword = "demo";
        }
    }

    record Organization(Resource seed) {
    }
}
