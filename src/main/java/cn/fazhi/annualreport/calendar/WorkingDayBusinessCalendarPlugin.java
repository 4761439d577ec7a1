package cn.fazhi.annualreport.calendar;

import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Registers the working-day calendar with the engine, so that BPMN due dates and timers can be written in working
 * days: {@code camunda:dueDate="5WD"}, {@code <timeDuration>3WD</timeDuration>}, or an expression answering such a
 * text. "dueDate" and "duration" understand {@code <n>WD} and otherwise behave as Camunda's own; "cycle" is the
 * application's {@link CycleBusinessCalendar} bean if there is one, else Camunda's.
 */
@Component
class WorkingDayBusinessCalendarPlugin extends AbstractProcessEnginePlugin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(WorkingDayBusinessCalendarPlugin.class);

    private final WorkingDayExpression expression;
    private final ConfiguredCycleBusinessCalendar cycle;

    WorkingDayBusinessCalendarPlugin(WorkingDayCalendar calendar, ObjectProvider<CycleBusinessCalendar> cycleCalendars) {
        this.expression = new WorkingDayExpression(calendar, calendar.zone());
        this.cycle = new ConfiguredCycleBusinessCalendar(cycleCalendars);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setBusinessCalendarManager(businessCalendarManager());
    }

    MapBusinessCalendarManager businessCalendarManager() {
        MapBusinessCalendarManager manager = new MapBusinessCalendarManager();
        manager.addBusinessCalendar(DueDateBusinessCalendar.NAME, new WorkingDayDueDateCalendar(expression));
        manager.addBusinessCalendar(DurationBusinessCalendar.NAME, new WorkingDayDurationCalendar(expression));
        manager.addBusinessCalendar(CycleBusinessCalendar.NAME, cycle);
        return manager;
    }

    /** Looks the cycle calendar up once every bean exists, so that a second candidate shows at start-up. */
    @Override
    public void afterSingletonsInstantiated() {
        log.info("Engine business calendars: dueDate and duration in working days (<n>WD), cycle {}",
                cycle.delegate().getClass().getName());
    }
}
