package cn.fazhi.annualreport.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * China's working-day calendar: Monday to Friday, minus official holidays, plus weekend make-up days (调休).
 * A year without official data falls back to weekends only, and says so in the log (once per year), in the API
 * ({@code hasData}) and in the metrics ({@code report.calendar.years}, {@code report.calendar.missing.next.year}).
 *
 * <p>The data comes from the holiday file ({@code report.calendar.holidays}) and can be reloaded while the application
 * runs: {@link #reload()} (the admin endpoint) or {@link #reloadIfChanged()} (polled). A reload swaps the whole
 * calendar at once; each call of this class answers from one calendar, never a mix. A malformed file is refused with
 * its file, line and reason, and the calendar in force stays in force. A successful reload publishes
 * {@link CalendarChanged}.
 */
@Service
public class WorkingDayCalendar {

    /** The years the calendar answers for (file keys and API parameters). */
    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2100;
    /** The largest |offset| accepted by the API and by "&lt;n&gt;WD" in BPMN: ten years, far beyond any deadline. */
    static final int MAX_OFFSET_DAYS = 3660;

    private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

    private final Resource resource;
    private final String fileName;
    private final ZoneId zone;
    private final ApplicationEventPublisher events;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();
    private final Object reloadLock = new Object();
    /** lastModified of the file at the last load attempt (success or failure): a poll reloads only when it differs. */
    private volatile long lastModifiedSeen;
    private volatile LoadFailure lastFailure;
    private volatile boolean unreadableReported;

    /** A calendar without event publishing (tests, fixtures). */
    WorkingDayCalendar(CalendarProperties properties) {
        this(properties, event -> { });
    }

    /** Loads the file at once: a malformed or missing file stops the start-up (there is no calendar to keep). */
    @Autowired
    WorkingDayCalendar(CalendarProperties properties, ApplicationEventPublisher events) {
        this.resource = properties.holidays();
        this.fileName = displayName(resource);
        this.zone = properties.zone();
        this.events = events;
        this.lastModifiedSeen = lastModifiedOrZero();
        Loaded loaded = read();
        current.set(loaded);
        log.info("Working-day calendar loaded from {}: years {}", fileName, loaded.years().keySet());
        reportMissingYears(loaded);
    }

    // ---- the public calendar ----------------------------------------------------------------------------------

    /** Whether official holiday data exists for the year. */
    public boolean hasDataFor(int year) {
        return current.get().years().containsKey(year);
    }

    public boolean isWorkingDay(LocalDate date) {
        return isWorkingDay(current.get().years(), date);
    }

    /**
     * The date that lies {@code days} working days after {@code date} (before it when negative); the start day itself
     * is not counted. Zero answers the date itself.
     */
    public LocalDate addWorkingDays(LocalDate date, int days) {
        Map<Integer, YearArrangement> years = current.get().years();
        int step = days >= 0 ? 1 : -1;
        int remaining = Math.abs(days);
        LocalDate d = date;
        while (remaining > 0) {
            d = d.plusDays(step);
            if (isWorkingDay(years, d)) {
                remaining--;
            }
        }
        return d;
    }

    /** The last working day on or before the date: statutory deadlines never move later. */
    public LocalDate lastWorkingDayOnOrBefore(LocalDate date) {
        Map<Integer, YearArrangement> years = current.get().years();
        LocalDate d = date;
        while (!isWorkingDay(years, d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** Working days in [from, to): negative when to lies before from. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        Map<Integer, YearArrangement> years = current.get().years();
        int count = 0;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            if (isWorkingDay(years, d)) {
                count++;
            }
        }
        return count;
    }

    private boolean isWorkingDay(Map<Integer, YearArrangement> years, LocalDate date) {
        YearArrangement year = years.get(date.getYear());
        if (year == null) {
            if (warnedYears.add(date.getYear())) {
                log.warn("No official holiday arrangement for {}: counting weekends only. Add it to the holiday file {}.",
                        date.getYear(), fileName);
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

    // ---- the data in force (package API for the controller and the metrics) -------------------------------------

    /** The years with official data, ascending. */
    SortedSet<Integer> years() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(current.get().years().keySet()));
    }

    Optional<YearArrangement> arrangement(int year) {
        return Optional.ofNullable(current.get().years().get(year));
    }

    /** The holiday file, as shown in messages: "classpath:…" or the absolute path of a file. */
    String fileName() {
        return fileName;
    }

    Instant loadedAt() {
        return current.get().loadedAt();
    }

    /** The refusal of the last load attempt, empty when it succeeded. */
    Optional<LoadFailure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    ZoneId zone() {
        return zone;
    }

    // ---- reloading ------------------------------------------------------------------------------------------------

    /**
     * Reads the holiday file again and puts it in force, whether it changed or not, and publishes
     * {@link CalendarChanged} with the years whose days changed.
     *
     * @throws HolidayFileException when the file is malformed or unreadable; the calendar in force stays in force
     */
    Reloaded reload() {
        synchronized (reloadLock) {
            long modified = lastModifiedOrZero();
            Loaded next;
            try {
                next = read();
            } catch (HolidayFileException e) {
                lastModifiedSeen = modified;
                lastFailure = new LoadFailure(e, Instant.now());
                log.error("Holiday file refused, the calendar loaded at {} stays in force: {}", loadedAt(),
                        e.getMessage());
                throw e;
            }
            Loaded previous = current.getAndSet(next);
            lastModifiedSeen = modified;
            lastFailure = null;
            warnedYears.removeAll(next.years().keySet());
            Set<Integer> changed = changedYears(previous.years(), next.years());
            log.info("Working-day calendar reloaded from {}: years {}, changed years {}", fileName,
                    next.years().keySet(), changed);
            reportMissingYears(next);
            CalendarChanged event = new CalendarChanged(changed);
            try {
                events.publishEvent(event);
            } catch (RuntimeException e) {
                // the new calendar is in force; a failing listener must not make the reload look refused
                log.error("The calendar was reloaded, but a listener of {} failed", event, e);
            }
            return new Reloaded(next.years().keySet(), event.years(), next.loadedAt());
        }
    }

    /**
     * Reloads when the file's last-modified time differs from the one seen at the last attempt (polled every
     * {@code report.calendar.reload-interval}). A malformed file is logged once per change and the calendar in force
     * stays; a file that disappears is logged once and the calendar in force stays.
     *
     * @return whether a new calendar was put in force
     */
    boolean reloadIfChanged() {
        long modified;
        try {
            modified = resource.lastModified();
        } catch (IOException e) {
            if (!unreadableReported) {
                unreadableReported = true;
                log.warn("Holiday file {} cannot be checked ({}); the calendar in force stays in force", fileName,
                        e.getMessage());
            }
            return false;
        }
        unreadableReported = false;
        if (modified == lastModifiedSeen) {
            return false;
        }
        try {
            reload();
            return true;
        } catch (HolidayFileException e) {
            return false; // logged and recorded by reload()
        }
    }

    private Loaded read() {
        try (InputStream in = resource.getInputStream()) {
            return new Loaded(HolidayFileParser.parse(in, fileName), Instant.now());
        } catch (IOException e) {
            throw HolidayFileException.unreadable(fileName, e.getMessage(), e);
        }
    }

    private long lastModifiedOrZero() {
        try {
            return resource.lastModified();
        } catch (IOException e) {
            return 0L;
        }
    }

    private void reportMissingYears(Loaded loaded) {
        LocalDate today = LocalDate.now(zone);
        int thisYear = today.getYear();
        if (!loaded.years().containsKey(thisYear)) {
            log.warn("The holiday file {} has no arrangement for the current year {}: counting weekends only",
                    fileName, thisYear);
        }
        if (!loaded.years().containsKey(thisYear + 1)) {
            // the State Council publishes next year's arrangement in the autumn, usually in November
            if (today.getMonth().compareTo(Month.NOVEMBER) >= 0) {
                log.warn("The holiday file {} has no arrangement for next year {} yet: add the State Council's notice",
                        fileName, thisYear + 1);
            } else {
                log.info("The holiday file {} has no arrangement for next year {} yet (published each November)",
                        fileName, thisYear + 1);
            }
        }
    }

    private static Set<Integer> changedYears(Map<Integer, YearArrangement> before, Map<Integer, YearArrangement> after) {
        Set<Integer> all = new TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        all.removeIf(year -> sameDays(before.get(year), after.get(year)));
        return all;
    }

    private static boolean sameDays(YearArrangement a, YearArrangement b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.holidays(), b.holidays()) && Objects.equals(a.makeUpWorkdays(), b.makeUpWorkdays());
    }

    private static String displayName(Resource resource) {
        if (resource instanceof ClassPathResource classPath) {
            return "classpath:" + classPath.getPath();
        }
        try {
            if (resource.isFile()) {
                return resource.getFile().getAbsolutePath();
            }
        } catch (IOException e) {
            // fall through to the description
        }
        return resource.getDescription();
    }

    /** One loaded file: replaced as a whole. */
    private record Loaded(Map<Integer, YearArrangement> years, Instant loadedAt) {
    }

    /** A successful reload: the years now in force and those whose days changed. */
    record Reloaded(Set<Integer> years, Set<Integer> changedYears, Instant loadedAt) {

        Reloaded {
            years = Collections.unmodifiableSortedSet(new TreeSet<>(years));
        }
    }

    /** A refused load: the file, line and reason, and when. */
    record LoadFailure(HolidayFileException error, Instant at) {
    }
}
