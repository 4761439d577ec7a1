package cn.fazhi.annualreport.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.calendar.CalendarFixtures;
import cn.fazhi.annualreport.notification.ReminderSchedule.Reminder;
import cn.fazhi.annualreport.notification.ReminderSchedule.ReminderKind;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The working-day reminder plan of a task, and the engine cycle calendar that walks it. */
class ReminderScheduleTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ReminderSchedule schedule = new ReminderSchedule(CalendarFixtures.officialCalendar(),
            new NotificationProperties("http://localhost:8080", null));
    private final ReminderCycleCalendar cycle = new ReminderCycleCalendar(schedule);

    /** Friday 13 February 2026, 17:30: the last working day before the Spring Festival holiday (15–23 Feb). */
    private final Date deadline = at(2026, 2, 13, 17, 30);

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void remindsThreeAndOneWorkingDaysBeforeOnTheDayAndEveryWorkingDayOverdue() {
        // When the reminders of a task due on 13 February 2026 are planned (defaults: 3 and 1 before, 5 overdue)
        List<Reminder> reminders = schedule.reminders(deadline);

        // Then they follow the official calendar: 14 Feb is a make-up working day, 15–23 Feb are holidays
        assertThat(reminders).extracting(Reminder::slot).containsExactly("BEFORE-3", "BEFORE-1", "DUE_TODAY-0",
                "OVERDUE-1", "OVERDUE-2", "OVERDUE-3", "OVERDUE-4", "OVERDUE-5");
        assertThat(reminders).extracting(Reminder::at).containsExactly(at(2026, 2, 10, 9, 0), at(2026, 2, 12, 9, 0),
                at(2026, 2, 13, 9, 0), at(2026, 2, 14, 9, 0), at(2026, 2, 24, 9, 0), at(2026, 2, 25, 9, 0),
                at(2026, 2, 26, 9, 0), at(2026, 2, 27, 9, 0));
    }

    @Test
    void aTaskThatOpensAfterItsDeadlineIsChasedFromItsOpening() {
        // When the task due on 13 February opens on Thursday 5 March 2026 at 10:20, months of reminders behind it
        Date opened = at(2026, 3, 5, 10, 20);
        List<Reminder> reminders = schedule.reminders(deadline, opened);

        // Then its five overdue reminders count from the opening: the first at once, the others on the next working days
        assertThat(reminders).extracting(Reminder::slot).containsExactly("OVERDUE-1", "OVERDUE-2", "OVERDUE-3",
                "OVERDUE-4", "OVERDUE-5");
        assertThat(reminders).extracting(Reminder::at).containsExactly(opened, at(2026, 3, 6, 9, 0),
                at(2026, 3, 9, 9, 0), at(2026, 3, 10, 9, 0), at(2026, 3, 11, 9, 0));
        assertThat(schedule.classify(deadline, opened, at(2026, 3, 5, 10, 21))).get()
                .satisfies(r -> assertThat(r.slot()).isEqualTo("OVERDUE-1"));
    }

    @Test
    void aTaskThatOpensLateOnADayOffIsChasedOnTheNextWorkingDay() {
        // When it opens on Saturday 7 March 2026 (no make-up day), or during the Spring Festival holiday
        List<Reminder> saturday = schedule.reminders(deadline, at(2026, 3, 7, 15, 0));
        List<Reminder> holiday = schedule.reminders(deadline, at(2026, 2, 18, 11, 0));

        // Then the first overdue reminder goes out at 09:00 on the next working day
        assertThat(saturday.get(0).at()).isEqualTo(at(2026, 3, 9, 9, 0));
        assertThat(holiday.get(0).at()).isEqualTo(at(2026, 2, 24, 9, 0));
        assertThat(holiday).hasSize(5);
    }

    @Test
    void aTaskThatOpensBeforeItsDeadlineGetsTheRemindersAheadOfIt() {
        // When it opens on 11 February, between the 3-day and the 1-day reminder
        Date opened = at(2026, 2, 11, 14, 0);
        String description = schedule.cycle(deadline) + ReminderSchedule.OPENED_SEPARATOR + opened.toInstant()
                + ReminderSchedule.FIRST;
        ClockUtil.setCurrentTime(opened);

        // Then the timer's first due date is the 1-day reminder, and the plan is the usual one
        assertThat(cycle.resolveDuedate(description)).isEqualTo(at(2026, 2, 12, 9, 0));
        assertThat(schedule.reminders(deadline, opened)).isEqualTo(schedule.reminders(deadline));
    }

    @Test
    void theCycleOfATaskOpenedLateIsDueAtItsOpening() {
        // Given a task opened at 10:20 on 5 March, when the engine creates its reminder timer
        Date opened = at(2026, 3, 5, 10, 20);
        String later = schedule.cycle(deadline) + ReminderSchedule.OPENED_SEPARATOR + opened.toInstant();
        ClockUtil.setCurrentTime(opened);

        // Then the timer is due at once; when it has fired (even within the same millisecond), the next one is the
        // next working day's
        assertThat(cycle.resolveDuedate(later + ReminderSchedule.FIRST)).isEqualTo(opened);
        assertThat(cycle.resolveDuedate(later, (Date) null, 0)).isEqualTo(at(2026, 3, 6, 9, 0));
    }

    @Test
    void aReminderFiredLateIsStillTheOneThatWasDue() {
        // When the reminder step runs at 09:05 on 12 February (retried a few minutes late)
        // Then it is the 1-working-day reminder; before the first reminder there is none
        assertThat(schedule.classify(deadline, at(2026, 2, 12, 9, 5))).get()
                .satisfies(r -> assertThat(r.kind()).isEqualTo(ReminderKind.BEFORE))
                .satisfies(r -> assertThat(r.workingDays()).isEqualTo(1));
        assertThat(schedule.classify(deadline, at(2026, 2, 24, 10, 0))).get()
                .satisfies(r -> assertThat(r.slot()).isEqualTo("OVERDUE-2"));
        assertThat(schedule.classify(deadline, at(2026, 2, 1, 9, 0))).isEmpty();
    }

    @Test
    void theCycleCalendarGivesTheNextReminderAfterNowAndRestsAfterTheLast() {
        String description = schedule.cycle(deadline);

        // Given the engine clock on 1 February, the timer's first due date is the first reminder
        ClockUtil.setCurrentTime(at(2026, 2, 1, 8, 0));
        assertThat(cycle.resolveDuedate(description)).isEqualTo(at(2026, 2, 10, 9, 0));

        // When it fires (the engine asks at the firing time), the next one is the 1-day reminder
        ClockUtil.setCurrentTime(at(2026, 2, 10, 9, 0));
        assertThat(cycle.resolveDuedate(description, (Date) null, 0)).isEqualTo(at(2026, 2, 12, 9, 0));

        // And after the last overdue reminder the timer rests for years (until the task ends)
        ClockUtil.setCurrentTime(at(2026, 2, 27, 9, 0));
        assertThat(cycle.resolveDuedate(description, (Date) null, 0)).isAfter(at(2030, 1, 1, 0, 0));
    }

    @Test
    void otherCyclesAreCamundasOwn() {
        ClockUtil.setCurrentTime(at(2026, 3, 2, 8, 0));

        assertThat(cycle.resolveDuedate("R3/PT1H")).isEqualTo(at(2026, 3, 2, 9, 0));
    }

    private static Date at(int y, int m, int d, int h, int min) {
        return Date.from(LocalDateTime.of(y, m, d, h, min).atZone(ZONE).toInstant());
    }
}
