package cn.fazhi.annualreport.calendar;

import cn.fazhi.annualreport.shared.Beijing;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.core.io.Resource;

/**
 * {@code report.calendar.*}: where the official holiday arrangements are read from ({@code classpath:} or an
 * admin-edited {@code file:} path), how often that file is checked for changes (zero or negative: never), and the zone
 * whose "today" and time of day count (Asia/Shanghai).
 */
@ConfigurationProperties("report.calendar")
record CalendarProperties(Resource holidays, Duration reloadInterval, ZoneId zone) {

    static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofMinutes(1);
    static final ZoneId DEFAULT_ZONE = Beijing.ZONE;

    @ConstructorBinding
    CalendarProperties {
        if (holidays == null) {
            throw new IllegalArgumentException("report.calendar.holidays is not set (e.g. classpath:calendar/cn-holidays.yaml)");
        }
        if (reloadInterval == null) {
            reloadInterval = DEFAULT_RELOAD_INTERVAL;
        }
        if (zone == null) {
            zone = DEFAULT_ZONE;
        }
    }

    /** The given file with the default reload interval and zone. */
    CalendarProperties(Resource holidays) {
        this(holidays, null, null);
    }
}
