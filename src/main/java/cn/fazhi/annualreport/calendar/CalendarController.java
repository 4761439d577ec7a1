package cn.fazhi.annualreport.calendar;

import cn.fazhi.annualreport.api.Language;
import cn.fazhi.annualreport.security.Callers;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/calendar}: the working-day calendar for people and other systems, and the admins' reload. Any
 * authenticated user may ask; only camunda-admin may reload. Bad input answers 400 in Chinese and English.
 */
@RestController
@RequestMapping("/api/calendar")
class CalendarController {

    private static final int MAX_DAYS = WorkingDayCalendar.MAX_OFFSET_DAYS;

    private final WorkingDayCalendar calendar;
    private final IdentityService identityService;

    CalendarController(WorkingDayCalendar calendar, IdentityService identityService) {
        this.calendar = calendar;
        this.identityService = identityService;
    }

    /**
     * The data in force: file, years with data, this and next year, the last refused reload if any (its message in the
     * reader's language).
     */
    @GetMapping
    Status status(@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        int thisYear = LocalDate.now(calendar.zone()).getYear();
        Language language = Language.of(acceptLanguage);
        Failure failure = calendar.lastFailure().map(f -> new Failure(f.error().file(), f.error().line(),
                language.pick(f.error().messageZh(), f.error().getMessage()), f.error().messageZh(),
                f.error().getMessage(),
                f.at())).orElse(null);
        return new Status(calendar.fileName(), calendar.loadedAt(), List.copyOf(calendar.years()), thisYear,
                calendar.hasDataFor(thisYear), thisYear + 1, calendar.hasDataFor(thisYear + 1), failure);
    }

    @GetMapping("/{year}")
    YearView year(@PathVariable("year") String yearText) {
        int year = parseYear(yearText);
        LocalDate first = LocalDate.of(year, 1, 1);
        int workingDays = calendar.workingDaysBetween(first, first.plusYears(1));
        return calendar.arrangement(year)
                .map(a -> new YearView(year, true, a.source(), List.copyOf(a.holidays()),
                        List.copyOf(a.makeUpWorkdays()), workingDays))
                .orElseGet(() -> new YearView(year, false, null, List.of(), List.of(), workingDays));
    }

    @GetMapping("/add-working-days")
    AddView addWorkingDays(@RequestParam(name = "date", required = false) String dateText,
                           @RequestParam(name = "days", required = false) String daysText) {
        LocalDate date = parseDate("date", dateText);
        int days = parseDays(daysText);
        LocalDate result = calendar.addWorkingDays(date, days);
        List<Integer> missing = yearsWithoutData(date, result);
        return new AddView(date, days, result, missing.isEmpty(), missing);
    }

    @GetMapping("/working-days-between")
    BetweenView workingDaysBetween(@RequestParam(name = "from", required = false) String fromText,
                                   @RequestParam(name = "to", required = false) String toText) {
        LocalDate from = parseDate("from", fromText);
        LocalDate to = parseDate("to", toText);
        int count = calendar.workingDaysBetween(from, to);
        List<Integer> missing = yearsWithoutData(from, to);
        return new BetweenView(from, to, count, missing.isEmpty(), missing);
    }

    /** Reads the holiday file again (camunda-admin only); 400 with file, line and reason when it is malformed. */
    @PostMapping("/reload")
    ReloadView reload() {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (!Callers.isAdmin(authentication)) {
            throw new CalendarAdminOnlyException();
        }
        WorkingDayCalendar.Reloaded reloaded;
        try {
            reloaded = calendar.reload();
        } catch (HolidayFileException e) {
            throw new HolidayFileRejectedException(e);
        }
        return new ReloadView(calendar.fileName(), List.copyOf(reloaded.years()), List.copyOf(reloaded.changedYears()),
                reloaded.loadedAt());
    }

    // ---- input ----------------------------------------------------------------------------------------------------

    private static int parseYear(String text) {
        int year;
        try {
            year = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new CalendarRequestException("年份 '" + text + "' 无效，应为 " + WorkingDayCalendar.MIN_YEAR + " 至 "
                    + WorkingDayCalendar.MAX_YEAR + " 之间的整数",
                    "Year '" + text + "' is not a year: expected a whole number from " + WorkingDayCalendar.MIN_YEAR
                            + " to " + WorkingDayCalendar.MAX_YEAR);
        }
        checkYear(year, "年份 " + year, "Year " + year);
        return year;
    }

    private static LocalDate parseDate(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new CalendarRequestException("缺少参数 " + name + "（日期，格式 yyyy-MM-dd）",
                    "Missing parameter '" + name + "' (a date, yyyy-MM-dd)");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new CalendarRequestException("参数 " + name + " 的值 '" + text + "' 不是有效日期，格式应为 yyyy-MM-dd",
                    "Parameter '" + name + "': '" + text + "' is not a valid date (yyyy-MM-dd)");
        }
        checkYear(date.getYear(), "参数 " + name + " 的日期 " + date, "Parameter '" + name + "': " + date);
        return date;
    }

    private static int parseDays(String text) {
        if (text == null || text.isBlank()) {
            throw new CalendarRequestException("缺少参数 days（工作日数，整数）",
                    "Missing parameter 'days' (a whole number of working days)");
        }
        String trimmed = text.trim();
        if (!trimmed.matches("[+-]?\\d+")) {
            throw new CalendarRequestException("参数 days 的值 '" + text + "' 不是整数",
                    "Parameter 'days': '" + text + "' is not a whole number");
        }
        if (new BigInteger(trimmed).abs().compareTo(BigInteger.valueOf(MAX_DAYS)) > 0) {
            throw new CalendarRequestException("参数 days 的值 " + trimmed + " 超出范围，应在 -" + MAX_DAYS + " 至 "
                    + MAX_DAYS + " 之间", "Parameter 'days': " + trimmed + " is out of range -" + MAX_DAYS + " to "
                    + MAX_DAYS);
        }
        return Integer.parseInt(trimmed);
    }

    private static void checkYear(int year, String whatZh, String whatEn) {
        if (year < WorkingDayCalendar.MIN_YEAR || year > WorkingDayCalendar.MAX_YEAR) {
            throw new CalendarRequestException(whatZh + " 超出范围，年份应在 " + WorkingDayCalendar.MIN_YEAR + " 至 "
                    + WorkingDayCalendar.MAX_YEAR + " 之间", whatEn + " is out of range: the year must lie between "
                    + WorkingDayCalendar.MIN_YEAR + " and " + WorkingDayCalendar.MAX_YEAR);
        }
    }

    private List<Integer> yearsWithoutData(LocalDate a, LocalDate b) {
        int from = Math.min(a.getYear(), b.getYear());
        int to = Math.max(a.getYear(), b.getYear());
        return IntStream.rangeClosed(from, to).filter(y -> !calendar.hasDataFor(y)).boxed().toList();
    }

    // ---- answers ----------------------------------------------------------------------------------------------------

    record YearView(int year, boolean hasData, String source, List<LocalDate> holidays, List<LocalDate> makeUpWorkdays,
                    int workingDays) {
    }

    record AddView(LocalDate date, int days, LocalDate result, boolean hasData, List<Integer> yearsWithoutData) {
    }

    record BetweenView(LocalDate from, LocalDate to, int workingDays, boolean hasData, List<Integer> yearsWithoutData) {
    }

    record ReloadView(String file, List<Integer> years, List<Integer> changedYears, Instant loadedAt) {
    }

    record Status(String file, Instant loadedAt, List<Integer> years, int currentYear, boolean currentYearHasData,
                  int nextYear, boolean nextYearHasData, Failure lastReloadError) {
    }

    record Failure(String file, int line, String message, String messageZh, String messageEn, Instant at) {
    }
}
