package cn.fazhi.annualreport.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The shape of a list query sent to the engine's REST API, checked before the engine runs it: paging that is not a
 * whole number from zero up, a sort by a variable without its name and type, or a variable condition whose value is
 * an object or a list would each end in the engine as a database or null error (500). Only the wording of bad input;
 * what a caller may query is decided elsewhere.
 */
final class EngineQueries {

    private static final Set<String> PAGING = Set.of("firstResult", "maxResults");
    private static final Set<String> VARIABLE_SORTS = Set.of("processVariable", "executionVariable", "taskVariable",
            "caseExecutionVariable", "caseInstanceVariable");
    private static final Set<String> VARIABLE_TYPES = Set.of("Boolean", "Short", "Integer", "Long", "Double", "String",
            "Date", "Null");
    private static final List<String> VARIABLE_CONDITIONS = List.of("processVariables", "taskVariables",
            "caseInstanceVariables", "variables", "variableValues");

    /** No conditions: a completion's "variables" is an object of values, not a list of conditions. */
    private static final JsonNode NO_CONDITIONS = JsonNodeFactory.instance.arrayNode();

    private EngineQueries() {
    }

    /** The problem with the request's paging parameters, or null. */
    static ApiException badPaging(HttpServletRequest request) {
        for (String name : PAGING) {
            String value = request.getParameter(name);
            if (value != null && !value.matches("\\d{1,9}")) {
                return new BadQuery("分页参数 " + name + " 须为不小于 0 的整数：" + Shown.value(value),
                        "The paging parameter " + name + " must be a whole number from 0: " + Shown.value(value));
            }
        }
        return null;
    }

    /** The problem with a JSON query body (sorting, variable conditions, also inside orQueries), or null. */
    /** Variable types whose value is one JSON scalar; the engine turns a list or object into its text otherwise. */
    private static final Set<String> SCALAR_TYPES = Set.of("", "string", "integer", "long", "short", "double",
            "boolean", "date", "null");

    /**
     * The variables of a completion, form submission or start ({@code "variables": {"x": {"value": …, "type": …}}}):
     * a text, number, yes/no or date given as a JSON list or object is refused (the engine would store "[a, b]").
     */
    private static ApiException variables(JsonNode variables) {
        if (!variables.isObject()) {
            return null;
        }
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) variables::fields) {
            JsonNode value = field.getValue().path("value");
            String type = field.getValue().path("type").asText("").toLowerCase(java.util.Locale.ROOT);
            if ((value.isArray() || value.isObject()) && SCALAR_TYPES.contains(type)) {
                return new BadQuery("「" + Shown.value(field.getKey()) + "」的值须为文本、数字、是非或日期，不能是列表或对象",
                        "'" + Shown.value(field.getKey()) + "' must be text, a number, true/false or a date, not a list"
                                + " or an object");
            }
        }
        return null;
    }

    static ApiException badBody(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            // the REST API would answer Jackson's English in plain text
            return notJson(e);
        }
        return root == null || !root.isObject() ? null : check(root);
    }

    private static ApiException check(JsonNode query) {
        ApiException variables = variables(query.path("variables"));
        if (variables != null) {
            return variables;
        }
        for (JsonNode sorting : query.path("sorting")) {
            if (VARIABLE_SORTS.contains(sorting.path("sortBy").asText())) {
                JsonNode parameters = sorting.path("parameters");
                if (!parameters.path("variable").isTextual() || parameters.path("variable").asText().isBlank()
                        || !VARIABLE_TYPES.contains(parameters.path("type").asText())) {
                    return new BadQuery("按变量排序须给出变量名（parameters.variable）和类型（parameters.type："
                            + String.join("、", VARIABLE_TYPES) + "）",
                            "Sorting by a variable needs parameters.variable and parameters.type (one of "
                                    + VARIABLE_TYPES + ")");
                }
            }
        }
        for (String conditions : VARIABLE_CONDITIONS) {
            JsonNode list = query.path(conditions);
            for (JsonNode condition : list.isArray() ? list : NO_CONDITIONS) {
                JsonNode value = condition.path("value");
                if (value.isObject() || value.isArray()) {
                    return new BadQuery("变量条件的值须为文本、数字、是非或日期，不能是对象或列表：" + Shown.value(
                            condition.path("name").asText()), "A variable condition compares with text, a number,"
                            + " true/false or a date, not an object or a list: " + Shown.value(condition.path("name").asText()));
                }
            }
        }
        for (JsonNode or : query.path("orQueries")) {
            ApiException problem = or.isObject() ? check(or) : null;
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** A body sent as JSON that is none: where it breaks off, in both languages. */
    static ApiException notJson(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                && p.getLocation().getLineNr() > 0) {
            return new BadQuery("请求体不是有效的 JSON（第" + p.getLocation().getLineNr() + "行第"
                    + p.getLocation().getColumnNr() + "列有误）", "The request body is not valid JSON (line "
                    + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() + ")");
        }
        return new BadQuery("请求体不是有效的 JSON", "The request body is not valid JSON");
    }

    /** A list query the engine could not run (400). */
    static final class BadQuery extends ApiException {

        BadQuery(String zh, String en) {
            super(org.springframework.http.HttpStatus.BAD_REQUEST, zh, en);
        }
    }
}
