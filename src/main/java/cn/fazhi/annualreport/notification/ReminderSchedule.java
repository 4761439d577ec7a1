package cn.fazhi.annualreport.notification;

import cn.fazhi.annualreport.calendar.WorkingDayCalendar;
import cn.fazhi.annualreport.deadline.DeclaredDeadline;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * When reminders go out, on China's working-day calendar: a configured number of working days before the due date
 * (default 3 and 1), on the due date, then every working day while overdue up to a maximum — each at the reminder
 * hour. A task that opens after its deadline is chased from its opening: its first overdue reminder (with the
 * 逾期督办 of the leaders and the supervising office) goes out at once — at the next working day's reminder hour if it
 * opens on a day off — and the rest of the maximum on the following working days. A user task's reminder timer is
 * the cycle {@code ${reminderSchedule.forTask(execution)}} of its timeout listener (earlier process versions: a
 * boundary timer {@code ${reminderSchedule.cycle(deadlineX, execution)}}), which the engine resolves through
 * {@link ReminderCycleCalendar}; the reminder asks {@link #classify} which reminder is due.
 */
@Component("reminderSchedule")
public class ReminderSchedule {

    /** The cycle notation the reminder timers carry: the prefix and the deadline as an ISO instant. */
    static final String CYCLE_PREFIX = "reminders:";
    /** Between the deadline and the task's opening in a cycle notation. */
    static final String OPENED_SEPARATOR = "|opened:";
    /** At the end of the notation while the engine creates the timer. */
    static final String FIRST = "|first";
    /** The local variable of a reminder timer's execution that keeps when its task opened. */
    public static final String VAR_OPENED = "reminderTaskOpenedAt";

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final WorkingDayCalendar calendar;
    private final NotificationProperties properties;

    ReminderSchedule(WorkingDayCalendar calendar, NotificationProperties properties) {
        this.calendar = calendar;
        this.properties = properties;
    }

    /**
     * The timer cycle of a task due at the deadline (for camunda:timeCycle), without its opening: the reminders of a
     * task that opened before its deadline. Kept for running cases of earlier process versions.
     */
    public String cycle(Date deadline) {
        return CYCLE_PREFIX + deadline.toInstant();
    }

    /**
     * The timer cycle of the task (or multi-instance tasks) in the timer's execution, due at the deadline: it carries
     * when the task opened — the moment the engine first asks, while it creates the timer with the task, kept as the
     * execution's local variable {@value #VAR_OPENED} for the engine's later evaluations — and, that first time, that
     * the first reminder of a task opened late is due at once.
     */
    public String cycle(Date deadline, DelegateExecution execution) {
        if (execution == null) {
            return cycle(deadline);
        }
        Object kept = execution.getVariableLocal(VAR_OPENED);
        boolean first = !(kept instanceof Date);
        Date opened = first ? ClockUtil.getCurrentTime() : (Date) kept;
        if (first) {
            execution.setVariableLocal(VAR_OPENED, opened);
        }
        return cycle(deadline) + OPENED_SEPARATOR + opened.toInstant() + (first ? FIRST : "");
    }

    /**
     * The timer cycle of a user task's reminders ({@code ${reminderSchedule.forTask(execution)}} in the task's timeout
     * listener): the deadline is the one the task's due date declares in the deployed diagram
     * ({@code camunda:dueDate="${deadlineX}"}), read again each time the engine re-evaluates the cycle, so a re-planned
     * deadline moves the reminders with it.
     */
    public String forTask(DelegateExecution execution) {
        FlowElement element = execution.getBpmnModelElementInstance();
        DeclaredDeadline declared = DeclaredDeadline.of(element instanceof UserTask task ? task : null)
                .orElseThrow(() -> new IllegalStateException("The reminders of " + execution.getCurrentActivityId()
                        + " need a due date naming a case deadline (camunda:dueDate=\"${deadlineX}\")"));
        Object deadline = execution.getVariable(declared.variable());
        if (!(deadline instanceof Date due)) {
            throw new IllegalStateException("The case has no deadline " + declared.variable() + " for the reminders of "
                    + execution.getCurrentActivityId());
        }
        return cycle(due, execution);
    }

    /**
     * A cycle of ours: the deadline, when the task opened if the cycle says so, and whether the engine is creating the
     * timer (its first due date may be the opening itself) rather than moving it on after it fired.
     */
    record Cycle(Date deadline, Date opened, boolean first) {
    }

    /** The deadline and opening a cycle notation carries, if it is one of ours. */
    static Optional<Cycle> parse(String cycle) {
        if (cycle == null || !cycle.startsWith(CYCLE_PREFIX)) {
            return Optional.empty();
        }
        String notation = cycle.substring(CYCLE_PREFIX.length()).trim();
        boolean first = notation.endsWith(FIRST);
        String[] parts = (first ? notation.substring(0, notation.length() - FIRST.length()) : notation)
                .split(java.util.regex.Pattern.quote(OPENED_SEPARATOR));
        try {
            return Optional.of(new Cycle(Date.from(Instant.parse(parts[0].trim())),
                    parts.length > 1 ? Date.from(Instant.parse(parts[1].trim())) : null, first));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Reminder cycle '" + cycle + "' does not carry ISO instants", e);
        }
    }

    /** Every reminder time of a deadline, in order, for a task that opened before it. */
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

    /**
     * Every reminder time of a task due at the deadline that opened at the given time (null: before its deadline). A
     * task that opened after its deadline gets the maximum of overdue reminders counted from its opening: the first at
     * its opening on a working day (else at the next working day's reminder hour), the others on the following working
     * days at the reminder hour.
     */
    public List<Reminder> reminders(Date deadline, Date opened) {
        if (opened == null || !opened.after(deadline)) {
            return reminders(deadline);
        }
        LocalDate openedDay = opened.toInstant().atZone(ZONE).toLocalDate();
        LocalDate firstDay = calendar.isWorkingDay(openedDay) ? openedDay : calendar.addWorkingDays(openedDay, 1);
        List<Reminder> out = new ArrayList<>();
        int max = Math.max(1, properties.reminder().maxOverdueReminders());
        out.add(new Reminder(ReminderKind.OVERDUE, firstDay.equals(openedDay) ? opened : at(firstDay), 1));
        for (int k = 2; k <= max; k++) {
            out.add(new Reminder(ReminderKind.OVERDUE, at(calendar.addWorkingDays(firstDay, k - 1)), k));
        }
        return out;
    }

    /** The first reminder strictly after the given instant; empty when all have passed. */
    public Optional<Reminder> next(Date deadline, Date after) {
        return next(deadline, null, after);
    }

    /** The first reminder of a task that opened at {@code opened} strictly after the given instant. */
    public Optional<Reminder> next(Date deadline, Date opened, Date after) {
        return reminders(deadline, opened).stream().filter(x -> x.at().after(after)).findFirst();
    }

    /**
     * Which reminder is due at the given instant: the latest one not after it (a reminder fired a little late is still
     * itself). Empty before the first reminder.
     */
    public Optional<Reminder> classify(Date deadline, Date now) {
        return classify(deadline, null, now);
    }

    /** Which reminder of a task that opened at {@code opened} is due at the given instant. */
    public Optional<Reminder> classify(Date deadline, Date opened, Date now) {
        Reminder current = null;
        for (Reminder x : reminders(deadline, opened)) {
            if (!x.at().after(now)) {
                current = x;
            }
        }
        return Optional.ofNullable(current);
    }

    /** How many working days the deadline lies behind the instant (0 while it is not overdue). */
    public int workingDaysOverdue(Date deadline, Date now) {
        LocalDate due = deadline.toInstant().atZone(ZONE).toLocalDate();
        LocalDate today = now.toInstant().atZone(ZONE).toLocalDate();
        return !now.after(deadline) || !today.isAfter(due) ? 0 : calendar.workingDaysBetween(due, today);
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
