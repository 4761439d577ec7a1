package cn.fazhi.annualreport.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code report.schedule.revision-working-days}: the working days a returned draft is given for its revision. */
@ConfigurationProperties("report.schedule")
record RevisionProperties(@DefaultValue("3") int revisionWorkingDays) {
}
