package cn.fazhi.annualreport.notification;

import cn.fazhi.annualreport.calendar.WorkingDayCalendar;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * When the reminder timers of the BPMN fire: {@code ${reminderSchedule.firstReminder(deadlineX)}} answers the
 * configured number of working days before the deadline, at the configured hour. A time already past makes the timer
 * fire at once, so a late-started or re-entered task reminds immediately.
 */
@Component("reminderSchedule")
public class ReminderSchedule {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final WorkingDayCalendar calendar;
    private final NotificationProperties properties;

    ReminderSchedule(WorkingDayCalendar calendar, NotificationProperties properties) {
        this.calendar = calendar;
        this.properties = properties;
    }

    public Date firstReminder(Date deadline) {
        LocalDate day = deadline.toInstant().atZone(ZONE).toLocalDate();
        LocalDate remindOn = calendar.addWorkingDays(day, -properties.reminder().firstReminderWorkingDaysBefore());
        return Date.from(remindOn.atTime(properties.reminder().reminderHour()).atZone(ZONE).toInstant());
    }
}
