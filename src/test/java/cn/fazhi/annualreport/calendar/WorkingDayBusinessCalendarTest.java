package cn.fazhi.annualreport.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * The engine's business calendars without an engine: "&lt;n&gt;WD" on the working-day calendar, everything else as
 * Camunda has it, and the cycle calendar taken from the application context when it has one.
 * (The same with a real engine and BPMN: {@link WorkingDayBpmnTest}.)
 */
class WorkingDayBusinessCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    private MapBusinessCalendarManager manager;

    @BeforeEach
    void theCalendarsOfThePlugin() {
        WorkingDayBusinessCalendarPlugin plugin = new WorkingDayBusinessCalendarPlugin(
                CalendarFixtures.officialCalendar(), beans.getBeanProvider(CycleBusinessCalendar.class));
        manager = plugin.businessCalendarManager();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private static Date at(String shanghai) {
        return Date.from(LocalDateTime.parse(shanghai).atZone(SHANGHAI).toInstant());
    }

    private static void clockAt(String shanghai) {
        ClockUtil.setCurrentTime(at(shanghai));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            // Friday 13 Feb 2026: +1 = the make-up Saturday 14 Feb; 15–23 Feb off; then Tue 24 … Fri 27, make-up Sat 28
            "2026-02-13T10:00, 1WD, 2026-02-14T10:00",
            "2026-02-13T10:00, 2WD, 2026-02-24T10:00",
            "2026-02-13T10:00, 5WD, 2026-02-27T10:00",
            "2026-02-13T10:00, 6WD, 2026-02-28T10:00",
            // National Day 2025: Tue 30 Sep over 1–8 Oct to Thu 9 Oct, the same minute of the day
            "2025-09-30T16:45, 1WD, 2025-10-09T16:45",
            // a Sunday start: the first working day after it
            "2026-03-15T08:00, 1WD, 2026-03-16T08:00",
            // written loosely
            "2026-03-11T09:30, ' 3 wd ', 2026-03-16T09:30",
            "2026-03-11T09:30, 0WD, 2026-03-11T09:30"
    })
    void dueDatesInWorkingDaysCountFromTheEngineClock(String now, String dueDate, String expected) {
        // Given the engine clock
        clockAt(now);

        // When a user task's due date is resolved by the "dueDate" calendar
        Date due = manager.getBusinessCalendar("dueDate").resolveDuedate(dueDate);

        // Then it is that many working days later at the same time of day
        assertThat(due).isEqualTo(at(expected));
    }

    @Test
    void durationsInWorkingDaysCountFromTheTimersStart() {
        // Given a timer created on Friday 13 Feb 2026 17:30, resolved later
        clockAt("2026-03-01T00:00");
        BusinessCalendar duration = manager.getBusinessCalendar("duration");

        // When "2WD" is resolved against the timer's start, and against now
        Date fromStart = duration.resolveDuedate("2WD", at("2026-02-13T17:30"));
        Date fromNow = duration.resolveDuedate("2WD");

        // Then the start counts when given, the clock otherwise (Sun 1 Mar → Mon 2, Tue 3 Mar)
        assertThat(fromStart).isEqualTo(at("2026-02-24T17:30"));
        assertThat(fromNow).isEqualTo(at("2026-03-03T00:00"));
    }

    @Test
    void isoDurationsAndDatesKeepCamundasMeaning() {
        // Given the engine clock on the eve of Spring Festival
        clockAt("2026-02-13T10:00");

        // When ISO durations and a date are resolved
        Date dueInOneDay = manager.getBusinessCalendar("dueDate").resolveDuedate("P1D");
        Date dueAt = manager.getBusinessCalendar("dueDate").resolveDuedate("2026-03-31T17:30:00");
        Date timerInOneHour = manager.getBusinessCalendar("duration").resolveDuedate("PT1H");

        // Then they are calendar time, holidays or not
        assertThat(dueInOneDay).isEqualTo(at("2026-02-14T10:00"));
        assertThat(dueAt).isEqualTo(at("2026-03-31T17:30"));
        assertThat(timerInOneHour).isEqualTo(at("2026-02-13T11:00"));
    }

    @Test
    void anAbsurdNumberOfWorkingDaysIsRefused() {
        // When / Then more than ten years of working days are refused like any unresolvable due date
        assertThatThrownBy(() -> manager.getBusinessCalendar("dueDate").resolveDuedate("99999WD"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("99999WD");
    }

    @Test
    void withoutACycleCalendarBeanTheCycleCalendarIsCamundas() {
        // Given no CycleBusinessCalendar bean
        // When the engine asks for the cycle calendar (it casts it to CycleBusinessCalendar when repeating timers)
        BusinessCalendar cycle = manager.getBusinessCalendar("cycle");
        clockAt("2026-03-11T09:00");

        // Then it is a CycleBusinessCalendar answering ISO cycles as Camunda does
        assertThat(cycle).isInstanceOf(CycleBusinessCalendar.class);
        assertThat(((ConfiguredCycleBusinessCalendar) cycle).delegate().getClass()).isEqualTo(CycleBusinessCalendar.class);
        assertThat(cycle.resolveDuedate("R3/PT2H")).isEqualTo(at("2026-03-11T11:00"));
    }

    @Test
    void theApplicationsCycleCalendarBeanAnswersCycles() {
        // Given a context with its own cycle calendar (as the reminders supply one)
        Date fixed = at("2026-03-20T09:00");
        CycleBusinessCalendar reminders = new CycleBusinessCalendar() {
            @Override
            public Date resolveDuedate(String description, Date startDate, long repeatOffset) {
                return "reminders:deadlineFiling".equals(description) ? fixed
                        : super.resolveDuedate(description, startDate, repeatOffset);
            }
        };
        beans.registerSingleton("reminderCycleCalendar", reminders);

        // When the engine resolves a cycle, including the repeat with offset of a firing timer
        CycleBusinessCalendar cycle = (CycleBusinessCalendar) manager.getBusinessCalendar("cycle");

        // Then the bean answers
        assertThat(((ConfiguredCycleBusinessCalendar) cycle).delegate()).isSameAs(reminders);
        assertThat(cycle.resolveDuedate("reminders:deadlineFiling", null, 0L)).isEqualTo(fixed);
        assertThat(cycle.resolveDuedate("reminders:deadlineFiling", (Date) null)).isEqualTo(fixed);
    }
}
