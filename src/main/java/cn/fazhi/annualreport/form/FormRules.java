package cn.fazhi.annualreport.form;

import cn.fazhi.annualreport.shared.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the field rules of a deployed form: a Camunda Form (form-js JSON: validate.required, maxLength, pattern,
 * select values; a field with a "conditional" is never required here) or an embedded HTML form (cam-variable-name,
 * cam-variable-type, required, maxlength; and data-variable-name for a value the form's script submits itself, with
 * data-variable-type and data-values, the allowed choices).
 */
final class FormRules {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Pattern TAG = Pattern.compile("<(input|textarea|select)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z-]+)(?:\\s*=\\s*\"([^\"]*)\")?");

    private FormRules() {
    }

    static List<FieldRule> parse(String content) {
        String trimmed = content.stripLeading();
        if (trimmed.startsWith("{")) {
            try {
                List<FieldRule> rules = new ArrayList<>();
                collect(JSON.readTree(trimmed), rules);
                return rules;
            } catch (IOException e) {
                throw new IllegalStateException("Deployed Camunda Form is not valid JSON: " + e.getMessage(), e);
            }
        }
        return parseHtml(content);
    }

    private static void collect(JsonNode node, List<FieldRule> rules) {
        JsonNode components = node.get("components");
        if (components == null) {
            return;
        }
        for (JsonNode c : components) {
            String type = c.path("type").asText();
            String key = c.path("key").asText(null);
            if (key != null && !key.isBlank()) {
                FieldRule.FieldType fieldType = switch (type) {
                    case "number" -> FieldRule.FieldType.NUMBER;
                    case "checkbox" -> FieldRule.FieldType.BOOLEAN;
                    case "datetime" -> FieldRule.FieldType.DATE;
                    case "textfield", "textarea", "select", "radio" -> FieldRule.FieldType.TEXT;
                    default -> null;
                };
                if (fieldType != null) {
                    JsonNode v = c.path("validate");
                    List<String> values = new ArrayList<>();
                    if (("select".equals(type) || "radio".equals(type)) && c.has("values")) {
                        c.get("values").forEach(o -> values.add(o.path("value").asText()));
                    }
                    String label = c.hasNonNull("label") ? c.get("label").asText()
                            : c.path("dateLabel").asText(key); // datetime fields carry their caption in dateLabel
                    // a field shown only under a condition (form-js "conditional": {"hide": "=<FEEL>"}) is required
                    // only while shown; the server does not evaluate FEEL, so the task's own TaskFormCheck decides
                    boolean conditional = c.path("conditional").hasNonNull("hide");
                    rules.add(new FieldRule(key, label, fieldType,
                            v.path("required").asBoolean(false) && !conditional,
                            v.has("maxLength") ? v.get("maxLength").asInt() : null,
                            v.hasNonNull("pattern") && !v.get("pattern").asText().isBlank() ? v.get("pattern").asText() : null,
                            values));
                }
            }
            collect(c, rules);
        }
    }

    /** A variable a Camunda Form's text shows: {{name}}, {{#if name}}. */
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(?:#if\\s+|#unless\\s+)?([A-Za-z_][A-Za-z0-9_]*)");

    /** The variables a form shows in its texts besides its fields (Camunda Forms' {{…}} templates). */
    static java.util.Set<String> shownVariables(String content) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        Matcher m = TEMPLATE.matcher(content);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static final Pattern LABEL = Pattern.compile("<label\\b[^>]*\\bfor=\"([^\"]+)\"[^>]*>(.*?)</label>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static List<FieldRule> parseHtml(String html) {
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        Matcher l = LABEL.matcher(html);
        while (l.find()) {
            labels.put(l.group(1), l.group(2).replaceAll("<[^>]+>", "").replace("*", "").trim());
        }
        List<FieldRule> rules = new ArrayList<>();
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            String name = null;
            String id = null;
            String varType = "String";
            boolean required = false;
            Integer maxLength = null;
            String pattern = null;
            List<String> values = List.of();
            String label = null;
            boolean dateInput = false;
            Matcher attrs = ATTR.matcher(tags.group(2));
            while (attrs.find()) {
                String attr = attrs.group(1).toLowerCase();
                String value = attrs.group(2);
                switch (attr) {
                    case "cam-variable-name", "data-variable-name" -> name = value;
                    case "id" -> id = value;
                    case "cam-variable-type", "data-variable-type" -> varType = value;
                    case "data-values" -> values = value == null ? List.of() : List.of(value.split(","));
                    case "data-label" -> label = value;
                    case "required", "data-required" -> required = true; // file inputs: see draft-report.html
                    case "maxlength" -> maxLength = value == null ? null : Integer.valueOf(value);
                    case "pattern" -> pattern = value;
                    case "type" -> dateInput = "date".equalsIgnoreCase(value); // the browser sends yyyy-MM-dd
                    default -> { }
                }
            }
            if (name == null) {
                continue;
            }
            FieldRule.FieldType type = switch (varType) {
                case "File", "Bytes" -> FieldRule.FieldType.FILE;
                case "Boolean" -> FieldRule.FieldType.BOOLEAN;
                case "Integer", "Long", "Double", "Short" -> FieldRule.FieldType.NUMBER;
                case "Date" -> FieldRule.FieldType.DATE;
                default -> dateInput ? FieldRule.FieldType.DATE : FieldRule.FieldType.TEXT;
            };
            if (label == null) {
                label = id != null && labels.containsKey(id) && !labels.get(id).isBlank() ? labels.get(id) : name;
            }
            rules.add(new FieldRule(name, label, type, required, maxLength, pattern, values));
        }
        return rules;
    }
}
