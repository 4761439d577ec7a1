package cn.fazhi.annualreport.notification;

import cn.fazhi.annualreport.calendar.WorkingDayCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * When reminders go out, on China's working-day calendar: a configured number of working days before the due date
 * (default 3 and 1), on the due date, then every working day while overdue up to a maximum — each at the reminder
 * hour. The BPMN's reminder timers are cycles {@code ${reminderSchedule.cycle(deadlineX)}} that the engine resolves
 * through {@link ReminderCycleCalendar}; the reminder step asks {@link #classify} which reminder is due.
 */
@Component("reminderSchedule")
public class ReminderSchedule {

    /** The cycle notation the reminder timers carry: the prefix and the deadline as an ISO instant. */
    static final String CYCLE_PREFIX = "reminders:";

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final WorkingDayCalendar calendar;
    private final NotificationProperties properties;

    ReminderSchedule(WorkingDayCalendar calendar, NotificationProperties properties) {
        this.calendar = calendar;
        this.properties = properties;
    }

    /** The timer cycle of a task due at the deadline (for camunda:timeCycle). */
    public String cycle(Date deadline) {
        return CYCLE_PREFIX + deadline.toInstant();
    }

    /** The deadline a cycle notation carries, if it is one of ours. */
    static Optional<Date> deadlineOf(String cycle) {
        if (cycle == null || !cycle.startsWith(CYCLE_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Date.from(Instant.parse(cycle.substring(CYCLE_PREFIX.length()).trim())));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Reminder cycle '" + cycle + "' does not carry an ISO instant", e);
        }
    }

    /** Every reminder time of a deadline, in order. */
    public List<Reminder> reminders(Date deadline) {
        LocalDate due = deadline.toInstant().atZone(ZONE).toLocalDate();
        NotificationProperties.Reminder r = properties.reminder();
        List<Reminder> out = new ArrayList<>();
        r.beforeWorkingDays().stream().filter(n -> n > 0).sorted((a, b) -> b - a).distinct().forEach(n ->
                out.add(new Reminder(ReminderKind.BEFORE, at(calendar.addWorkingDays(due, -n)), n)));
        LocalDate dueWorkingDay = calendar.isWorkingDay(due) ? due : calendar.lastWorkingDayOnOrBefore(due);
        if (r.onDueDate()) {
            out.add(new Reminder(ReminderKind.DUE_TODAY, at(dueWorkingDay), 0));
        }
        for (int k = 1; k <= r.maxOverdueReminders(); k++) {
            out.add(new Reminder(ReminderKind.OVERDUE, at(calendar.addWorkingDays(dueWorkingDay, k)), k));
        }
        return out;
    }

    /** The first reminder strictly after the given instant; empty when all have passed. */
    public Optional<Reminder> next(Date deadline, Date after) {
        return reminders(deadline).stream().filter(x -> x.at().after(after)).findFirst();
    }

    /**
     * Which reminder is due at the given instant: the latest one not after it (a reminder fired a little late is still
     * itself). Empty before the first reminder.
     */
    public Optional<Reminder> classify(Date deadline, Date now) {
        Reminder current = null;
        for (Reminder x : reminders(deadline)) {
            if (!x.at().after(now)) {
                current = x;
            }
        }
        return Optional.ofNullable(current);
    }

    private Date at(LocalDate day) {
        return Date.from(day.atTime(properties.reminder().reminderHour()).atZone(ZONE).toInstant());
    }

    /** The kinds of reminder. */
    public enum ReminderKind { BEFORE, DUE_TODAY, OVERDUE }

    /**
     * One reminder: its kind, when it goes out, and its working days (before the due date for BEFORE, overdue for
     * OVERDUE).
     */
    public record Reminder(ReminderKind kind, Date at, int workingDays) {

        /** A stable key of this reminder for one task, e.g. "BEFORE-3", "DUE_TODAY-0", "OVERDUE-2". */
        public String slot() {
            return kind + "-" + workingDays;
        }
    }
}
