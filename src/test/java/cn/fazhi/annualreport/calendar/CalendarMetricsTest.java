package cn.fazhi.annualreport.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;

/**
 * The calendar's metrics: one gauge per year with data, the "next year missing" alarm relative to today in
 * Asia/Shanghai, and the refused-reload flag; all follow a reload.
 */
class CalendarMetricsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private Path file;
    private WorkingDayCalendar calendar;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<CalendarMetrics> metrics = new ArrayList<>();

    @BeforeEach
    void aCalendarWith2025And2026() throws IOException {
        file = dir.resolve("cn-holidays.yaml");
        Files.writeString(file, """
                years:
                  2025:
                    holidays: [2025-01-01]
                  2026:
                    holidays: [2026-01-01..2026-01-03]
                """, StandardCharsets.UTF_8);
        // the metrics listen to CalendarChanged as the Spring listener would
        calendar = new WorkingDayCalendar(new CalendarProperties(new FileSystemResource(file)),
                event -> metrics.forEach(m -> m.calendarChanged((CalendarChanged) event)));
    }

    /** Metrics as seen on the given day in Shanghai. */
    private CalendarMetrics metricsOn(String shanghaiDateTime) {
        Instant now = java.time.LocalDateTime.parse(shanghaiDateTime).atZone(SHANGHAI).toInstant();
        CalendarMetrics m = new CalendarMetrics(calendar, registry, Clock.fixed(now, SHANGHAI));
        metrics.add(m);
        return m;
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private List<String> yearTags() {
        return registry.find(CalendarMetrics.YEARS).gauges().stream()
                .filter(g -> g.value() == 1.0)
                .map(g -> g.getId().getTag("year")).sorted().toList();
    }

    @Test
    void everyYearWithDataHasAGaugeOfOne() {
        // Given the calendar of 2025 and 2026
        // When the metrics are registered
        metricsOn("2026-03-01T09:00");

        // Then report.calendar.years{year} = 1 for exactly those years
        assertThat(yearTags()).containsExactly("2025", "2026");
    }

    @Test
    void theNextYearAlarmIsRaisedInNovemberWithout2027AndClearedWhenItIsAdded() throws IOException {
        // Given 22 November 2026 in Shanghai, and no data for 2027
        metricsOn("2026-11-22T10:00");

        // Then the alarm is on
        assertThat(gauge(CalendarMetrics.MISSING_NEXT_YEAR)).isEqualTo(1.0);

        // When the admin adds 2027 and the file is reloaded
        Files.writeString(file, Files.readString(file) + "  2027:\n    holidays: [2027-01-01]\n");
        calendar.reload();

        // Then the alarm is off and 2027 has its gauge
        assertThat(gauge(CalendarMetrics.MISSING_NEXT_YEAR)).isEqualTo(0.0);
        assertThat(yearTags()).containsExactly("2025", "2026", "2027");
    }

    @Test
    void theAlarmFollowsTheYearInShanghaiNotUtc() {
        // Given 31 December 2025 16:30 UTC = 1 January 2026 00:30 in Shanghai: "next year" is 2027, not 2026
        Instant instant = Instant.parse("2025-12-31T16:30:00Z");
        CalendarMetrics m = new CalendarMetrics(calendar, registry, Clock.fixed(instant, SHANGHAI));

        // When / Then the alarm is on (2027 missing), though 2026 (next year in UTC) has data
        assertThat(m.nextYearMissing()).isTrue();
        assertThat(gauge(CalendarMetrics.MISSING_NEXT_YEAR)).isEqualTo(1.0);
    }

    @Test
    void aRemovedYearLosesItsGauge() throws IOException {
        // Given the metrics of 2025 and 2026
        metricsOn("2026-03-01T09:00");

        // When 2025 is removed from the file and reloaded
        Files.writeString(file, """
                years:
                  2026:
                    holidays: [2026-01-01..2026-01-03]
                """);
        calendar.reload();

        // Then only 2026 remains
        assertThat(yearTags()).containsExactly("2026");
    }

    @Test
    void aRefusedReloadRaisesTheReloadFailedFlagUntilAGoodFileIsLoaded() throws IOException {
        // Given the metrics
        metricsOn("2026-03-01T09:00");
        assertThat(gauge(CalendarMetrics.RELOAD_FAILED)).isEqualTo(0.0);

        // When a broken edit is reloaded
        Files.writeString(file, "years:\n  2026:\n    holidays: [2026-13-01]\n");
        assertThatThrownBy(() -> calendar.reload()).isInstanceOf(HolidayFileException.class);

        // Then the flag is up, and the year gauges still show the calendar in force
        assertThat(gauge(CalendarMetrics.RELOAD_FAILED)).isEqualTo(1.0);
        assertThat(yearTags()).containsExactly("2025", "2026");

        // When the file is fixed
        Files.writeString(file, "years:\n  2026:\n    holidays: [2026-01-01]\n");
        calendar.reload();

        // Then the flag is down
        assertThat(gauge(CalendarMetrics.RELOAD_FAILED)).isEqualTo(0.0);
        Gauge years = registry.get(CalendarMetrics.YEARS).tag("year", "2026").gauge();
        assertThat(years.value()).isEqualTo(1.0);
    }
}
