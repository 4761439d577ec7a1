package cn.fazhi.annualreport.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;

/**
 * A request's query parameters as an endpoint reads them: only the names it knows, each at most once. A misspelt or
 * repeated filter is refused (400, both languages) rather than silently dropped: a 通报 drawn without the region
 * asked for, or with another day than the one asked for, would look right and be wrong.
 */
public final class QueryParameters {

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** The parameters, or a 400 naming the first unknown or repeated one and the names the endpoint knows. */
    public static QueryParameters of(MultiValueMap<String, String> raw, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        String knownNames = String.join(", ", new TreeSet<>(known));
        for (Map.Entry<String, List<String>> parameter : raw.entrySet()) {
            String name = parameter.getKey();
            if (!known.contains(name)) {
                throw new BadQueryParameter("未知的参数：" + Shown.value(name) + "（可用：" + knownNames + "）",
                        "Unknown parameter " + Shown.value(name) + " (known: " + knownNames + ")");
            }
            if (parameter.getValue().size() > 1) {
                throw new BadQueryParameter("参数" + name + "只能给一次（收到" + parameter.getValue().size() + "次）",
                        "Parameter " + name + " may be given once, not " + parameter.getValue().size() + " times");
            }
            values.put(name, parameter.getValue().isEmpty() ? null : parameter.getValue().get(0));
        }
        return new QueryParameters(Collections.unmodifiableMap(values));
    }

    /** The value as sent (null when absent). */
    public String get(String name) {
        return values.get(name);
    }

    /** Every parameter with its one value. */
    public Map<String, String> asMap() {
        return values;
    }

    /** A refused parameter: 400. */
    static final class BadQueryParameter extends ApiException {

        BadQueryParameter(String zh, String en) {
            super(HttpStatus.BAD_REQUEST, zh, en);
        }
    }
}
