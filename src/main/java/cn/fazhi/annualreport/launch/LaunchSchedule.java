package cn.fazhi.annualreport.launch;

import cn.fazhi.annualreport.calendar.WorkingDayCalendar;
import cn.fazhi.annualreport.shared.Beijing;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * When the yearly launch fires on China's working-day calendar — the configured day (default the first working day of
 * January) at the configured time in Asia/Shanghai — public because the BPMN timer calls {@link #cycle()}.
 */
@Component("annualLaunchSchedule")
public final class LaunchSchedule {

    private final WorkingDayCalendar calendar;
    private final LaunchProperties properties;

    LaunchSchedule(WorkingDayCalendar calendar, LaunchProperties properties) {
        this.calendar = calendar;
        this.properties = properties;
    }

    /**
     * The timer cycle of {@code StartEvent_Yearly}: an ISO 8601 repeating interval that starts at the next launch
     * moment after now (the engine clock), e.g. {@code R/2027-01-04T09:00:00+08:00/P1Y}. The engine evaluates it at
     * deployment and again each time the timer fires (reevaluateTimeCycleWhenDue), so every year's moment comes from
     * the calendar in force; P1Y is only the fallback should the re-evaluation ever be switched off.
     */
    public String cycle() {
        return cycle(Beijing.now());
    }

    String cycle(Instant now) {
        return "R/" + nextAfter(now).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "/P1Y";
    }

    /** The first launch moment strictly after the instant. */
    ZonedDateTime nextAfter(Instant now) {
        int year = now.atZone(Beijing.ZONE).getYear();
        ZonedDateTime moment = momentOf(year);
        return moment.toInstant().isAfter(now) ? moment : momentOf(year + 1);
    }

    /** The launch moment in the calendar year (which launches the previous year's reports). */
    ZonedDateTime momentOf(int year) {
        return launchDay(year).atTime(properties.time()).atZone(Beijing.ZONE);
    }

    /**
     * The launch day in the calendar year: the first working day of January — never 1 January, New Year's Day, a
     * statutory holiday every year even before the State Council's notice for that year is in the holiday file — or
     * the configured month-day, moved to the next working day when it is none.
     */
    LocalDate launchDay(int year) {
        MonthDay monthDay = properties.monthDay();
        LocalDate day = monthDay == null ? LocalDate.of(year, 1, 2) : monthDay.atYear(year);
        while (!calendar.isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** The reporting year a timer launch at the instant starts: the previous calendar year in China. */
    static int reportingYearOf(Instant firedAt) {
        return firedAt.atZone(Beijing.ZONE).getYear() - 1;
    }
}
