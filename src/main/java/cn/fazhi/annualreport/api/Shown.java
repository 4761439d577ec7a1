package cn.fazhi.annualreport.api;

/**
 * A value a client sent, as a refusal or a log line may repeat it: on one line (line breaks, control and
 * direction characters shown as '?', so no line can be forged) and at most 64 characters — never echoed in full.
 */
public final class Shown {

    static final int MAX = 64;

    private Shown() {
    }

    public static String value(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX).forEach(c -> out.appendCodePoint(invisible(c) ? '?' : c));
        return value.codePointCount(0, Math.min(value.length(), MAX * 2 + 2)) > MAX ? out + "…" : out.toString();
    }

    /** Line breaks, control characters, format (direction) characters, line and paragraph separators. */
    public static boolean invisible(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
