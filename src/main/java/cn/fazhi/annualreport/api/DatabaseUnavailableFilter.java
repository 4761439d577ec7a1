package cn.fazhi.annualreport.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request that failed because the database cannot be reached — in a controller, in a login check of a filter
 * or in the engine's REST API — with a 503 in the reader's language instead of a bare 500 page (docs/resilience.md).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5) // inside the security headers, around every authentication filter
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);
    private final ObjectMapper json;

    DatabaseUnavailableFilter(ObjectMapper json) {
        this.json = json;
    }

    static ApiError error(Language language) {
        return ApiError.of(language, 503, "DatabaseUnavailable", "数据库暂时无法连接，本次请求未保存任何内容，请稍后重试",
                "The database cannot be reached at the moment; nothing was saved. Try again later", List.of());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!unreachable(e) || response.isCommitted()) {
                throw e;
            }
            LOG.warn("{} {} answered 503: the database cannot be reached ({})", request.getMethod(),
                    request.getRequestURI(), e.toString());
            response.resetBuffer();
            response.setHeader("Retry-After", "30");
            EngineRestRequests.refuse(response, json, error(Language.of(request)));
        }
    }

    /** Whether the failure's cause is a connection that could not be had. */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
