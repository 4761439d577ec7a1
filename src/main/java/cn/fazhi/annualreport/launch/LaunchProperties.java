package cn.fazhi.annualreport.launch;

import java.time.Duration;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The yearly launch's configuration ({@code report.launch.*}): whether the timer launches, on which day of the year
 * ("first-working-day" of January, or a month-day such as "--01-10": that day or the next working day) and at what
 * time in China; how long {@code POST /api/launches} waits for the cases before it answers 202; and how long after a
 * missed launch moment the application still catches the launch up when it starts.
 */
@ConfigurationProperties("report.launch")
record LaunchProperties(Boolean enabled, String day, LocalTime time, Duration answerWithin, Duration catchUp) {

    static final String FIRST_WORKING_DAY = "first-working-day";

    LaunchProperties {
        enabled = enabled == null || enabled;
        day = day == null || day.isBlank() ? FIRST_WORKING_DAY : day.trim();
        time = time == null ? LocalTime.of(9, 0) : time;
        answerWithin = answerWithin == null ? Duration.ofSeconds(3) : answerWithin;
        catchUp = catchUp == null ? Duration.ofDays(7) : catchUp;
        if (!FIRST_WORKING_DAY.equals(day)) {
            MonthDay monthDay;
            try {
                monthDay = MonthDay.parse(day);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("report.launch.day must be '" + FIRST_WORKING_DAY
                        + "' or a month-day such as '--01-10', not '" + day + "'", e);
            }
            if (monthDay.getMonthValue() > 3) {
                throw new IllegalArgumentException("report.launch.day must lie in January to March (the reports are"
                        + " published by 31 March), not '" + day + "'");
            }
        }
        if (answerWithin.isNegative() || answerWithin.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("report.launch.answer-within must lie between PT0S and PT1M, not "
                    + answerWithin);
        }
        if (catchUp.isNegative() || catchUp.compareTo(Duration.ofDays(60)) > 0) {
            throw new IllegalArgumentException("report.launch.catch-up must lie between PT0S and P60D, not " + catchUp);
        }
    }

    /** The configured month-day, or null for the first working day of January. */
    MonthDay monthDay() {
        return FIRST_WORKING_DAY.equals(day) ? null : MonthDay.parse(day);
    }
}
