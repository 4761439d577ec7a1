package cn.fazhi.annualreport.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.fazhi.annualreport.calendar.CalendarFixtures;
import cn.fazhi.annualreport.calendar.WorkingDayCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statutory schedule of a case, on the official 2024–2026 calendar (weekends only for years without data).
 * Default offsets (working days): issuance 3 before filing, review gate 5 before issuance, internal review 5 before
 * the gate, first draft 5 before internal review, materials 10 before the first draft, secrecy review 5 before
 * publication.
 */
class ScheduleServiceTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final WorkingDayCalendar calendar = CalendarFixtures.officialCalendar();
    private final ScheduleService service = new ScheduleService(calendar,
            new ScheduleProperties(SHANGHAI, LocalTime.of(17, 30), "--03-01", null, null));

    /** The chain of milestones leading to filing, in order. */
    private static final List<Milestone> FILING_CHAIN = List.of(Milestone.MATERIALS, Milestone.FIRST_DRAFT,
            Milestone.INTERNAL_REVIEW, Milestone.REVIEW_GATE, Milestone.ISSUANCE, Milestone.FILING);

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void nullOffsetsFallBackToTheDocumentedDefaults() {
        // Given properties without offsets
        ScheduleProperties properties = new ScheduleProperties(SHANGHAI, LocalTime.of(17, 30), "--03-01", null, null);

        // When the offsets are read
        ScheduleProperties.Offsets offsets = properties.workingDaysBefore();

        // Then they are 3, 5, 5, 5, 10, 5
        assertThat(offsets).isEqualTo(new ScheduleProperties.Offsets(3, 5, 5, 5, 10, 5));
    }

    @Test
    void governmentReportFor2025IsDueOn31March2026() {
        // Given a government's 2025 report, no higher-level notice
        // When the schedule is computed
        CaseSchedule schedule = service.schedule(true, 2025, ScheduleOverrides.none());

        // Then publication and filing are Tuesday 31 March 2026 (a working day: Qingming is 4–6 April),
        // and every internal milestone lies the configured working days before the next:
        //   issuance  = 31 Mar − 3  → 30, 27, 26              → Thu 26 Mar
        //   gate      = 26 Mar − 5  → 25, 24, 23, 20, 19      → Thu 19 Mar
        //   review    = 19 Mar − 5  → 18, 17, 16, 13, 12      → Thu 12 Mar
        //   draft     = 12 Mar − 5  → 11, 10, 9, 6, 5         → Thu  5 Mar
        //   materials =  5 Mar − 10 → 4, 3, 2, Sat 28 Feb (调休), 27, 26, 25, 24, (15–23 Feb off),
        //                             Sat 14 Feb (调休), Fri 13 Feb → Fri 13 Feb
        //   secrecy   = 31 Mar − 5  → 30, 27, 26, 25, 24      → Tue 24 Mar
        assertThat(schedule.get(Milestone.PUBLICATION)).isEqualTo(d("2026-03-31"));
        assertThat(schedule.get(Milestone.PUBLICATION).getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(schedule.get(Milestone.FILING)).isEqualTo(d("2026-03-31"));
        assertThat(schedule.get(Milestone.ISSUANCE)).isEqualTo(d("2026-03-26"));
        assertThat(schedule.get(Milestone.REVIEW_GATE)).isEqualTo(d("2026-03-19"));
        assertThat(schedule.get(Milestone.INTERNAL_REVIEW)).isEqualTo(d("2026-03-12"));
        assertThat(schedule.get(Milestone.FIRST_DRAFT)).isEqualTo(d("2026-03-05"));
        assertThat(schedule.get(Milestone.MATERIALS)).isEqualTo(d("2026-02-13"));
        assertThat(schedule.get(Milestone.SECRECY_REVIEW)).isEqualTo(d("2026-03-24"));
        assertThat(schedule.dates()).containsOnlyKeys(Milestone.values());
    }

    @Test
    void departmentReportFor2025IsFiledOnTheMakeUpSaturday28February2026() {
        // Given a department's 2025 report; departments file "before 1 March" (default "--03-01")
        // When the schedule is computed
        CaseSchedule schedule = service.schedule(false, 2025, ScheduleOverrides.none());

        // Then filing is the day before 1 March 2026, i.e. Saturday 28 February 2026. In 2026 that Saturday is an
        // official make-up working day (调休上班, after Spring Festival 15–23 Feb), so it is a working day and the
        // deadline does NOT move back to Friday 27 Feb. Counting back from there:
        //   issuance  = 28 Feb − 3  → 27, 26, 25                          → Wed 25 Feb
        //   gate      = 25 Feb − 5  → 24, (15–23 off), Sat 14 (调休), 13, 12, 11 → Wed 11 Feb
        //   review    = 11 Feb − 5  → 10, 9, 6, 5, 4                      → Wed  4 Feb
        //   draft     =  4 Feb − 5  → 3, 2, 30 Jan, 29, 28                → Wed 28 Jan
        //   materials = 28 Jan − 10 → 27, 26, 23, 22, 21, 20, 19, 16, 15, 14 → Wed 14 Jan
        // Publication is still the statutory 31 March.
        assertThat(schedule.get(Milestone.FILING)).isEqualTo(d("2026-02-28"));
        assertThat(schedule.get(Milestone.FILING).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(calendar.isWorkingDay(d("2026-02-28"))).isTrue();
        assertThat(schedule.get(Milestone.ISSUANCE)).isEqualTo(d("2026-02-25"));
        assertThat(schedule.get(Milestone.REVIEW_GATE)).isEqualTo(d("2026-02-11"));
        assertThat(schedule.get(Milestone.INTERNAL_REVIEW)).isEqualTo(d("2026-02-04"));
        assertThat(schedule.get(Milestone.FIRST_DRAFT)).isEqualTo(d("2026-01-28"));
        assertThat(schedule.get(Milestone.MATERIALS)).isEqualTo(d("2026-01-14"));
        assertThat(schedule.get(Milestone.PUBLICATION)).isEqualTo(d("2026-03-31"));
        assertThat(schedule.get(Milestone.SECRECY_REVIEW)).isEqualTo(d("2026-03-24"));
    }

    @ParameterizedTest(name = "government={0}, year {1}")
    @CsvSource({"true, 2023", "false, 2023", "true, 2024", "false, 2024", "true, 2025", "false, 2025",
            "true, 2026", "false, 2026", "true, 2029", "false, 2029"})
    void everyMilestoneIsAWorkingDayAndStrictlyBeforeTheNext(boolean government, int year) {
        // Given any kind of entity and reporting year (with or without holiday data)
        // When the schedule is computed
        CaseSchedule schedule = service.schedule(government, year, ScheduleOverrides.none());

        // Then each milestone of the filing chain is strictly before the next, the secrecy review is strictly before
        // publication, filing is not after publication, and every date is a working day of the following year
        for (int i = 1; i < FILING_CHAIN.size(); i++) {
            assertThat(schedule.get(FILING_CHAIN.get(i - 1)))
                    .as("%s before %s", FILING_CHAIN.get(i - 1), FILING_CHAIN.get(i))
                    .isBefore(schedule.get(FILING_CHAIN.get(i)));
        }
        assertThat(schedule.get(Milestone.SECRECY_REVIEW)).isBefore(schedule.get(Milestone.PUBLICATION));
        assertThat(schedule.get(Milestone.FILING)).isBeforeOrEqualTo(schedule.get(Milestone.PUBLICATION));
        assertThat(schedule.dates()).allSatisfy((milestone, date) -> {
            assertThat(calendar.isWorkingDay(date)).as("%s %s is a working day", milestone, date).isTrue();
            assertThat(date.getYear()).as("%s lies in the year after the reporting year", milestone)
                    .isEqualTo(year + 1);
        });
    }

    @Test
    void publicationOverrideLaterThan31MarchIsRefused() {
        // Given a notice asking for publication on 1 April 2026 for the 2025 report
        ScheduleOverrides overrides = new ScheduleOverrides(null, d("2026-04-01"), "某市通知");

        // When the schedule is computed
        InvalidScheduleException e = catchThrowableOfType(
                () -> service.schedule(true, 2025, overrides), InvalidScheduleException.class);

        // Then it is refused, naming the statutory date and Art. 24, in English and Chinese
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("2026-03-31").contains("Art. 24");
        assertThat(e.messageZh()).contains("2026-03-31").contains("第二十四条");
    }

    @Test
    void earlierPublicationOverrideIsHonouredAndCapsTheGovernmentFiling() {
        // Given a notice asking for publication by Friday 20 March 2026
        ScheduleOverrides overrides = new ScheduleOverrides(null, d("2026-03-20"), "某市通知");

        // When the schedule of a government's 2025 report is computed
        CaseSchedule schedule = service.schedule(true, 2025, overrides);

        // Then publication is 20 March and filing (statutory 31 March) is pulled back to it, never after publication
        assertThat(schedule.get(Milestone.PUBLICATION)).isEqualTo(d("2026-03-20"));
        assertThat(schedule.get(Milestone.FILING)).isEqualTo(d("2026-03-20"));
    }

    @Test
    void filingOverrideIsHonoured() {
        // Given a notice asking governments to file by Tuesday 10 March 2026
        ScheduleOverrides overrides = new ScheduleOverrides(d("2026-03-10"), null, "哈尔滨市司法局通知");

        // When the schedule of a government's 2025 report is computed
        CaseSchedule schedule = service.schedule(true, 2025, overrides);

        // Then filing is the notice's date, issuance counts back from it, publication stays statutory
        assertThat(schedule.get(Milestone.FILING)).isEqualTo(d("2026-03-10"));
        assertThat(schedule.get(Milestone.ISSUANCE)).isEqualTo(d("2026-03-05"));
        assertThat(schedule.get(Milestone.PUBLICATION)).isEqualTo(d("2026-03-31"));
    }

    @Test
    void filingOverrideOnAHolidayMovesToTheLastWorkingDayBefore() {
        // Given a notice date inside Spring Festival 2026 (Friday 20 Feb, a day off)
        ScheduleOverrides overrides = new ScheduleOverrides(d("2026-02-20"), null, null);

        // When the schedule is computed
        CaseSchedule schedule = service.schedule(false, 2025, overrides);

        // Then filing moves earlier to the make-up Saturday 14 Feb, never later
        assertThat(schedule.get(Milestone.FILING)).isEqualTo(d("2026-02-14"));
    }

    @Test
    void filingOverrideInsideTheReportingYearIsRefused() {
        // Given a filing date of 31 December 2025 for the 2025 report
        ScheduleOverrides overrides = new ScheduleOverrides(d("2025-12-31"), null, null);

        // When / Then the schedule is refused: a year cannot be reported before it ends
        assertThatThrownBy(() -> service.schedule(true, 2025, overrides))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("2025-12-31");
    }

    @Test
    void statutoryDateOnAWeekendMovesEarlierEvenWithoutHolidayData() {
        // Given the 2029 report: 31 March 2030 is a Sunday, and the holiday file has no 2030 data
        assertThat(d("2030-03-31").getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(calendar.hasDataFor(2030)).isFalse();

        // When the government schedule is computed
        CaseSchedule schedule = service.schedule(true, 2029, ScheduleOverrides.none());

        // Then weekends still count: publication and filing move back to Friday 29 March 2030
        assertThat(schedule.get(Milestone.PUBLICATION)).isEqualTo(d("2030-03-29"));
        assertThat(schedule.get(Milestone.FILING)).isEqualTo(d("2030-03-29"));
    }

    @Test
    void statutoryDateOnAWorkingDayStays() {
        // Given the 2026 report: 31 March 2027 is a Wednesday
        assertThat(d("2027-03-31").getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);

        // When the government schedule is computed
        CaseSchedule schedule = service.schedule(true, 2026, ScheduleOverrides.none());

        // Then it is not moved
        assertThat(schedule.get(Milestone.PUBLICATION)).isEqualTo(d("2027-03-31"));
    }

    @Test
    void configuredDepartmentFilingDayAndOffsetsAreUsed() {
        // Given departments filing before 15 February and one working day between every milestone
        ScheduleService custom = new ScheduleService(calendar, new ScheduleProperties(SHANGHAI, LocalTime.of(17, 30),
                "--02-15", new ScheduleProperties.Offsets(1, 1, 1, 1, 1, 1), null));

        // When a department's 2025 schedule is computed
        CaseSchedule schedule = custom.schedule(false, 2025, ScheduleOverrides.none());

        // Then filing is 14 Feb 2026 (make-up Saturday) and each milestone is one working day earlier
        assertThat(schedule.get(Milestone.FILING)).isEqualTo(d("2026-02-14"));
        assertThat(schedule.get(Milestone.ISSUANCE)).isEqualTo(d("2026-02-13"));
        assertThat(schedule.get(Milestone.REVIEW_GATE)).isEqualTo(d("2026-02-12"));
        assertThat(schedule.get(Milestone.SECRECY_REVIEW)).isEqualTo(d("2026-03-30"));
    }

    @Test
    void endOfWorkingDayIsOfficeClosingTimeInShanghai() {
        // Given the deadline day 31 March 2026
        LocalDate day = d("2026-03-31");

        // When its end is asked
        Date end = service.endOfWorkingDay(day);

        // Then it is 17:30 China Standard Time (UTC+8), i.e. 09:30 UTC, and converts back to the same day
        assertThat(end.toInstant()).isEqualTo(Instant.parse("2026-03-31T09:30:00Z"));
        assertThat(service.toLocalDate(end)).isEqualTo(day);
    }

    @Test
    void aCaseStartedAfterItsInternalMilestonesGetsThemReplannedFromKickoffButStatutoryDatesStay() {
        // Given a department's 2025 report kicked off on Monday 16 March 2026, after its materials date (Feb)
        LocalDate kickoff = d("2026-03-16");

        // When the schedule is computed
        CaseSchedule schedule = service.schedule(false, 2025, ScheduleOverrides.none(), kickoff);

        // Then material is due 5 working days after kickoff (23 March), each later internal step at least a working
        // day after the previous one, and the statutory filing (28 Feb) and publication (31 Mar) dates do not move
        assertThat(schedule.get(Milestone.MATERIALS)).isEqualTo(d("2026-03-23"));
        assertThat(schedule.get(Milestone.FIRST_DRAFT)).isEqualTo(d("2026-03-24"));
        assertThat(schedule.get(Milestone.INTERNAL_REVIEW)).isEqualTo(d("2026-03-25"));
        assertThat(schedule.get(Milestone.REVIEW_GATE)).isEqualTo(d("2026-03-26"));
        assertThat(schedule.get(Milestone.ISSUANCE)).isEqualTo(d("2026-03-27"));
        assertThat(schedule.get(Milestone.SECRECY_REVIEW)).isEqualTo(d("2026-03-30"));
        assertThat(schedule.get(Milestone.FILING)).isEqualTo(d("2026-02-28"));
        assertThat(schedule.get(Milestone.PUBLICATION)).isEqualTo(d("2026-03-31"));
    }

    @Test
    void aTimelyKickoffKeepsTheStatutorySchedule() {
        // Given a government case kicked off in early January, long before its milestones
        CaseSchedule timely = service.schedule(true, 2025, ScheduleOverrides.none(), d("2026-01-05"));

        // Then it is the same schedule as without a kickoff date
        assertThat(timely).isEqualTo(service.schedule(true, 2025, ScheduleOverrides.none()));
    }

    @Test
    void aFilingDateLaterThanTheStatutoryPublicationDeadlineIsRefused() {
        ScheduleOverrides late = new ScheduleOverrides(d("2026-04-15"), null, "某通知");

        assertThatThrownBy(() -> service.schedule(true, 2025, late))
                .isInstanceOf(InvalidScheduleException.class).hasMessageContaining("2026-03-31");
    }
}
