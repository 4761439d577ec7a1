package cn.fazhi.annualreport.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.fazhi.annualreport.calendar.CalendarFixtures;
import cn.fazhi.annualreport.shared.Beijing;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The launch day and moment on China's working-day calendar (the shipped 2024–2026 holiday data). */
class LaunchScheduleTest {

    private final LaunchSchedule firstWorkingDay = schedule("first-working-day", "09:00");

    @Test
    void firstWorkingDayOfJanuaryFollowsTheHolidayArrangements() {
        // Given the official arrangements: 2026 has 1–3 January off and Sunday 4 January as a make-up working day
        // When the launch days are computed
        // Then 2026 launches on that Sunday, 2025 and 2024 on Thursday / Tuesday 2 January
        assertThat(firstWorkingDay.launchDay(2026)).isEqualTo(LocalDate.of(2026, 1, 4));
        assertThat(LocalDate.of(2026, 1, 4).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(firstWorkingDay.launchDay(2025)).isEqualTo(LocalDate.of(2025, 1, 2));
        assertThat(firstWorkingDay.launchDay(2024)).isEqualTo(LocalDate.of(2024, 1, 2));
    }

    @Test
    void newYearsDayIsNeverTheLaunchDayEvenWithoutHolidayData() {
        // Given 2027, which the holiday file does not cover yet: 1 January 2027 is a Friday
        assertThat(LocalDate.of(2027, 1, 1).getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        // When the launch day is computed
        // Then it skips New Year's Day (a statutory holiday every year) and the weekend: Monday 4 January
        assertThat(firstWorkingDay.launchDay(2027)).isEqualTo(LocalDate.of(2027, 1, 4));
    }

    @Test
    void aConfiguredMonthDayIsThatDayOrTheNextWorkingDay() {
        // Given launches configured for 10 January and for 14 February
        LaunchSchedule tenth = schedule("--01-10", "10:30");
        LaunchSchedule feb14 = schedule("--02-14", "09:00");
        // Then Saturday 10 January 2026 moves to Monday the 12th, at the configured time
        assertThat(tenth.momentOf(2026).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 1, 12, 10, 30));
        // And Saturday 14 February 2026 is a make-up working day: it stays
        assertThat(feb14.launchDay(2026)).isEqualTo(LocalDate.of(2026, 2, 14));
        // And Friday 10 January 2025 is a working day
        assertThat(tenth.launchDay(2025)).isEqualTo(LocalDate.of(2025, 1, 10));
    }

    @Test
    void theNextMomentIsThisYearsUntilItPassesThenNextYears() {
        // Given the moment of 2026: Sunday 4 January 09:00 in China
        Instant moment = at(2026, 1, 4, 9, 0);
        // Then before it, it is next; at and after it, next year's Monday 4 January 2027 is
        assertThat(firstWorkingDay.nextAfter(at(2025, 12, 28, 10, 0)).toInstant()).isEqualTo(moment);
        assertThat(firstWorkingDay.nextAfter(moment.minusSeconds(1)).toInstant()).isEqualTo(moment);
        assertThat(firstWorkingDay.nextAfter(moment).toInstant()).isEqualTo(at(2027, 1, 4, 9, 0));
        // And the timer cycle starts there, in ISO 8601 with China's offset
        assertThat(firstWorkingDay.cycle(moment)).isEqualTo("R/2027-01-04T09:00:00+08:00/P1Y");
    }

    @Test
    void aTimerLaunchReportsOnThePreviousCalendarYearInChina() {
        // Then January 2027 launches 2026; 31 December 2026 17:00 UTC is already 1 January 2027 in China
        assertThat(LaunchSchedule.reportingYearOf(at(2027, 1, 4, 9, 0))).isEqualTo(2026);
        assertThat(LaunchSchedule.reportingYearOf(Instant.parse("2026-12-31T17:00:00Z"))).isEqualTo(2026);
    }

    @Test
    void badConfigurationStopsTheStartWithTheProperty() {
        // Then a day that is neither first-working-day nor a month-day, one after March, and bad durations are refused
        assertThatThrownBy(() -> properties("1st", "09:00")).hasMessageContaining("report.launch.day");
        assertThatThrownBy(() -> properties("--04-01", "09:00")).hasMessageContaining("January to March");
        assertThatThrownBy(() -> new LaunchProperties(true, null, null, Duration.ofMinutes(5), null))
                .hasMessageContaining("answer-within");
        assertThatThrownBy(() -> new LaunchProperties(true, null, null, null, Duration.ofDays(-1)))
                .hasMessageContaining("catch-up");
        // And nothing configured means the first working day at 09:00, 3 s answer, 7 days catch-up
        LaunchProperties defaults = new LaunchProperties(null, null, null, null, null);
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.day()).isEqualTo("first-working-day");
        assertThat(defaults.time()).isEqualTo(LocalTime.of(9, 0));
        assertThat(defaults.answerWithin()).isEqualTo(Duration.ofSeconds(3));
        assertThat(defaults.catchUp()).isEqualTo(Duration.ofDays(7));
    }

    private static LaunchSchedule schedule(String day, String time) {
        return new LaunchSchedule(CalendarFixtures.officialCalendar(), properties(day, time));
    }

    private static LaunchProperties properties(String day, String time) {
        return new LaunchProperties(true, day, LocalTime.parse(time), Duration.ZERO, Duration.ZERO);
    }

    private static Instant at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(Beijing.ZONE).toInstant();
    }
}
