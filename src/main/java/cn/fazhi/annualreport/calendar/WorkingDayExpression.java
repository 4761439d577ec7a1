package cn.fazhi.annualreport.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The working-day notation of due dates and timers in BPMN: {@code <n>WD} ("5WD") is n working days after the start
 * (the engine's now, {@link ClockUtil}), at the same time of day in Asia/Shanghai. The start day itself is not
 * counted, so "1WD" on a Friday is the next Monday (or a make-up Saturday), and "0WD" is now.
 */
final class WorkingDayExpression {

    private static final Pattern WORKING_DAYS = Pattern.compile("\\s*(\\d+)\\s*WD\\s*", Pattern.CASE_INSENSITIVE);

    private final WorkingDayCalendar calendar;
    private final ZoneId zone;

    WorkingDayExpression(WorkingDayCalendar calendar, ZoneId zone) {
        this.calendar = calendar;
        this.zone = zone;
    }

    /** The number of working days when the text is in the working-day notation; empty for anything else. */
    static OptionalInt workingDays(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        Matcher m = WORKING_DAYS.matcher(text);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        String digits = m.group(1);
        if (digits.length() > 4 || Integer.parseInt(digits) > WorkingDayCalendar.MAX_OFFSET_DAYS) {
            throw new ProcessEngineException("couldn't resolve duedate '" + text + "': at most "
                    + WorkingDayCalendar.MAX_OFFSET_DAYS + " working days");
        }
        return OptionalInt.of(Integer.parseInt(digits));
    }

    /** {@code days} working days after {@code start} (the engine's now when null), at the same time of day. */
    Date after(int days, Date start) {
        Date from = start != null ? start : ClockUtil.getCurrentTime();
        ZonedDateTime zoned = from.toInstant().atZone(zone);
        LocalDate day = calendar.addWorkingDays(zoned.toLocalDate(), days);
        return Date.from(day.atTime(zoned.toLocalTime()).atZone(zone).toInstant());
    }
}
