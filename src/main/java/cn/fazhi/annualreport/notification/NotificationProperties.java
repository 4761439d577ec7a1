package cn.fazhi.annualreport.notification;

import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** When reminders go out and who sends them; the base URL makes the Tasklist links in mails. */
@ConfigurationProperties("report")
public record NotificationProperties(String baseUrl, Reminder reminder) {

    public NotificationProperties {
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = "http://localhost:8080";
        }
        if (reminder == null) {
            reminder = new Reminder(null, null, null, null, null);
        }
    }

    /**
     * Reminders go out these many working days before the due date, on the due date (if on), then every working day
     * while overdue up to the maximum — always at the reminder hour; overdue reminders are escalations.
     */
    public record Reminder(List<Integer> beforeWorkingDays, Boolean onDueDate, Integer maxOverdueReminders,
                    LocalTime reminderHour, String from) {

        public Reminder {
            beforeWorkingDays = beforeWorkingDays == null ? List.of(3, 1) : List.copyOf(beforeWorkingDays);
            onDueDate = onDueDate == null || onDueDate;
            maxOverdueReminders = maxOverdueReminders == null ? 5 : maxOverdueReminders;
            reminderHour = reminderHour == null ? LocalTime.of(9, 0) : reminderHour;
            from = from == null ? "noreply@example.org" : from;
        }
    }
}
