package cn.fazhi.annualreport.calendar;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Checks the holiday file's last-modified time every {@code report.calendar.reload-interval} (default PT1M) and
 * reloads it when it changed, so that an admin's edit of a {@code file:} holiday file takes effect without a restart.
 * A zero or negative interval switches the polling off (the reload endpoint still works).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CalendarReloadConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CalendarReloadConfiguration.class);

    private final WorkingDayCalendar calendar;
    private final CalendarProperties properties;

    CalendarReloadConfiguration(WorkingDayCalendar calendar, CalendarProperties properties) {
        this.calendar = calendar;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = properties.reloadInterval();
        if (interval.isZero() || interval.isNegative()) {
            log.info("Holiday file {} is not watched for changes (report.calendar.reload-interval={})",
                    calendar.fileName(), interval);
            return;
        }
        registrar.addFixedDelayTask(new FixedDelayTask(calendar::reloadIfChanged, interval, interval));
        log.info("Holiday file {} is checked for changes every {}", calendar.fileName(), interval);
    }
}
