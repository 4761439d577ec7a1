package cn.fazhi.annualreport.webapp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code report.webapp.*}: whether Camunda's end-of-life banner is shown on the webapps' pages. */
@ConfigurationProperties("report.webapp")
record WebappProperties(@DefaultValue("false") boolean endOfLifeBanner) {
}
