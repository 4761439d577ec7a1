package cn.fazhi.annualreport.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a password is strong enough for an account that can change the process: long, of several kinds of
 * characters, not the account's name, and not a common word or keyboard run dressed up with digits and symbols
 * ({@code Password1}, {@code Admin@2026}, {@code Qwerty123!}).
 */
final class PasswordStrength {

    static final int MIN_LENGTH = 12;

    /** Words attackers try first, in the form left after digits and symbols are dropped and l33t undone. */
    private static final Set<String> COMMON = Set.of("password", "passwort", "admin", "administrator", "root",
            "camunda", "demo", "test", "welcome", "letmein", "qwerty", "qwertyuiop", "asdf", "asdfgh", "zxcv",
            "abc", "abcdef", "iloveyou", "monkey", "dragon", "master", "login", "changeme", "secret", "default",
            "user", "guest", "china", "beijing", "fazhi", "zhengfu", "sifaju", "woaini", "");

    private PasswordStrength() {
    }

    /** What is wrong with the password, in Chinese and English; empty when it is strong enough. */
    static List<String> problems(String accountId, String password) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isBlank()) {
            problems.add("密码为空 / the password is empty");
            return problems;
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            problems.add("密码至少" + MIN_LENGTH + "个字符 / at least " + MIN_LENGTH + " characters");
        }
        int kinds = (password.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isDigit) ? 1 : 0)
                + (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
        if (kinds < 3) {
            problems.add("须包含大写字母、小写字母、数字、符号中的至少三类 / at least three of upper case, lower case,"
                    + " digits and symbols");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (accountId != null && accountId.length() >= 3 && lower.contains(accountId.toLowerCase(Locale.ROOT))) {
            problems.add("不得包含账号名 / must not contain the account id");
        }
        String letters = lower.replaceAll("[^a-z]", "");
        boolean common = false;
        for (String core : List.of(core(lower), letters)) {
            common |= COMMON.contains(core) || repeatsCommon(core) || isRun(core);
        }
        if (common || isRun(lower.replaceAll("[^a-z0-9]", ""))) {
            problems.add("不得是常见单词、键盘序列或其加数字符号的变形 / must not be a common word, a keyboard or"
                    + " number run, or one with digits and symbols added");
        }
        return problems;
    }

    /**
     * The word under the decoration: digits and symbols before and after dropped, l33t undone, only letters kept —
     * "P@ssw0rd!2026" is "password", "Admin@2026" is "admin".
     */
    private static String core(String lower) {
        int from = 0;
        int to = lower.length();
        while (from < to && !Character.isLetter(lower.charAt(from))) {
            from++;
        }
        while (to > from && !Character.isLetter(lower.charAt(to - 1))) {
            to--;
        }
        StringBuilder out = new StringBuilder();
        for (char c : lower.substring(from, to).toCharArray()) {
            char d = switch (c) {
                case '@', '4' -> 'a';
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '$', '5' -> 's';
                case '7' -> 't';
                default -> c;
            };
            if (d >= 'a' && d <= 'z') {
                out.append(d);
            }
        }
        return out.toString();
    }

    /** A common word said twice or more ("adminadmin"). */
    private static boolean repeatsCommon(String core) {
        for (String word : COMMON) {
            if (word.length() >= 3 && core.length() > word.length() && core.length() % word.length() == 0
                    && core.equals(word.repeat(core.length() / word.length()))) {
                return true;
            }
        }
        return false;
    }

    /** Only one character repeated, or an ascending or descending run ("aaaaaa", "123456789", "abcdef", "987654"). */
    private static boolean isRun(String s) {
        if (s.length() < 4) {
            return s.isEmpty();
        }
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < s.length(); i++) {
            int step = s.charAt(i) - s.charAt(i - 1);
            same &= step == 0;
            up &= step == 1;
            down &= step == -1;
        }
        return same || up || down;
    }
}
