package cn.fazhi.annualreport.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;

/**
 * An admin-edited holiday file ({@code file:}) reloaded while the application runs: by the poll (called directly here,
 * not by waiting) and by the reload method of the admin endpoint. A malformed file is refused with file, line and
 * reason, and the calendar in force stays; every successful reload publishes {@link CalendarChanged}.
 */
class HolidayFileReloadTest {

    private static final String ONLY_2026 = """
            years:
              2026:
                source: 国务院办公厅关于2026年部分节假日安排的通知
                holidays: [2026-01-01..2026-01-03, 2026-02-15..2026-02-23, 2026-10-01..2026-10-07]
                workdays: [2026-01-04, 2026-02-14, 2026-02-28, 2026-10-10]
            """;

    /** 2027 as an admin would add it in November (an invented arrangement: the real one is not yet published). */
    private static final String WITH_2027 = ONLY_2026 + """
              2027:
                source: 测试用 2027 年安排
                holidays: [2027-01-01, 2027-02-06..2027-02-12]
                workdays: [2027-02-13]
            """;

    @TempDir
    Path dir;

    private Path file;
    private final List<Object> events = new ArrayList<>();
    private WorkingDayCalendar calendar;

    @BeforeEach
    void aCalendarOnAnAdminEditedFile() throws IOException {
        file = dir.resolve("cn-holidays.yaml");
        write(ONLY_2026);
        calendar = new WorkingDayCalendar(new CalendarProperties(new FileSystemResource(file)), events::add);
    }

    /** Writes the file and moves its last-modified time on, as an editor saving it a little later would. */
    private void write(String yaml) throws IOException {
        long before = Files.exists(file) ? file.toFile().lastModified() : 0L;
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        file.toFile().setLastModified(Math.max(before + 2_000, System.currentTimeMillis()));
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void anUnchangedFileIsNotReloaded() {
        // Given the file as loaded at start
        // When the poll looks at it
        boolean reloaded = calendar.reloadIfChanged();

        // Then nothing happens and nothing is published
        assertThat(reloaded).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void aChangedFileIsPutInForceByThePollAndAnnouncedWithTheChangedYears() throws IOException {
        // Given a calendar without 2027: 11 February 2027 (a Thursday) counts as a working day
        assertThat(calendar.hasDataFor(2027)).isFalse();
        assertThat(calendar.isWorkingDay(d("2027-02-11"))).isTrue();

        // When the admin adds next year's notice and the poll sees the new last-modified time
        write(WITH_2027);
        boolean reloaded = calendar.reloadIfChanged();

        // Then 2027 is in force at once, and only 2027 is announced as changed
        assertThat(reloaded).isTrue();
        assertThat(calendar.hasDataFor(2027)).isTrue();
        assertThat(calendar.isWorkingDay(d("2027-02-11"))).isFalse();
        assertThat(calendar.isWorkingDay(d("2027-02-13"))).as("make-up Saturday").isTrue();
        assertThat(calendar.years()).containsExactly(2026, 2027);
        assertThat(events).containsExactly(new CalendarChanged(Set.of(2027)));

        // And a second poll without a further edit does nothing
        assertThat(calendar.reloadIfChanged()).isFalse();
        assertThat(events).hasSize(1);
    }

    @Test
    void aCorrectedYearIsAnnouncedButAnUntouchedOneIsNot() throws IOException {
        // Given 2026 and 2027 in force
        write(WITH_2027);
        calendar.reload();
        events.clear();

        // When the admin corrects 2027 (Friday 5 Feb becomes a day off) and only the source text of 2026
        write(WITH_2027.replace("2027-02-06..2027-02-12", "2027-02-05..2027-02-12")
                .replace("国务院办公厅关于2026年部分节假日安排的通知", "国务院办公厅通知（更正来源）"));
        WorkingDayCalendar.Reloaded result = calendar.reload();

        // Then only 2027 counts as changed: a new source text alone changes no day
        assertThat(result.changedYears()).containsExactly(2027);
        assertThat(events).containsExactly(new CalendarChanged(Set.of(2027)));
        assertThat(calendar.isWorkingDay(d("2027-02-05"))).isFalse();
        assertThat(calendar.arrangement(2026)).get().extracting(YearArrangement::source)
                .isEqualTo("国务院办公厅通知（更正来源）");
    }

    @Test
    void theReloadMethodReloadsEvenAnUnchangedFileAndPublishesAnEmptyChange() {
        // Given the file as loaded at start
        // When the admin endpoint's reload runs
        WorkingDayCalendar.Reloaded result = calendar.reload();

        // Then the calendar is read again; no day changed, which the event says
        assertThat(result.years()).containsExactly(2026);
        assertThat(result.changedYears()).isEmpty();
        assertThat(events).containsExactly(new CalendarChanged(Set.of()));
    }

    @Test
    void aMalformedFileIsRefusedWithFileLineAndReasonAndTheOldCalendarStays() throws IOException {
        // Given an admin's edit with an impossible date on line 5 of the file
        String broken = """
                years:
                  2026:
                    source: 国务院办公厅关于2026年部分节假日安排的通知
                    holidays: [2026-01-01..2026-01-03,
                               2026-02-30, 2026-10-01..2026-10-07]
                    workdays: [2026-01-04]
                  2027:
                    holidays: [2027-01-01]
                """;
        write(broken);

        // When it is reloaded
        // Then it is refused naming the file, the line and the reason, in English and Chinese
        assertThatThrownBy(() -> calendar.reload())
                .isInstanceOfSatisfying(HolidayFileException.class, e -> {
                    assertThat(e.file()).isEqualTo(file.toAbsolutePath().toString());
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.getMessage()).contains(file.getFileName().toString()).contains("line 5")
                            .contains("'2026-02-30' is not a date");
                    assertThat(e.messageZh()).contains("第 5 行").contains("不是有效日期");
                });

        // And the calendar in force is the previous one: Spring Festival 2026 still off, no 2027, nothing announced
        assertThat(calendar.isWorkingDay(d("2026-02-16"))).isFalse();
        assertThat(calendar.hasDataFor(2027)).isFalse();
        assertThat(events).isEmpty();
        assertThat(calendar.lastFailure()).get().extracting(f -> f.error().line()).isEqualTo(5);
    }

    @Test
    void thePollLogsAMalformedFileOnceAndTakesTheFixedFileLater() throws IOException {
        // Given a malformed edit: a Friday listed as make-up working day on line 4
        write("""
                years:
                  2026:
                    holidays: [2026-01-01]
                    workdays: [2026-02-13]
                """);

        // When the poll sees it, twice
        boolean first = calendar.reloadIfChanged();
        boolean second = calendar.reloadIfChanged();

        // Then the edit is refused (recorded with its line) and not retried until the file changes again
        assertThat(first).isFalse();
        assertThat(second).isFalse();
        assertThat(calendar.lastFailure()).get().satisfies(f -> {
            assertThat(f.error().line()).isEqualTo(4);
            assertThat(f.error().getMessage()).contains("2026-02-13 is a FRIDAY");
        });
        assertThat(calendar.isWorkingDay(d("2026-02-14"))).as("old calendar: make-up Saturday").isTrue();

        // When the admin fixes the file
        write(WITH_2027);
        boolean fixed = calendar.reloadIfChanged();

        // Then it is in force and the refusal is cleared
        assertThat(fixed).isTrue();
        assertThat(calendar.hasDataFor(2027)).isTrue();
        assertThat(calendar.lastFailure()).isEmpty();
    }

    @Test
    void aFileThatDisappearsLeavesTheCalendarInForce() throws IOException {
        // Given the file removed (e.g. during a careless deployment)
        Files.delete(file);

        // When the poll looks and the admin presses reload
        boolean polled = calendar.reloadIfChanged();

        // Then nothing changes; the explicit reload says why
        assertThat(polled).isFalse();
        assertThatThrownBy(() -> calendar.reload()).isInstanceOf(HolidayFileException.class)
                .hasMessageContaining("cannot be read");
        assertThat(calendar.hasDataFor(2026)).isTrue();
        assertThat(calendar.isWorkingDay(d("2026-02-16"))).isFalse();
    }

    @Test
    void aMalformedFileAtStartUpStopsTheStartWithFileAndLine() throws IOException {
        // Given a file whose year key is misspelt on line 2
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "years:\n  \"2O27\":\n    holidays: [2027-01-01]\n");

        // When a calendar is built from it / Then the start fails with file, line and reason
        assertThatThrownBy(() -> new WorkingDayCalendar(new CalendarProperties(new FileSystemResource(bad))))
                .isInstanceOf(HolidayFileException.class)
                .hasMessageContaining(bad.toAbsolutePath().toString())
                .hasMessageContaining("line 2")
                .hasMessageContaining("'2O27' is not a year");
    }
}
