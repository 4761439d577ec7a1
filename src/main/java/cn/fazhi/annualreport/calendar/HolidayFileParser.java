package cn.fazhi.annualreport.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Reads the holiday YAML file; any malformed entry rejects the whole file with the year and the reason. */
final class HolidayFileParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private HolidayFileParser() {
    }

    static Map<Integer, YearArrangement> parse(InputStream in, String fileName) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("Holiday file " + fileName + " is not valid YAML: " + e.getMessage(), e);
        }
        JsonNode years = root == null ? null : root.get("years");
        if (years == null || !years.isObject()) {
            throw new IllegalStateException("Holiday file " + fileName + " has no 'years' map");
        }
        Map<Integer, YearArrangement> result = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = years.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            int year;
            try {
                year = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Holiday file " + fileName + ": '" + entry.getKey() + "' is not a year");
            }
            JsonNode node = entry.getValue();
            String where = fileName + ", year " + year;
            Set<LocalDate> holidays = dates(node.get("holidays"), year, where + ", holidays");
            Set<LocalDate> workdays = dates(node.get("workdays"), year, where + ", workdays");
            for (LocalDate d : workdays) {
                if (holidays.contains(d)) {
                    throw new IllegalStateException(where + ": " + d + " is both a holiday and a make-up working day");
                }
            }
            String source = node.hasNonNull("source") ? node.get("source").asText() : "";
            result.put(year, new YearArrangement(year, source, Set.copyOf(holidays), Set.copyOf(workdays)));
        }
        return result;
    }

    private static Set<LocalDate> dates(JsonNode list, int year, String where) {
        Set<LocalDate> out = new LinkedHashSet<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalStateException(where + ": expected a list of dates");
        }
        for (JsonNode item : list) {
            String text = item.asText().trim();
            try {
                if (text.contains("..")) {
                    String[] parts = text.split("\\.\\.", 2);
                    LocalDate from = LocalDate.parse(parts[0].trim());
                    LocalDate to = LocalDate.parse(parts[1].trim());
                    if (to.isBefore(from)) {
                        throw new IllegalStateException(where + ": range " + text + " ends before it starts");
                    }
                    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                        out.add(checkYear(d, year, where));
                    }
                } else {
                    out.add(checkYear(LocalDate.parse(text), year, where));
                }
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(where + ": '" + text + "' is not a date (yyyy-MM-dd or yyyy-MM-dd..yyyy-MM-dd)");
            }
        }
        return out;
    }

    private static LocalDate checkYear(LocalDate d, int year, String where) {
        if (d.getYear() != year) {
            throw new IllegalStateException(where + ": " + d + " does not belong to " + year);
        }
        return d;
    }
}
