package cn.fazhi.annualreport.organization;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/** Where the reporting entities are configured, and whether demo people get accounts (dev profile only). */
@ConfigurationProperties("report")
record OrganizationProperties(Organization organization, boolean demoData, String demoPassword) {

    OrganizationProperties {
        if (demoPassword == null || demoPassword.isBlank()) {
            demoPassword = "demo";
        }
    }

    record Organization(Resource entities) {
    }
}
