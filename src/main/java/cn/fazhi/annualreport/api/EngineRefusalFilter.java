package cn.fazhi.annualreport.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Answers a change sent to the engine's REST API (/engine-rest, and /camunda/api/engine used by Tasklist) that the
 * application refused inside the engine ({@link Refusals}) with that refusal: its status (400, 403, 404, 409) and its
 * message in both languages, instead of whatever the REST API makes of the exception. It decides nothing: the rule
 * was applied in the engine, whatever the spelling of the path; this only words the answer.
 */
class EngineRefusalFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ObjectMapper json;

    EngineRefusalFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        Refusals.Outcome outcome;
        try {
            outcome = Refusals.capture(() -> chain.doFilter(request, held));
        } catch (ServletException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
        ApiException refusal = outcome.refusal();
        if (refusal != null && (outcome.failed() || held.getStatus() >= 400) && !response.isCommitted()) {
            held.resetBuffer();
            EngineRestRequests.refuse(response, json, ApiError.of(refusal.status().value(),
                    refusal.getClass().getSimpleName(), refusal.messageZh(), refusal.messageEn(), refusal.details()));
            return;
        }
        held.copyBodyToResponse();
    }
}
