package cn.fazhi.annualreport.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the variables of a Camunda REST submission ({"name": {"value": ..., "type": ...}}) against a form's rules:
 * required values present, types right, choices among the allowed values, texts within their limits and patterns,
 * and no String above the engine's 4,000-character column.
 */
final class SubmissionValidator {

    /** A Camunda String variable is stored in a VARCHAR(4000) column. */
    static final int ENGINE_STRING_LIMIT = 4000;

    private SubmissionValidator() {
    }

    static void validate(List<FieldRule> rules, JsonNode variables) {
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (FieldRule rule : rules) {
            JsonNode var = variables == null ? null : variables.get(rule.key());
            JsonNode value = var == null ? null : var.get("value");
            boolean missing = value == null || value.isNull() || (value.isTextual() && value.asText().isBlank());
            if (missing) {
                if (rule.required()) {
                    zh.add("「" + rule.label() + "」为必填项");
                    en.add("'" + rule.key() + "' is required");
                }
                continue;
            }
            String type = var.path("type").asText("");
            switch (rule.type()) {
                case NUMBER -> {
                    if (!value.isNumber() && !(value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?"))) {
                        zh.add("「" + rule.label() + "」须为数字");
                        en.add("'" + rule.key() + "' must be a number");
                    }
                }
                case BOOLEAN -> {
                    if (!value.isBoolean() && !(value.isTextual() && value.asText().matches("true|false"))) {
                        zh.add("「" + rule.label() + "」须为是/否");
                        en.add("'" + rule.key() + "' must be true or false");
                    }
                }
                case DATE -> {
                    if (!isDate(value.asText())) {
                        zh.add("「" + rule.label() + "」须为日期（yyyy-MM-dd）");
                        en.add("'" + rule.key() + "' must be a date (yyyy-MM-dd)");
                    }
                }
                case FILE -> {
                    if (!"File".equalsIgnoreCase(type) && !"Bytes".equalsIgnoreCase(type)) {
                        zh.add("「" + rule.label() + "」须上传文件");
                        en.add("'" + rule.key() + "' must be an uploaded file");
                    }
                }
                case TEXT -> checkText(rule, value, zh, en);
            }
        }
        checkStringLimits(variables, zh, en);
        if (!zh.isEmpty()) {
            throw new FormValidationException(zh, en);
        }
    }

    private static void checkText(FieldRule rule, JsonNode value, List<String> zh, List<String> en) {
        if (!value.isTextual()) {
            zh.add("「" + rule.label() + "」须为文本");
            en.add("'" + rule.key() + "' must be text");
            return;
        }
        String text = value.asText();
        if (!rule.allowedValues().isEmpty() && !rule.allowedValues().contains(text)) {
            zh.add("「" + rule.label() + "」的取值无效：" + text);
            en.add("'" + rule.key() + "' must be one of " + rule.allowedValues() + ", not " + text);
        }
        if (rule.maxLength() != null && text.length() > rule.maxLength()) {
            zh.add("「" + rule.label() + "」最多" + rule.maxLength() + "字，现为" + text.length() + "字");
            en.add("'" + rule.key() + "' has " + text.length() + " characters, at most " + rule.maxLength() + " allowed");
        }
        if (rule.pattern() != null) {
            try {
                if (!Pattern.compile(rule.pattern()).matcher(text).matches()) {
                    zh.add("「" + rule.label() + "」格式不正确：" + text);
                    en.add("'" + rule.key() + "' does not match " + rule.pattern());
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException("Form field " + rule.key() + " has an invalid pattern", e);
            }
        }
    }

    /**
     * Any String value above the engine's limit is refused here, whatever the form says: it would fail as a 500.
     * Transient values are exempt: the engine never writes them to a column.
     */
    static void checkStringLimits(JsonNode variables, List<String> zh, List<String> en) {
        if (variables == null || !variables.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue().get("value");
            String type = e.getValue().path("type").asText("String");
            boolean stringTyped = type.isEmpty() || "String".equalsIgnoreCase(type);
            boolean isTransient = e.getValue().path("valueInfo").path("transient").asBoolean(false);
            if (stringTyped && !isTransient && value != null && value.isTextual() && value.asText().length() > ENGINE_STRING_LIMIT) {
                zh.add("「" + e.getKey() + "」超过" + ENGINE_STRING_LIMIT + "字（现为" + value.asText().length()
                        + "字）：长篇内容请作为文件上传");
                en.add("'" + e.getKey() + "' has " + value.asText().length() + " characters; a text variable holds at most "
                        + ENGINE_STRING_LIMIT + ": upload long content as a file");
            }
        }
    }

    private static boolean isDate(String text) {
        if (text == null || text.length() < 10) {
            return false;
        }
        try {
            LocalDate.parse(text.substring(0, 10));
            return text.length() == 10 || text.charAt(10) == 'T';
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
