package cn.fazhi.annualreport.calendar;

import java.util.Date;
import java.util.OptionalInt;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.task.Task;

/**
 * The engine's "dueDate" calendar (camunda:dueDate of user tasks, timeDate of timers): "5WD" is five working days
 * from now; ISO 8601 durations ("P3D") and dates ("2026-03-31T17:30:00") keep Camunda's meaning.
 */
class WorkingDayDueDateCalendar extends DueDateBusinessCalendar {

    private final WorkingDayExpression expression;

    WorkingDayDueDateCalendar(WorkingDayExpression expression) {
        this.expression = expression;
    }

    @Override
    public Date resolveDuedate(String duedate) {
        OptionalInt days = WorkingDayExpression.workingDays(duedate);
        return days.isPresent() ? expression.after(days.getAsInt(), null) : super.resolveDuedate(duedate);
    }

    @Override
    public Date resolveDuedate(String duedate, Task task) {
        OptionalInt days = WorkingDayExpression.workingDays(duedate);
        return days.isPresent() ? expression.after(days.getAsInt(), null) : super.resolveDuedate(duedate, task);
    }

    @Override
    public Date resolveDuedate(String duedate, Date startDate) {
        OptionalInt days = WorkingDayExpression.workingDays(duedate);
        return days.isPresent() ? expression.after(days.getAsInt(), startDate)
                : super.resolveDuedate(duedate, startDate);
    }
}
