package cn.fazhi.annualreport.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * China's working-day calendar: Monday to Friday, minus official holidays, plus weekend make-up days (调休).
 * A year without official data falls back to weekends only, and says so in the log.
 */
@Service
public class WorkingDayCalendar {

    private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

    private final Map<Integer, YearArrangement> years;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

    WorkingDayCalendar(CalendarProperties properties) {
        String name = properties.holidays().getDescription();
        try (InputStream in = properties.holidays().getInputStream()) {
            this.years = Map.copyOf(HolidayFileParser.parse(in, name));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read holiday file " + name, e);
        }
        log.info("Working-day calendar loaded from {}: years {}", name, years.keySet());
    }

    /** Whether official holiday data exists for the year. */
    public boolean hasDataFor(int year) {
        return years.containsKey(year);
    }

    public boolean isWorkingDay(LocalDate date) {
        YearArrangement year = years.get(date.getYear());
        if (year == null) {
            if (warnedYears.add(date.getYear())) {
                log.warn("No official holiday arrangement for {}: counting weekends only. Add it to the holiday file.",
                        date.getYear());
            }
        } else {
            if (year.holidays().contains(date)) {
                return false;
            }
            if (year.makeUpWorkdays().contains(date)) {
                return true;
            }
        }
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The date that lies {@code days} working days after {@code date} (before it when negative); the start day itself
     * is not counted. Zero answers the date itself.
     */
    public LocalDate addWorkingDays(LocalDate date, int days) {
        int step = days >= 0 ? 1 : -1;
        int remaining = Math.abs(days);
        LocalDate d = date;
        while (remaining > 0) {
            d = d.plusDays(step);
            if (isWorkingDay(d)) {
                remaining--;
            }
        }
        return d;
    }

    /** The last working day on or before the date: statutory deadlines never move later. */
    public LocalDate lastWorkingDayOnOrBefore(LocalDate date) {
        LocalDate d = date;
        while (!isWorkingDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** Working days in [from, to): negative when to lies before from. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }
}
