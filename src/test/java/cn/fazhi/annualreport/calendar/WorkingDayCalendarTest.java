package cn.fazhi.annualreport.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;

/**
 * The working-day calendar read from the shipped holiday file, checked against the State Council notices as listed in
 * shared/domain/annual-report.md ("Working days"). The expected dates are written out here, independently of the YAML.
 */
class WorkingDayCalendarTest {

    /** Built once: the calendar is immutable and the file is the same for every test. */
    private static final WorkingDayCalendar CALENDAR =
            new WorkingDayCalendar(new CalendarProperties(new ClassPathResource("calendar/cn-holidays.yaml")));

    /** Every official day off of 2024–2026 (国办发明电〔2023〕7号, 国办发明电〔2024〕12号, notice of 2025-11-04). */
    static final List<String> OFFICIAL_HOLIDAYS = List.of(
            // 2024
            "2024-01-01",
            "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16",
            "2024-02-17",
            "2024-04-04", "2024-04-05", "2024-04-06",
            "2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05",
            "2024-06-10",
            "2024-09-15", "2024-09-16", "2024-09-17",
            "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06", "2024-10-07",
            // 2025
            "2025-01-01",
            "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03",
            "2025-02-04",
            "2025-04-04", "2025-04-05", "2025-04-06",
            "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05",
            "2025-05-31", "2025-06-01", "2025-06-02",
            "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07",
            "2025-10-08",
            // 2026
            "2026-01-01", "2026-01-02", "2026-01-03",
            "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21",
            "2026-02-22", "2026-02-23",
            "2026-04-04", "2026-04-05", "2026-04-06",
            "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
            "2026-06-19", "2026-06-20", "2026-06-21",
            "2026-09-25", "2026-09-26", "2026-09-27",
            "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07");

    /** Every weekend make-up working day (调休上班) of 2024–2026. */
    static final List<String> MAKE_UP_WORKING_DAYS = List.of(
            "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
            "2024-10-12",
            "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
            "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");

    static Stream<String> officialHolidays() {
        return OFFICIAL_HOLIDAYS.stream();
    }

    static Stream<String> makeUpWorkingDays() {
        return MAKE_UP_WORKING_DAYS.stream();
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    // ---- Official arrangements 2024–2026 ----

    @Test
    void theDomainListsHaveTheExpectedSizes() {
        // Given the lists copied from the domain file
        // When they are counted
        // Then 2024: 28 days off, 2025: 28, 2026: 33; make-up days 8 + 5 + 6
        assertThat(OFFICIAL_HOLIDAYS).doesNotHaveDuplicates().hasSize(28 + 28 + 33);
        assertThat(MAKE_UP_WORKING_DAYS).doesNotHaveDuplicates().hasSize(8 + 5 + 6);
    }

    @ParameterizedTest(name = "{0} is an official holiday")
    @MethodSource("officialHolidays")
    void everyOfficialHolidayIsNotAWorkingDay(String holiday) {
        // Given an official day off of 2024, 2025 or 2026
        LocalDate date = d(holiday);

        // When the calendar is asked
        boolean working = CALENDAR.isWorkingDay(date);

        // Then it is not a working day, whatever weekday it falls on
        assertThat(working).as("%s (%s)", date, date.getDayOfWeek()).isFalse();
    }

    @ParameterizedTest(name = "{0} is a make-up working day")
    @MethodSource("makeUpWorkingDays")
    void everyMakeUpDayIsAWorkingDayAlthoughItIsAWeekend(String makeUpDay) {
        // Given a make-up day (调休上班), which by definition falls on a Saturday or Sunday
        LocalDate date = d(makeUpDay);
        assertThat(date.getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

        // When the calendar is asked
        boolean working = CALENDAR.isWorkingDay(date);

        // Then it is a working day
        assertThat(working).as("%s (%s)", date, date.getDayOfWeek()).isTrue();
    }

    @Test
    void everyDayOf2024To2026MatchesTheOfficialArrangementExactly() {
        // Given the official lists: nothing else may be a holiday or a make-up day
        Set<LocalDate> holidays = OFFICIAL_HOLIDAYS.stream().map(LocalDate::parse).collect(Collectors.toSet());
        Set<LocalDate> makeUp = MAKE_UP_WORKING_DAYS.stream().map(LocalDate::parse).collect(Collectors.toSet());

        // When every day of the three years is compared with Mon–Fri − holidays + make-up days
        List<LocalDate> wrong = d("2024-01-01").datesUntil(d("2027-01-01"))
                .filter(day -> {
                    boolean weekday = day.getDayOfWeek() != DayOfWeek.SATURDAY
                            && day.getDayOfWeek() != DayOfWeek.SUNDAY;
                    boolean expected = makeUp.contains(day) || (weekday && !holidays.contains(day));
                    return CALENDAR.isWorkingDay(day) != expected;
                })
                .toList();

        // Then no day differs, and data is present for each year
        assertThat(wrong).isEmpty();
        assertThat(CALENDAR.hasDataFor(2024)).isTrue();
        assertThat(CALENDAR.hasDataFor(2025)).isTrue();
        assertThat(CALENDAR.hasDataFor(2026)).isTrue();
    }

    @Test
    void ordinaryDaysFollowTheWeek() {
        // Given an ordinary Wednesday and an ordinary Saturday of 2026
        LocalDate wednesday = d("2026-03-11");
        LocalDate saturday = d("2026-03-14");

        // When / Then the weekday works and the weekend does not
        assertThat(CALENDAR.isWorkingDay(wednesday)).isTrue();
        assertThat(CALENDAR.isWorkingDay(saturday)).isFalse();
    }

    // ---- Working-day arithmetic ----

    @ParameterizedTest(name = "{0} {1} working day(s) = {2}")
    @CsvSource({
            // Spring Festival 2026: Friday 13 Feb → the make-up Saturday 14 Feb
            "2026-02-13,  1, 2026-02-14",
            // from the make-up Saturday over the nine days off (15–23 Feb) to Tuesday 24 Feb
            "2026-02-14,  1, 2026-02-24",
            "2026-02-13,  2, 2026-02-24",
            // National Day 2025: Tuesday 30 Sep over 1–8 Oct to Thursday 9 Oct
            "2025-09-30,  1, 2025-10-09",
            // then Friday 10 Oct and the make-up Saturday 11 Oct
            "2025-09-30,  3, 2025-10-11",
            // negative offsets go back over the holiday
            "2026-02-24, -1, 2026-02-14",
            "2026-02-24, -2, 2026-02-13",
            "2025-10-09, -1, 2025-09-30",
            // an ordinary week: Friday + 1 = Monday, Monday − 1 = Friday
            "2026-03-06,  1, 2026-03-09",
            "2026-03-09, -1, 2026-03-06"
    })
    void addWorkingDaysSkipsHolidaysAndCountsMakeUpDays(String start, int days, String expected) {
        // Given a start date
        LocalDate from = d(start);

        // When working days are added (the start day itself is not counted)
        LocalDate result = CALENDAR.addWorkingDays(from, days);

        // Then the expected working day is reached
        assertThat(result).isEqualTo(d(expected));
        assertThat(CALENDAR.isWorkingDay(result)).isTrue();
    }

    @ParameterizedTest(name = "{0} + 0 = {0}")
    @ValueSource(strings = {"2026-03-11", "2026-02-16", "2026-02-14"})
    void addingZeroWorkingDaysAnswersTheDateItselfEvenOnAHoliday(String date) {
        // Given any date: a working day, a holiday (初一 2026) or a make-up Saturday
        LocalDate start = d(date);

        // When zero working days are added
        LocalDate result = CALENDAR.addWorkingDays(start, 0);

        // Then the date is unchanged
        assertThat(result).isEqualTo(start);
    }

    @ParameterizedTest(name = "[{0}, {1}) has {2} working days")
    @CsvSource({
            // Fri 13 Feb, make-up Sat 14 Feb, (15–23 off), Tue 24 Feb
            "2026-02-13, 2026-02-25,  3",
            // the end is exclusive
            "2026-02-13, 2026-02-24,  2",
            // National Day week 2025: only 9, 10 and the make-up 11 Oct
            "2025-10-01, 2025-10-13,  3",
            // the same day: empty interval
            "2026-03-11, 2026-03-11,  0",
            // reversed: negative
            "2026-02-25, 2026-02-13, -3",
            // March 2026 has 22 weekdays and no holidays
            "2026-03-01, 2026-04-01, 22"
    })
    void workingDaysBetweenCountsTheHalfOpenInterval(String from, String to, int expected) {
        // Given an interval [from, to)
        // When the working days in it are counted
        int count = CALENDAR.workingDaysBetween(d(from), d(to));

        // Then holidays are left out, make-up days counted, and a reversed interval is negative
        assertThat(count).isEqualTo(expected);
    }

    @Test
    void workingDaysBetweenIsTheInverseOfAddWorkingDays() {
        // Given a start before Spring Festival 2026 and an offset across it
        LocalDate start = d("2026-02-10");
        LocalDate end = CALENDAR.addWorkingDays(start, 7);

        // When the working days between them are counted ([start, end) includes start, excludes end)
        int count = CALENDAR.workingDaysBetween(start, end);

        // Then the start counts and the end does not: the same seven
        assertThat(count).isEqualTo(7);
    }

    @ParameterizedTest(name = "last working day on or before {0} = {1}")
    @CsvSource({
            // inside Spring Festival 2026 → the make-up Saturday before it
            "2026-02-20, 2026-02-14",
            // National Day 2025 → Tuesday 30 Sep
            "2025-10-05, 2025-09-30",
            // New Year 2026 (1–3 Jan) → Wednesday 31 Dec 2025, across the year boundary
            "2026-01-03, 2025-12-31",
            // an ordinary Sunday → Friday
            "2026-03-15, 2026-03-13",
            // a working day → itself; a make-up Saturday → itself
            "2026-03-31, 2026-03-31",
            "2026-02-28, 2026-02-28"
    })
    void lastWorkingDayOnOrBeforeNeverMovesLater(String date, String expected) {
        // Given a date that may be a holiday or weekend
        // When the last working day on or before it is asked
        LocalDate result = CALENDAR.lastWorkingDayOnOrBefore(d(date));

        // Then the answer is the expected earlier (or same) working day
        assertThat(result).isEqualTo(d(expected)).isBeforeOrEqualTo(d(date));
    }

    // ---- A year without official data ----

    @Test
    void aYearWithoutOfficialDataCountsWeekendsOnly() {
        // Given 2031, for which the holiday file has no arrangement
        assertThat(CALENDAR.hasDataFor(2031)).isFalse();

        // When its New Year's Day (a Wednesday) and the following Saturday are asked
        boolean newYear = CALENDAR.isWorkingDay(d("2031-01-01"));
        boolean saturday = CALENDAR.isWorkingDay(d("2031-01-04"));

        // Then only the weekend is off: no holiday is guessed
        assertThat(newYear).isTrue();
        assertThat(saturday).isFalse();
    }

    @Test
    void arithmeticInAYearWithoutDataUsesMondayToFriday() {
        // Given January 2031: 31 days starting on a Wednesday = 23 weekdays
        // When counted and stepped
        int weekdays = CALENDAR.workingDaysBetween(d("2031-01-01"), d("2031-02-01"));
        LocalDate afterFriday = CALENDAR.addWorkingDays(d("2031-01-03"), 1);
        LocalDate beforeSunday = CALENDAR.lastWorkingDayOnOrBefore(d("2031-01-05"));

        // Then weekends are the only days skipped
        assertThat(weekdays).isEqualTo(23);
        assertThat(afterFriday).isEqualTo(d("2031-01-06"));
        assertThat(beforeSunday).isEqualTo(d("2031-01-03"));
    }

    // ---- The holiday file parser: malformed input is refused ----

    private static Map<Integer, YearArrangement> parse(String yaml) {
        InputStream in = new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
        return HolidayFileParser.parse(in, "test.yaml");
    }

    @Test
    void aWellFormedFileIsReadWithRangesExpanded() {
        // Given one year with a range, a single day and a make-up day
        String yaml = """
                years:
                  2030:
                    source: 测试通知
                    holidays: [2030-01-01, 2030-02-02..2030-02-04]
                    workdays: [2030-02-09]
                """;

        // When it is parsed
        Map<Integer, YearArrangement> years = parse(yaml);

        // Then the range is expanded day by day and the source is kept
        assertThat(years).containsOnlyKeys(2030);
        YearArrangement y = years.get(2030);
        assertThat(y.holidays()).containsExactlyInAnyOrder(
                d("2030-01-01"), d("2030-02-02"), d("2030-02-03"), d("2030-02-04"));
        assertThat(y.makeUpWorkdays()).containsExactly(d("2030-02-09"));
        assertThat(y.source()).isEqualTo("测试通知");
    }

    @Test
    void aBadDateIsRefusedNamingTheYearAndTheEntry() {
        // Given 30 February
        String yaml = """
                years:
                  2026:
                    holidays: [2026-01-01, 2026-02-30]
                """;

        // When / Then the whole file is refused, naming file, year, list and entry
        assertThatIllegalStateException().isThrownBy(() -> parse(yaml))
                .withMessageContaining("test.yaml")
                .withMessageContaining("year 2026")
                .withMessageContaining("holidays")
                .withMessageContaining("'2026-02-30' is not a date");
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefused() {
        // Given a reversed range
        String yaml = """
                years:
                  2026:
                    holidays: [2026-02-23..2026-02-15]
                """;

        // When / Then it is refused with the year and the range
        assertThatIllegalStateException().isThrownBy(() -> parse(yaml))
                .withMessageContaining("year 2026")
                .withMessageContaining("2026-02-23..2026-02-15")
                .withMessageContaining("ends before it starts");
    }

    @Test
    void aDateOutsideItsYearIsRefused() {
        // Given a 2025 date filed under 2026 (a classic copy-paste slip)
        String yaml = """
                years:
                  2026:
                    workdays: [2025-12-28]
                """;

        // When / Then it is refused, naming the date and the year it does not belong to
        assertThatIllegalStateException().isThrownBy(() -> parse(yaml))
                .withMessageContaining("year 2026")
                .withMessageContaining("workdays")
                .withMessageContaining("2025-12-28 does not belong to 2026");
    }

    @Test
    void aRangeCrossingIntoTheNextYearIsRefused() {
        // Given a range that runs past 31 December
        String yaml = """
                years:
                  2026:
                    holidays: [2026-12-31..2027-01-02]
                """;

        // When / Then the first day outside the year is named
        assertThatIllegalStateException().isThrownBy(() -> parse(yaml))
                .withMessageContaining("year 2026")
                .withMessageContaining("2027-01-01 does not belong to 2026");
    }

    @Test
    void aDayBothHolidayAndWorkdayIsRefused() {
        // Given 14 February 2026 both off (inside a range) and a make-up day
        String yaml = """
                years:
                  2026:
                    holidays: [2026-02-13..2026-02-16]
                    workdays: [2026-02-14]
                """;

        // When / Then the contradiction is refused with the year and the day
        assertThatIllegalStateException().isThrownBy(() -> parse(yaml))
                .withMessageContaining("year 2026")
                .withMessageContaining("2026-02-14 is both a holiday and a make-up working day");
    }

    @Test
    void aFileWithoutYearsIsRefused() {
        // Given a file whose top-level key is misspelt
        String yaml = """
                year:
                  2026:
                    holidays: [2026-01-01]
                """;

        // When / Then the missing 'years' map is reported
        assertThatIllegalStateException().isThrownBy(() -> parse(yaml))
                .withMessageContaining("test.yaml")
                .withMessageContaining("no 'years' map");
    }

    @Test
    void anEmptyFileIsRefused() {
        // Given an empty file
        // When / Then it is refused like a file without 'years'
        assertThatIllegalStateException().isThrownBy(() -> parse(""))
                .withMessageContaining("no 'years' map");
    }

    @Test
    void aKeyThatIsNotAYearIsRefused() {
        // Given a year key with a typo
        String yaml = """
                years:
                  "2O26":
                    holidays: [2026-01-01]
                """;

        // When / Then the bad key is named
        assertThatIllegalStateException().isThrownBy(() -> parse(yaml))
                .withMessageContaining("'2O26' is not a year");
    }

    @Test
    void aSingleDateInsteadOfAListIsRefused() {
        // Given holidays written as a scalar instead of a list
        String yaml = """
                years:
                  2026:
                    holidays: 2026-01-01
                """;

        // When / Then the shape is reported
        assertThatIllegalStateException().isThrownBy(() -> parse(yaml))
                .withMessageContaining("year 2026, holidays")
                .withMessageContaining("expected a list of dates");
    }

    @Test
    void invalidYamlIsRefused() {
        // Given text that is not YAML (unclosed flow sequence)
        String yaml = "years: [2026-01-01\n";

        // When / Then the parser error is wrapped with the file name
        assertThatIllegalStateException().isThrownBy(() -> parse(yaml))
                .withMessageContaining("test.yaml is not valid YAML");
    }
}
