package cn.fazhi.annualreport.calendar;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the holiday YAML file with Jackson's streaming parser, so that every refusal names the line of the offending
 * entry. Any malformed entry refuses the whole file (file, line and reason, see {@link HolidayFileException}).
 *
 * <pre>
 * years:
 *   2026:
 *     source: 国务院办公厅关于2026年部分节假日安排的通知
 *     holidays: [2026-01-01..2026-01-03, 2026-02-15..2026-02-23, ...]   # days off, single days or ranges
 *     workdays: [2026-01-04, 2026-02-14, ...]                            # weekend make-up working days (调休上班)
 * </pre>
 *
 * Checked: each year key is a year of {@value WorkingDayCalendar#MIN_YEAR}–{@value WorkingDayCalendar#MAX_YEAR} and
 * appears once; a year has only the keys source, holidays and workdays, and at least one holiday; every entry is an
 * ISO date or an ascending range of that year; a make-up working day is a Saturday or Sunday and not also a holiday.
 * Other top-level keys than {@code years} are ignored.
 */
final class HolidayFileParser {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final String DATE_FORMAT = "yyyy-MM-dd or yyyy-MM-dd..yyyy-MM-dd";

    private HolidayFileParser() {
    }

    /** The arrangements by year; throws {@link HolidayFileException} (an IllegalStateException) when malformed. */
    static Map<Integer, YearArrangement> parse(InputStream in, String fileName) {
        byte[] content;
        try {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw HolidayFileException.unreadable(fileName, e.getMessage(), e);
        }
        try {
            // YAML syntax first, over the whole file: a syntax error is reported as such, wherever it is
            try (JsonParser parser = YAML.createParser(content)) {
                while (parser.nextToken() != null) {
                    parser.skipChildren();
                }
            }
            try (JsonParser parser = YAML.createParser(content)) {
                return new Reader(parser, fileName).file();
            }
        } catch (StreamReadException e) {
            throw notYaml(fileName, e);
        } catch (IOException e) {
            throw HolidayFileException.unreadable(fileName, e.getMessage(), e);
        }
    }

    /** The YAML parser's own problem and the line where it lies (not the line where the construct began). */
    private static HolidayFileException notYaml(String fileName, StreamReadException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                String problem = marked.getProblem() == null ? "syntax error" : marked.getProblem();
                return HolidayFileException.notYaml(fileName, marked.getProblemMark().getLine() + 1,
                        firstLine(problem), e);
            }
        }
        JsonLocation location = e.getLocation();
        int line = location == null ? 0 : location.getLineNr();
        return HolidayFileException.notYaml(fileName, Math.max(line, 1), firstLine(e.getOriginalMessage()), e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    /** One pass over the token stream; knows its file for the error messages. */
    private static final class Reader {

        private final JsonParser parser;
        private final String file;

        Reader(JsonParser parser, String file) {
            this.parser = parser;
            this.file = file;
        }

        Map<Integer, YearArrangement> file() throws IOException {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw fail(Math.max(line(), 1), "缺少 years 映射（按年份列出安排）",
                        "has no 'years' map (the arrangements by year)");
            }
            Map<Integer, YearArrangement> years = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line();
                JsonToken value = parser.nextToken();
                if (!"years".equals(key)) {
                    parser.skipChildren();
                    continue;
                }
                if (years != null) {
                    throw fail(keyLine, "years 出现了两次", "'years' appears twice");
                }
                if (value != JsonToken.START_OBJECT) {
                    throw fail(keyLine, "years 必须是按年份的映射", "has no 'years' map: 'years' must map each year to "
                            + "its arrangement");
                }
                years = years();
            }
            if (years == null) {
                throw fail(1, "缺少 years 映射（按年份列出安排）", "has no 'years' map (the arrangements by year)");
            }
            if (parser.nextToken() != null) {
                throw fail(line(), "只能包含一个 YAML 文档", "must hold a single YAML document");
            }
            return Collections.unmodifiableMap(years);
        }

        private Map<Integer, YearArrangement> years() throws IOException {
            Map<Integer, YearArrangement> result = new TreeMap<>();
            Map<Integer, Integer> keyLines = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line();
                int year = year(key, keyLine);
                Integer first = keyLines.putIfAbsent(year, keyLine);
                if (first != null) {
                    throw fail(keyLine, year + " 年出现了两次（第一次在第 " + first + " 行）",
                            "year " + year + " appears twice (first at line " + first + ")");
                }
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    throw fail(keyLine, year + " 年没有内容：请填写 holidays 和 workdays，或删除该年",
                            "year " + year + " is empty: give its holidays and workdays, or remove it");
                }
                if (value != JsonToken.START_OBJECT) {
                    throw fail(keyLine, year + " 年应为包含 source、holidays、workdays 的映射",
                            "year " + year + ": expected a map with source, holidays and workdays");
                }
                result.put(year, arrangement(year, keyLine));
            }
            return result;
        }

        private int year(String key, int keyLine) {
            if (key.matches("\\d{4}")) {
                int year = Integer.parseInt(key);
                if (year >= WorkingDayCalendar.MIN_YEAR && year <= WorkingDayCalendar.MAX_YEAR) {
                    return year;
                }
            }
            throw fail(keyLine, "'" + key + "' 不是年份（" + WorkingDayCalendar.MIN_YEAR + "–"
                            + WorkingDayCalendar.MAX_YEAR + "）",
                    "'" + key + "' is not a year (" + WorkingDayCalendar.MIN_YEAR + "–" + WorkingDayCalendar.MAX_YEAR
                            + ")");
        }

        private YearArrangement arrangement(int year, int yearLine) throws IOException {
            String source = "";
            Map<LocalDate, Integer> holidays = null;
            Map<LocalDate, Integer> workdays = null;
            Map<String, Integer> keyLines = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line();
                JsonToken value = parser.nextToken();
                Integer first = keyLines.putIfAbsent(key, keyLine);
                if (first != null) {
                    throw fail(keyLine, year + " 年的 " + key + " 出现了两次（第一次在第 " + first + " 行）",
                            "year " + year + ": '" + key + "' appears twice (first at line " + first + ")");
                }
                switch (key) {
                    case "source" -> {
                        if (value == JsonToken.VALUE_NULL) {
                            source = "";
                        } else if (value.isScalarValue()) {
                            source = parser.getText().trim();
                        } else {
                            throw fail(keyLine, year + " 年的 source 应为文字（通知名称或文号）",
                                    "year " + year + ", source: expected text (the notice's title or number)");
                        }
                    }
                    case "holidays" -> holidays = dates(year, "holidays", "休假日 holidays");
                    case "workdays" -> workdays = dates(year, "workdays", "调休上班日 workdays");
                    default -> throw fail(keyLine, year + " 年有未知的键 '" + key + "'（只允许 source、holidays、workdays）",
                            "year " + year + ": unknown key '" + key + "' (expected source, holidays, workdays)");
                }
            }
            if (holidays == null || holidays.isEmpty()) {
                throw fail(yearLine, year + " 年没有列出休假日 holidays", "year " + year + ": no holidays listed");
            }
            if (workdays == null) {
                workdays = Map.of();
            }
            for (Map.Entry<LocalDate, Integer> workday : new TreeMap<>(workdays).entrySet()) {
                LocalDate d = workday.getKey();
                if (holidays.containsKey(d)) {
                    throw fail(workday.getValue(), year + " 年：" + d + " 既是休假日又是调休上班日（休假日见第 "
                                    + holidays.get(d) + " 行）",
                            "year " + year + ": " + d + " is both a holiday and a make-up working day (holiday at line "
                                    + holidays.get(d) + ")");
                }
                DayOfWeek dow = d.getDayOfWeek();
                if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                    throw fail(workday.getValue(), year + " 年 workdays：" + d + " 是工作日（" + dow
                                    + "），调休上班日只能是周六或周日",
                            "year " + year + ", workdays: " + d + " is a " + dow
                                    + ", but a make-up working day is a Saturday or Sunday");
                }
            }
            return new YearArrangement(year, source, Collections.unmodifiableSortedSet(new TreeSet<>(holidays.keySet())),
                    Collections.unmodifiableSortedSet(new TreeSet<>(workdays.keySet())));
        }

        /** The dates of a list, each with the line it was written on; ranges expanded day by day. */
        private Map<LocalDate, Integer> dates(int year, String list, String listZh) throws IOException {
            String where = "year " + year + ", " + list;
            String whereZh = year + " 年 " + listZh;
            Map<LocalDate, Integer> out = new LinkedHashMap<>();
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return out;
            }
            if (token != JsonToken.START_ARRAY) {
                throw fail(line(), whereZh + "：应为日期列表，如 [2026-01-01, 2026-02-15..2026-02-23]",
                        where + ": expected a list of dates, e.g. [2026-01-01, 2026-02-15..2026-02-23]");
            }
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                int line = line();
                if (token == null || !token.isScalarValue() || token == JsonToken.VALUE_NULL) {
                    throw fail(line, whereZh + "：列表项应为日期（" + DATE_FORMAT + "）",
                            where + ": each entry must be a date (" + DATE_FORMAT + ")");
                }
                String text = parser.getText().trim();
                try {
                    if (text.contains("..")) {
                        String[] parts = text.split("\\.\\.", 2);
                        LocalDate from = LocalDate.parse(parts[0].trim());
                        LocalDate to = LocalDate.parse(parts[1].trim());
                        if (to.isBefore(from)) {
                            throw fail(line, whereZh + "：区间 " + text + " 的结束日早于开始日",
                                    where + ": range " + text + " ends before it starts");
                        }
                        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                            out.putIfAbsent(inYear(d, year, line, where, whereZh), line);
                        }
                    } else {
                        out.putIfAbsent(inYear(LocalDate.parse(text), year, line, where, whereZh), line);
                    }
                } catch (DateTimeParseException e) {
                    throw fail(line, whereZh + "：'" + text + "' 不是有效日期（格式 " + DATE_FORMAT + "）",
                            where + ": '" + text + "' is not a date (" + DATE_FORMAT + ")");
                }
            }
            return out;
        }

        private LocalDate inYear(LocalDate d, int year, int line, String where, String whereZh) {
            if (d.getYear() != year) {
                throw fail(line, whereZh + "：" + d + " 不属于 " + year + " 年", where + ": " + d + " does not belong to "
                        + year);
            }
            return d;
        }

        private int line() {
            JsonLocation location = parser.currentTokenLocation();
            return location == null ? 0 : location.getLineNr();
        }

        private HolidayFileException fail(int line, String reasonZh, String reasonEn) {
            return new HolidayFileException(file, line, reasonZh, reasonEn);
        }
    }
}
