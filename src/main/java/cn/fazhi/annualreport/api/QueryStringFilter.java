package cn.fazhi.annualreport.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string the servlet container would read only in part. Tomcat drops a parameter whose name or value
 * holds a broken {@code %} escape or bytes that are no UTF-8, and one without a name, and answers the rest: a 通报 of
 * {@code under=bayan%zz} came out for the whole city with a 200. Such a request is a 400 on every address, before
 * anything reads its parameters: JSON in both languages, or the error page for a page a browser opens.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4) // before the gate and every filter that reads a parameter
class QueryStringFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    QueryStringFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> fault = fault(request.getQueryString());
        if (fault.isPresent() && BrowserPages.isPage(request)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST); // the error page in the browser's language
            return;
        }
        if (fault.isPresent()) {
            EngineRestRequests.refuse(response, json, ApiError.of(Language.of(request), 400, "BadQueryString",
                    "地址中的查询参数无效：" + Shown.value(fault.get())
                            + "（含不完整的 % 转义、不是 UTF-8 的字节或没有参数名），请检查地址",
                    "A query parameter of the address is not valid: " + Shown.value(fault.get())
                            + " (a broken % escape, bytes that are no UTF-8, or no name); check the address",
                    List.of()));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The first name=value pair the container would not read as it stands, if any. */
    static Optional<String> fault(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue; // "a=1&&b=2" or a trailing "&": no parameter
            }
            int equals = pair.indexOf('=');
            if (equals == 0 || !decodes(pair)) {
                return Optional.of(pair);
            }
        }
        return Optional.empty();
    }

    /** Whether every {@code %} escape is complete and what they spell is UTF-8. */
    private static boolean decodes(String pair) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < pair.length(); i++) {
            char c = pair.charAt(i);
            if (c == '%') {
                if (i + 2 >= pair.length() || Character.digit(pair.charAt(i + 1), 16) < 0
                        || Character.digit(pair.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(pair.charAt(i + 1), 16) * 16 + Character.digit(pair.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
