package cn.fazhi.annualreport.calendar;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/** Where the official holiday arrangements are read from. */
@ConfigurationProperties("report.calendar")
record CalendarProperties(Resource holidays) {
}
