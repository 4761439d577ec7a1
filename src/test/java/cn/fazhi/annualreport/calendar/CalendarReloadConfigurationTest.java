package cn.fazhi.annualreport.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.scheduling.config.IntervalTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The file poll is scheduled every report.calendar.reload-interval and runs the calendar's change check. */
class CalendarReloadConfigurationTest {

    @TempDir
    Path dir;

    private CalendarProperties properties(Duration interval) throws IOException {
        Path file = dir.resolve("cn-holidays.yaml");
        Files.writeString(file, "years:\n  2026:\n    holidays: [2026-01-01]\n");
        return new CalendarProperties(new FileSystemResource(file), interval, null);
    }

    @Test
    void thePollRunsEveryIntervalAndReloadsAChangedFile() throws IOException {
        // Given a reload interval of five minutes
        CalendarProperties properties = properties(Duration.ofMinutes(5));
        WorkingDayCalendar calendar = new WorkingDayCalendar(properties);
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

        // When the scheduling is configured
        new CalendarReloadConfiguration(calendar, properties).configureTasks(registrar);

        // Then one fixed-delay task runs every five minutes, first after five minutes
        assertThat(registrar.getFixedDelayTaskList()).hasSize(1);
        IntervalTask task = registrar.getFixedDelayTaskList().get(0);
        assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(5));

        // And running it (as the scheduler would) puts a changed file in force
        Path file = dir.resolve("cn-holidays.yaml");
        Files.writeString(file, "years:\n  2026:\n    holidays: [2026-01-01]\n  2027:\n    holidays: [2027-01-01]\n");
        file.toFile().setLastModified(file.toFile().lastModified() + 2_000);
        task.getRunnable().run();
        assertThat(calendar.hasDataFor(2027)).isTrue();
    }

    @Test
    void aZeroIntervalSwitchesThePollOff() throws IOException {
        // Given PT0S
        CalendarProperties properties = properties(Duration.ZERO);
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

        // When the scheduling is configured
        new CalendarReloadConfiguration(new WorkingDayCalendar(properties), properties).configureTasks(registrar);

        // Then nothing is scheduled
        assertThat(registrar.getFixedDelayTaskList()).isEmpty();
    }

    @Test
    void theDefaultsAreOneMinuteAndShanghai() {
        // Given only the file
        CalendarProperties properties = new CalendarProperties(new FileSystemResource(dir.resolve("x.yaml")));

        // Then the interval and zone are the documented defaults
        assertThat(properties.reloadInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }
}
