package cn.fazhi.annualreport.notification.mail;

import cn.fazhi.annualreport.notification.NotificationProperties;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

/** Builds a Mailer outside Spring for MailCpuMeasurement, with the signature the mailer of before had too. */
final class MailerFactory {

    private MailerFactory() {
    }

    static Mailer create(JavaMailSenderImpl sender, MailLog log, PlatformTransactionManager transactions,
                         NotificationProperties properties) {
        return new Mailer(new MailSession(sender), new MailTemplates(), log, transactions, properties,
                new MailClaimProperties(java.time.Duration.ofMinutes(2), "measurement"));
    }
}
