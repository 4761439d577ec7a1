package cn.fazhi.annualreport.notification.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code report.mail.*}: how long an attempt's claim on a mail keeps every other attempt from sending it (longer than
 * the slowest SMTP conversation; after it a dead node's mail is sent again), and this node's name in the claim.
 */
@ConfigurationProperties("report.mail")
record MailClaimProperties(@DefaultValue("PT2M") Duration claimLease, String node) {

    MailClaimProperties {
        if (claimLease.isNegative() || claimLease.isZero()) {
            throw new IllegalArgumentException("report.mail.claim-lease must be positive, not " + claimLease);
        }
    }
}
