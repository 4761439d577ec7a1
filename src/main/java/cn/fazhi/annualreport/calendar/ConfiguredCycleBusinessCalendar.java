package cn.fazhi.annualreport.calendar;

import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The engine's "cycle" calendar: the application's own {@link CycleBusinessCalendar} bean when there is one (e.g. the
 * reminders' cycle calendar), Camunda's default otherwise. It is itself a CycleBusinessCalendar because the engine
 * casts the "cycle" calendar to that type when it repeats a timer. The bean is looked up on first use (or once the
 * context is complete), not while the engine is being built, so it may depend on engine services.
 */
final class ConfiguredCycleBusinessCalendar extends CycleBusinessCalendar {

    private final ObjectProvider<CycleBusinessCalendar> beans;
    private volatile CycleBusinessCalendar delegate;

    ConfiguredCycleBusinessCalendar(ObjectProvider<CycleBusinessCalendar> beans) {
        this.beans = beans;
    }

    /** The calendar that answers: the application's bean, or Camunda's default. */
    CycleBusinessCalendar delegate() {
        CycleBusinessCalendar d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    CycleBusinessCalendar bean = beans.getIfAvailable();
                    d = bean != null ? bean : new CycleBusinessCalendar();
                    delegate = d;
                }
            }
        }
        return d;
    }

    @Override
    public Date resolveDuedate(String duedateDescription, Task task) {
        return delegate().resolveDuedate(duedateDescription, task);
    }

    @Override
    public Date resolveDuedate(String duedateDescription) {
        return delegate().resolveDuedate(duedateDescription);
    }

    @Override
    public Date resolveDuedate(String duedateDescription, Date startDate) {
        return delegate().resolveDuedate(duedateDescription, startDate);
    }

    @Override
    public Date resolveDuedate(String duedateDescription, Date startDate, long repeatOffset) {
        return delegate().resolveDuedate(duedateDescription, startDate, repeatOffset);
    }
}
