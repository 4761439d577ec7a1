package cn.fazhi.annualreport.form;

import cn.fazhi.annualreport.shared.Beijing;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The rule for dates a clerk records (报送日期, 回执日期, 会议日期, 签字日期): a date that cannot be right is refused —
 * one after today (Beijing time, by the engine's clock, the application's one clock) or one before the earliest day
 * the event can have happened (the issue date, the reporting year). Collects every problem in both languages; the
 * tasks' {@link TaskFormCheck}s apply it, so it holds for Tasklist, {@code /engine-rest} and {@code /api} alike.
 */
public final class PlausibleDates {

    private final List<String> zh = new ArrayList<>();
    private final List<String> en = new ArrayList<>();
    private final LocalDate today;

    private PlausibleDates(LocalDate today) {
        this.today = today;
    }

    /** A check against today's date in Beijing by the engine's clock. */
    public static PlausibleDates today() {
        return new PlausibleDates(Beijing.today());
    }

    public LocalDate date() {
        return today;
    }

    /**
     * A submitted or recorded date: a {@link Date} (in Beijing), a {@link LocalDate}, or text as Tasklist sends it
     * (yyyy-MM-dd, or an ISO date-time); null if absent or unreadable (the field rules report that).
     */
    public static LocalDate parse(Object value) {
        if (value instanceof Date d) {
            return d.toInstant().atZone(Beijing.ZONE).toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String s = value.toString().strip();
        if (s.length() > 10 && s.charAt(10) == 'T') {
            try {
                return OffsetDateTime.parse(s).atZoneSameInstant(Beijing.ZONE).toLocalDate();
            } catch (DateTimeParseException e) {
                // a date-time without an offset (2030-01-01T00:00:00) or with anything else after the T: its day is
                // the day it names, as the filing forms read it — never a reason to skip the rule
            }
        }
        try {
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Refuses a date after today: "「报送日期」2026-03-01 晚于今天（2026-02-26，北京时间）". */
    public PlausibleDates notInFuture(String labelZh, String key, LocalDate date) {
        if (date != null && date.isAfter(today)) {
            zh.add("「" + labelZh + "」" + date + "晚于今天（" + today + "，北京时间），不能填写将来的日期");
            en.add("'" + key + "' " + date + " lies after today (" + today + ", Beijing time): no future dates");
        }
        return this;
    }

    /**
     * Refuses a date before the earliest possible one, e.g. "「报送日期」2026-02-20早于印发日期2026-02-25"; nothing if
     * either is unknown.
     */
    public PlausibleDates notBefore(String labelZh, String key, LocalDate date, LocalDate earliest, String whatZh,
                                    String whatEn) {
        if (date != null && earliest != null && date.isBefore(earliest)) {
            zh.add("「" + labelZh + "」" + date + "早于" + whatZh);
            en.add("'" + key + "' " + date + " lies before " + whatEn);
        }
        return this;
    }

    /** Refuses a date before 1 January of the reporting year: the report cannot have been filed before it. */
    public PlausibleDates notBeforeYear(String labelZh, String key, LocalDate date, Integer year) {
        return year == null ? this : notBefore(labelZh, key, date, LocalDate.of(year, 1, 1),
                "报告年度（" + year + "年）", "the reporting year " + year);
    }

    /** Refuses a date before the reporting year has ended: no meeting reviews a year's report within that year. */
    public PlausibleDates notBeforeYearEnds(String labelZh, String key, LocalDate date, Integer year) {
        return year == null ? this : notBefore(labelZh, key, date, LocalDate.of(year + 1, 1, 1),
                "报告年度（" + year + "年）结束", "the end of the reporting year " + year);
    }

    public boolean ok() {
        return zh.isEmpty();
    }

    public List<String> problemsZh() {
        return List.copyOf(zh);
    }

    public List<String> problemsEn() {
        return List.copyOf(en);
    }

    /** A bilingual 400 listing every problem, if there is one. */
    public void refuseIfAny() {
        if (!ok()) {
            throw new FormValidationException(zh, en);
        }
    }
}
