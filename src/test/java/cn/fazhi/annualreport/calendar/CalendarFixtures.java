package cn.fazhi.annualreport.calendar;

import org.springframework.core.io.ClassPathResource;

/**
 * Test fixture: the working-day calendar built from the shipped holiday file, for tests in other packages
 * (the calendar's constructor is package-private). Not a test class itself.
 */
public final class CalendarFixtures {

    private static final WorkingDayCalendar OFFICIAL =
            new WorkingDayCalendar(new CalendarProperties(new ClassPathResource("calendar/cn-holidays.yaml")));

    private CalendarFixtures() {
    }

    /** The calendar of src/main/resources/calendar/cn-holidays.yaml (2024–2026 official arrangements). */
    public static WorkingDayCalendar officialCalendar() {
        return OFFICIAL;
    }
}
