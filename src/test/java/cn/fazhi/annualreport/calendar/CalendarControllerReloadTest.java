package cn.fazhi.annualreport.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;

/**
 * The reload endpoint's refusals, on an admin-edited file (the shared application context reads the shipped file,
 * which must stay intact): a malformed file answers 400 with file, line and reason and the calendar stays; a
 * non-admin gets 403. The HTTP rendering of these refusals is {@link CalendarApiTest}'s.
 */
class CalendarControllerReloadTest {

    @TempDir
    Path dir;

    private Path file;
    private WorkingDayCalendar calendar;
    private final IdentityService identity = mock(IdentityService.class);
    private CalendarController controller;

    @BeforeEach
    void aControllerOnAFile() throws IOException {
        file = dir.resolve("cn-holidays.yaml");
        Files.writeString(file, "years:\n  2026:\n    holidays: [2026-02-15..2026-02-23]\n    workdays: [2026-02-14]\n");
        calendar = new WorkingDayCalendar(new CalendarProperties(new FileSystemResource(file)));
        controller = new CalendarController(calendar, identity);
    }

    private void loggedInAs(String user, String... groups) {
        when(identity.getCurrentAuthentication()).thenReturn(new Authentication(user, List.of(groups)));
    }

    @Test
    void aMalformedFileAnswers400WithFileLineAndReasonAndTheCalendarStays() throws IOException {
        // Given an admin and a file broken on line 4 (a make-up day outside its year)
        loggedInAs("admin", "camunda-admin");
        Files.writeString(file, "years:\n  2026:\n    holidays: [2026-02-15..2026-02-23]\n    workdays: [2025-02-14]\n");

        // When the admin reloads / Then 400, naming file, line and reason in both languages
        assertThatThrownBy(() -> controller.reload())
                .isInstanceOfSatisfying(HolidayFileRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.messageEn()).contains("previous calendar stays in force")
                            .contains(file.toAbsolutePath().toString()).contains("line 4")
                            .contains("2025-02-14 does not belong to 2026");
                    assertThat(e.messageZh()).contains("原日历继续有效").contains(file.toAbsolutePath().toString())
                            .contains("第 4 行").contains("不属于 2026 年");
                });

        // And the calendar in force is unchanged, the status shows the refusal
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-14"))).isTrue();
        CalendarController.Failure failure = controller.status(null).lastReloadError();
        assertThat(failure.file()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(failure.line()).isEqualTo(4);
        assertThat(failure.messageEn()).contains("does not belong to 2026");
    }

    @Test
    void aGoodFileAnswersTheYearsAndTheChangedOnes() throws IOException {
        // Given an admin who adds 2027
        loggedInAs("admin", "camunda-admin");
        Files.writeString(file, Files.readString(file) + "  2027:\n    holidays: [2027-01-01]\n");

        // When reloaded
        CalendarController.ReloadView view = controller.reload();

        // Then the new years are in force and 2027 is the change
        assertThat(view.years()).containsExactly(2026, 2027);
        assertThat(view.changedYears()).containsExactly(2027);
        assertThat(view.file()).isEqualTo(file.toAbsolutePath().toString());
    }

    @Test
    void aUserOutsideCamundaAdminIsRefused() {
        // Given the process owner, and nobody at all
        loggedInAs("bayan_owner", "bayan-owner");

        // When / Then 403
        assertThatThrownBy(() -> controller.reload()).isInstanceOfSatisfying(CalendarAdminOnlyException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        when(identity.getCurrentAuthentication()).thenReturn(null);
        assertThatThrownBy(() -> controller.reload()).isInstanceOf(CalendarAdminOnlyException.class);
    }
}
