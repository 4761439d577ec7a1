package cn.fazhi.annualreport.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a webapp page of an engine that does not exist (a mistyped {@code /camunda/app/tasklist/defualt/}) with a
 * 404 and the error page, where Camunda's own page filter fails with a NullPointerException (500).
 */
class UnknownEngineFilter extends HttpFilter {

    /**
     * An address where Camunda's ProcessEnginesFilter serves an app's index page for an engine: /app/{app}/{engine}/
     * with no page, index.html or setup/ (its other addresses, such as /app/tasklist/scripts/config.js, are files).
     */
    private static final Pattern PAGE = Pattern.compile("/app/[\\w-]+/([\\w-]+)/?(index\\.html|setup/)?");

    private final String webapp;
    private final String engine;

    UnknownEngineFilter(String webapp, String engine) {
        this.webapp = webapp;
        this.engine = engine;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = EngineRestRequests.servletPath(request);
        if (path.startsWith(webapp + "/app/")) {
            Matcher page = PAGE.matcher(path.substring(webapp.length()));
            if (page.matches() && !page.group(1).equals(engine)) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
