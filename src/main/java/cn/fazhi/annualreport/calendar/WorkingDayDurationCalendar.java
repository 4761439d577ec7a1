package cn.fazhi.annualreport.calendar;

import java.util.Date;
import java.util.OptionalInt;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.task.Task;

/**
 * The engine's "duration" calendar (timeDuration of timers): "3WD" is three working days after the timer starts;
 * ISO 8601 durations ("PT1H", "P1D") keep Camunda's meaning.
 */
class WorkingDayDurationCalendar extends DurationBusinessCalendar {

    private final WorkingDayExpression expression;

    WorkingDayDurationCalendar(WorkingDayExpression expression) {
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
