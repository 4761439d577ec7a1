package cn.fazhi.annualreport.notification;

import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The engine's cycle calendar, extended by the reminder cycles of the BPMN ({@code reminders:<deadline>|opened:<time>}):
 * each time
 * a reminder timer fires, the engine asks for the next due date, which is the next working-day reminder of
 * {@link ReminderSchedule}. After the last overdue reminder the timer rests until the task ends. Every other cycle
 * (ISO repeating intervals, cron) is Camunda's own.
 */
@Component
class ReminderCycleCalendar extends CycleBusinessCalendar {

    /** Where a timer rests when every reminder of its task has gone out. */
    static final long RESTING_YEARS = 10;

    private final ReminderSchedule schedule;

    ReminderCycleCalendar(ReminderSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public Date resolveDuedate(String description, Date startDate, long repeatOffset) {
        Optional<ReminderSchedule.Cycle> cycle = ReminderSchedule.parse(description);
        if (cycle.isEmpty()) {
            return super.resolveDuedate(description, startDate, repeatOffset);
        }
        Date after = startDate != null ? startDate : ClockUtil.getCurrentTime();
        Date deadline = cycle.get().deadline();
        Date opened = cycle.get().opened();
        // while the timer is created, the first overdue reminder of a task that opens late is due at its opening
        boolean openedLate = opened != null && opened.after(deadline);
        Date since = cycle.get().first() && openedLate ? new Date(after.getTime() - 1) : after;
        return schedule.next(deadline, opened, since)
                .map(ReminderSchedule.Reminder::at)
                .orElseGet(() -> Date.from(deadline.toInstant().plus(RESTING_YEARS * 365, ChronoUnit.DAYS)));
    }

    @Override
    public Date resolveDuedate(String description, Date startDate) {
        return resolveDuedate(description, startDate, 0);
    }

    @Override
    public Date resolveDuedate(String description) {
        return resolveDuedate(description, (Date) null, 0);
    }

    @Override
    public Date resolveDuedate(String description, Task task) {
        return resolveDuedate(description, (Date) null, 0);
    }
}
