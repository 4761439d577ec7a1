package cn.fazhi.annualreport.notification;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** When reminders go out and who sends them; the base URL makes the Tasklist links in mails. */
@ConfigurationProperties("report")
record NotificationProperties(String baseUrl, Reminder reminder) {

    NotificationProperties {
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = "http://localhost:8080";
        }
        if (reminder == null) {
            reminder = new Reminder(3, LocalTime.of(9, 0), "noreply@example.org");
        }
    }

    /** The first reminder lies this many working days before the due date, at this hour. */
    record Reminder(int firstReminderWorkingDaysBefore, LocalTime reminderHour, String from) {
    }
}
