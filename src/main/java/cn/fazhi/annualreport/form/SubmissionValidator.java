package cn.fazhi.annualreport.form;

import cn.fazhi.annualreport.api.Shown;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Checks a submission — the variables a client hands to a task or to a start — against the form's fields: only the
 * fields the form declares, each of a plain kind (text, number, yes/no, date, or a file where the form takes one),
 * required values present, choices among the allowed values, texts within their limits and patterns, and no text the
 * engine would store above its 4,000-character column.
 */
final class SubmissionValidator {

    /** A Camunda String variable is stored in a VARCHAR(4000) column. */
    static final int ENGINE_STRING_LIMIT = 4000;

    private static final Set<ValueType> PLAIN = Set.of(ValueType.STRING, ValueType.INTEGER, ValueType.LONG,
            ValueType.SHORT, ValueType.DOUBLE, ValueType.BOOLEAN, ValueType.DATE, ValueType.NULL, ValueType.FILE,
            ValueType.BYTES);

    private SubmissionValidator() {
    }

    /**
     * @param rules          the form's fields
     * @param transientNames variables that are never stored (not held to the engine's column size)
     * @param submitted      what the client sent, as typed values
     * @param requireFields  whether the form's required fields must be there (a completion, not a resolve)
     */
    static void validate(List<FieldRule> rules, Set<String> transientNames, Map<String, TypedValue> submitted,
                         boolean requireFields) {
        Problems p = new Problems();
        Map<String, FieldRule> byKey = new LinkedHashMap<>();
        rules.forEach(r -> byKey.putIfAbsent(r.key(), r));
        submitted.forEach((name, value) -> {
            FieldRule rule = byKey.get(name);
            if (rule == null && !transientNames.contains(name)) {
                p.add("「" + shown(name) + "」不是本表单的填写项，不能提交", "'" + shown(name) + "' is not a field of this form");
            } else if (value != null && value.getType() != null && !PLAIN.contains(value.getType())
                    || value != null && value.getType() == null && !isPlain(value.getValue())) {
                p.add("「" + shown(label(rule, name)) + "」只能是文本、数字、是非、日期或文件",
                        "'" + shown(name) + "' must be text, a number, true/false, a date or a file, not "
                                + (value.getType() == null ? value.getValue().getClass().getSimpleName()
                                : value.getType().getName()));
            }
        });
        if (!p.zh.isEmpty()) {
            throw p.exception();
        }
        for (FieldRule rule : rules) {
            TypedValue typed = submitted.get(rule.key());
            Object value = typed == null ? null : typed.getValue();
            boolean missing = value == null || value instanceof String s && isBlank(s);
            if (missing) {
                if (rule.required() && requireFields) {
                    p.add("「" + rule.label() + "」为必填项", "'" + rule.key() + "' is required");
                }
                continue;
            }
            switch (rule.type()) {
                case NUMBER -> {
                    if (!(value instanceof Number) && !(value instanceof String s && s.matches("-?\\d+(\\.\\d+)?"))) {
                        p.add("「" + rule.label() + "」须为数字", "'" + rule.key() + "' must be a number");
                    }
                }
                case BOOLEAN -> {
                    if (!(value instanceof Boolean) && !(value instanceof String s && s.matches("true|false"))) {
                        p.add("「" + rule.label() + "」须为是/否", "'" + rule.key() + "' must be true or false");
                    }
                }
                case DATE -> {
                    if (!(value instanceof Date) && !(value instanceof String s && isDate(s))) {
                        p.add("「" + rule.label() + "」须为日期（yyyy-MM-dd）",
                                "'" + rule.key() + "' must be a date (yyyy-MM-dd)");
                    }
                }
                case FILE -> {
                    if (typed.getType() != ValueType.FILE && typed.getType() != ValueType.BYTES) {
                        p.add("「" + rule.label() + "」须上传文件", "'" + rule.key() + "' must be an uploaded file");
                    }
                }
                case TEXT -> checkText(rule, value, p);
            }
        }
        submitted.forEach((name, typed) -> {
            if (!transientNames.contains(name) && typed != null && typed.getValue() instanceof String s
                    && s.length() > ENGINE_STRING_LIMIT) {
                p.add("「" + shown(label(byKey.get(name), name)) + "」超过" + ENGINE_STRING_LIMIT + "字（现为"
                                + s.length() + "字）：长篇内容请作为文件上传",
                        "'" + shown(name) + "' has " + s.length() + " characters; a text field holds at most "
                                + ENGINE_STRING_LIMIT + ": upload long content as a file");
            }
        });
        if (!p.zh.isEmpty()) {
            throw p.exception();
        }
    }

    private static void checkText(FieldRule rule, Object value, Problems p) {
        if (!(value instanceof String text)) {
            p.add("「" + rule.label() + "」须为文本", "'" + rule.key() + "' must be text");
            return;
        }
        if (!rule.allowedValues().isEmpty() && !rule.allowedValues().contains(text)) {
            p.add("「" + rule.label() + "」的取值无效：" + shown(text),
                    "'" + rule.key() + "' must be one of " + rule.allowedValues() + ", not " + shown(text));
        }
        if (rule.maxLength() != null && text.length() > rule.maxLength()) {
            p.add("「" + rule.label() + "」最多" + rule.maxLength() + "字，现为" + text.length() + "字",
                    "'" + rule.key() + "' has " + text.length() + " characters, at most " + rule.maxLength() + " allowed");
        }
        if (rule.pattern() != null) {
            try {
                if (!Pattern.compile(rule.pattern()).matcher(text).matches()) {
                    p.add("「" + rule.label() + "」格式不正确：" + shown(text),
                            "'" + rule.key() + "' does not match " + rule.pattern());
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException("Form field " + rule.key() + " has an invalid pattern", e);
            }
        }
    }

    /** Nothing but spaces (also no-break and ideographic ones) and invisible characters such as U+200B. */
    static boolean isBlank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Shown.invisible(c));
    }

    private static boolean isPlain(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Date;
    }

    private static String label(FieldRule rule, String name) {
        return rule == null ? name : rule.label();
    }

    private static String shown(String text) {
        return Shown.value(text);
    }

    private static boolean isDate(String text) {
        if (text.length() < 10) {
            return false;
        }
        try {
            LocalDate.parse(text.substring(0, 10));
            return text.length() == 10 || text.charAt(10) == 'T';
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Each problem in both languages. */
    private static final class Problems {
        private final List<String> zh = new ArrayList<>();
        private final List<String> en = new ArrayList<>();

        void add(String problemZh, String problemEn) {
            zh.add(problemZh);
            en.add(problemEn);
        }

        FormValidationException exception() {
            return new FormValidationException(zh, en);
        }
    }
}
