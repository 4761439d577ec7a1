package cn.fazhi.annualreport.calendar;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Published (synchronously, on the reloading thread) after every successful reload of the holiday file, by the admin
 * endpoint or because the file changed: the new calendar is already in force.
 *
 * @param years the years whose days off or make-up working days differ from the calendar in force before (added,
 *              removed or corrected years); empty when the file was reloaded without a change to any day. A change of
 *              a year's {@code source} text alone is not a change. Deadlines and timers that fall in these years may
 *              have to be re-planned. The initial load at start-up publishes no event.
 */
public record CalendarChanged(Set<Integer> years) {

    public CalendarChanged {
        years = Collections.unmodifiableSortedSet(new TreeSet<>(years));
    }
}
