package cn.fazhi.annualreport.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code report.mail-sink.port}: where the dev profile's embedded SMTP sink listens on localhost. */
@ConfigurationProperties("report.mail-sink")
record MailSinkProperties(@DefaultValue("2525") int port) {
}
