package cn.fazhi.annualreport.notification.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Writes a one-event iCalendar object (RFC 5545) for a task's deadline: {@code METHOD:PUBLISH}, one VEVENT in
 * Asia/Shanghai time with its VTIMEZONE, an optional VALARM; CRLF line endings, content lines folded at 75 octets
 * (never inside a UTF-8 character), TEXT values escaped. Hand-written on purpose: the format is small.
 */
final class IcsBuilder {

    static final String CRLF = "\r\n";
    static final int MAX_LINE_OCTETS = 75;
    static final String TZID = "Asia/Shanghai";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private String uid;
    private Instant stamp = Instant.now();
    private long sequence;
    private LocalDateTime start;
    private LocalDateTime end;
    private String summary;
    private String description;
    private String url;
    private Duration alarmBefore;
    private String alarmText;

    /** A stable id per task: the same UID makes calendars update the entry rather than add one. */
    IcsBuilder uid(String uid) {
        this.uid = uid;
        return this;
    }

    IcsBuilder stamp(Instant stamp) {
        this.stamp = stamp;
        return this;
    }

    /** Higher for every newer version of the same event, so that a calendar takes it over the one it has. */
    IcsBuilder sequence(long sequence) {
        this.sequence = sequence;
        return this;
    }

    /** Start and end as wall-clock times in Asia/Shanghai. */
    IcsBuilder between(LocalDateTime start, LocalDateTime end) {
        this.start = start;
        this.end = end;
        return this;
    }

    IcsBuilder summary(String summary) {
        this.summary = summary;
        return this;
    }

    IcsBuilder description(String description) {
        this.description = description;
        return this;
    }

    IcsBuilder url(String url) {
        this.url = url;
        return this;
    }

    /** A display alarm this long before the start. */
    IcsBuilder alarm(Duration before, String text) {
        this.alarmBefore = before;
        this.alarmText = text;
        return this;
    }

    String build() {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("An event must end after it starts: " + start + " – " + end);
        }
        StringBuilder out = new StringBuilder(1024);
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//fazhi.cn//Annual rule-of-law report//ZH");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        // China has kept UTC+8 without daylight saving time since 1991: one STANDARD observance describes the zone
        line(out, "BEGIN:VTIMEZONE");
        line(out, "TZID:" + TZID);
        line(out, "X-LIC-LOCATION:" + TZID);
        line(out, "BEGIN:STANDARD");
        line(out, "TZOFFSETFROM:+0800");
        line(out, "TZOFFSETTO:+0800");
        line(out, "TZNAME:CST");
        line(out, "DTSTART:19700101T000000");
        line(out, "END:STANDARD");
        line(out, "END:VTIMEZONE");
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + uid);
        line(out, "DTSTAMP:" + UTC.format(stamp));
        line(out, "SEQUENCE:" + sequence);
        line(out, "DTSTART;TZID=" + TZID + ":" + LOCAL.format(start));
        line(out, "DTEND;TZID=" + TZID + ":" + LOCAL.format(end));
        if (summary != null) {
            line(out, "SUMMARY:" + escapeText(summary));
        }
        if (description != null) {
            line(out, "DESCRIPTION:" + escapeText(description));
        }
        if (url != null && !url.isBlank()) {
            line(out, "URL:" + url.trim());
        }
        line(out, "STATUS:CONFIRMED");
        line(out, "TRANSP:TRANSPARENT");
        if (alarmBefore != null) {
            line(out, "BEGIN:VALARM");
            line(out, "ACTION:DISPLAY");
            line(out, "DESCRIPTION:" + escapeText(alarmText == null ? "提醒" : alarmText));
            line(out, "TRIGGER:-" + duration(alarmBefore));
            line(out, "END:VALARM");
        }
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static void line(StringBuilder out, String contentLine) {
        out.append(fold(contentLine)).append(CRLF);
    }

    /**
     * Folds one content line (RFC 5545 §3.1): no physical line longer than 75 octets of UTF-8; a continuation line
     * starts with one space, which counts toward its 75. A character is never split between lines.
     */
    static String fold(String contentLine) {
        StringBuilder out = new StringBuilder(contentLine.length() + 16);
        int octets = 0;
        for (int i = 0; i < contentLine.length(); ) {
            int codePoint = contentLine.codePointAt(i);
            int chars = Character.charCount(codePoint);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_LINE_OCTETS) {
                out.append(CRLF).append(' ');
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += chars;
        }
        return out.toString();
    }

    /** An RFC 5545 duration: whole days as P1D, otherwise hours, minutes and seconds as PT1H30M. */
    static String duration(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("Alarm must lie before the event: " + d);
        }
        long seconds = d.getSeconds();
        if (seconds % 86_400 == 0) {
            return "P" + seconds / 86_400 + "D";
        }
        StringBuilder out = new StringBuilder("PT");
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('H');
        }
        if (seconds % 3600 >= 60) {
            out.append(seconds % 3600 / 60).append('M');
        }
        if (seconds % 60 != 0) {
            out.append(seconds % 60).append('S');
        }
        return out.toString();
    }

    /** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
    static String escapeText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\;");
                case ',' -> out.append("\\,");
                case '\r' -> {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    out.append("\\n");
                }
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20 && c != '\t') {
                        continue; // control characters are not allowed in TEXT
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
