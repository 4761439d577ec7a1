package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.api.Shown;
import java.util.regex.Pattern;

/**
 * What a person's name and mail address may hold, wherever they are written (the registry file, Camunda Admin, the
 * engine's REST API, a user's own profile): no characters that structure the registry file ({@code : ; ,} in half and
 * full width), no line breaks, control or bidirectional-override characters, a sensible length; an address of the
 * usual form. So a profile can neither smuggle a membership into the next import nor a line into the log.
 */
public final class PersonFields {

    static final int MAX_NAME = 50;
    static final int MAX_EMAIL = 254;
    private static final Pattern STRUCTURE = Pattern.compile("[:：;；,，]");
    /** local@host, also a single-label host (Camunda's default admin@localhost, an intranet mail host). */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private PersonFields() {
    }

    /** A problem in both languages. */
    public record Problem(String zh, String en) {
    }

    /** What is wrong with a name (or part of one), or null. */
    public static Problem nameProblem(String name) {
        if (name == null) {
            return null;
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            return new Problem("最多" + MAX_NAME + "个字", "has more than " + MAX_NAME + " characters");
        }
        if (hasInvisible(name)) {
            return new Problem("含有换行、控制字符或文字方向控制符", "contains line breaks, control or direction characters");
        }
        if (STRUCTURE.matcher(name).find()) {
            return new Problem("不能含有冒号、分号或逗号", "must not contain ':', ';' or ','");
        }
        return null;
    }

    /** Whether an address has the usual form user@domain.tld, at most 254 characters. */
    public static boolean isEmail(String email) {
        return email != null && email.length() <= MAX_EMAIL && EMAIL.matcher(email).matches();
    }

    /** A value as the registry file writes it: characters that would break its structure replaced by a space. */
    static String exportable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> out.appendCodePoint(invisible(c) || STRUCTURE.matcher(
                new String(Character.toChars(c))).matches() ? ' ' : c));
        return out.toString().strip();
    }

    /** A value as a refusal may show it ({@link Shown}). */
    static String shown(String value) {
        return Shown.value(value);
    }

    private static boolean hasInvisible(String value) {
        return value.codePoints().anyMatch(PersonFields::invisible);
    }

    private static boolean invisible(int c) {
        return Shown.invisible(c);
    }
}
