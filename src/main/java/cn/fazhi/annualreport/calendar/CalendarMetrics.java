package cn.fazhi.annualreport.calendar;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The calendar's health for monitoring:
 * <ul>
 *   <li>{@code report.calendar.years{year="2026"}} = 1 for every year with official data;</li>
 *   <li>{@code report.calendar.missing.next.year} = 1 while next year (today in Asia/Shanghai) has no data — the
 *       "add next year's notice" alarm, due each November;</li>
 *   <li>{@code report.calendar.reload.failed} = 1 while the last reload of the holiday file was refused.</li>
 * </ul>
 */
@Component
class CalendarMetrics {

    static final String YEARS = "report.calendar.years";
    static final String MISSING_NEXT_YEAR = "report.calendar.missing.next.year";
    static final String RELOAD_FAILED = "report.calendar.reload.failed";

    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final MultiGauge years;

    @Autowired
    CalendarMetrics(WorkingDayCalendar calendar, MeterRegistry registry) {
        this(calendar, registry, Clock.system(calendar.zone()));
    }

    CalendarMetrics(WorkingDayCalendar calendar, MeterRegistry registry, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
        this.years = MultiGauge.builder(YEARS)
                .description("Years with official holiday data in the working-day calendar (1 per year)")
                .register(registry);
        Gauge.builder(MISSING_NEXT_YEAR, this, m -> m.nextYearMissing() ? 1 : 0)
                .description("1 while next year has no official holiday arrangement in the holiday file")
                .strongReference(true)
                .register(registry);
        Gauge.builder(RELOAD_FAILED, calendar, c -> c.lastFailure().isPresent() ? 1 : 0)
                .description("1 while the last reload of the holiday file was refused (the previous data stays)")
                .strongReference(true)
                .register(registry);
        refresh();
    }

    @EventListener
    void calendarChanged(CalendarChanged event) {
        refresh();
    }

    boolean nextYearMissing() {
        return !calendar.hasDataFor(LocalDate.now(clock).getYear() + 1);
    }

    private void refresh() {
        years.register(calendar.years().stream()
                .map(year -> MultiGauge.Row.of(Tags.of("year", String.valueOf(year)), 1))
                .toList(), true);
    }
}
