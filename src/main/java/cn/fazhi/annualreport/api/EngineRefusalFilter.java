package cn.fazhi.annualreport.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Words the engine REST API's answers (/engine-rest, and /camunda/api/engine used by Tasklist) to bad or refused
 * requests: a change the application refused inside the engine ({@link Refusals}) gets that refusal's status (400,
 * 403, 404, 409) and message in both languages instead of whatever the REST API makes of the exception; a list query
 * the engine could not run gets a 400 before it runs ({@link EngineQueries}); an error that repeats a huge input is
 * cut short. It decides nothing: the rules were applied in the engine, whatever the spelling of the path.
 */
class EngineRefusalFilter extends OncePerRequestFilter {

    /** An error body larger than this repeats what the client sent: its message is cut. */
    private static final int MAX_ERROR_BODY = 4096;
    private static final int MAX_MESSAGE = 300;
    /**
     * Queries and form values are small; larger bodies (a draft uploaded with a completion) are not looked at here,
     * the engine's guards check what they carry.
     */
    private static final long MAX_QUERY_BODY = 1024 * 1024;

    private final ObjectMapper json;

    EngineRefusalFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest forwarded = request;
        ApiException badQuery = EngineQueries.badPaging(request);
        if (badQuery == null && "POST".equals(request.getMethod()) && isJson(request)
                && request.getContentLengthLong() < MAX_QUERY_BODY) {
            // a known small length, or none (chunked): the engine's REST API reads the whole body anyway
            byte[] body = request.getInputStream().readAllBytes();
            badQuery = body.length < MAX_QUERY_BODY ? EngineQueries.badBody(json, body) : null;
            forwarded = EngineRestRequests.withBody(request, body);
        }
        if (badQuery != null) {
            refuse(response, badQuery);
            return;
        }
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        Refusals.Outcome outcome;
        HttpServletRequest call = forwarded;
        try {
            outcome = Refusals.capture(() -> chain.doFilter(call, held));
        } catch (ServletException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
        ApiException refusal = outcome.refusal();
        if (refusal != null && (outcome.failed() || held.getStatus() >= 400) && !response.isCommitted()) {
            held.resetBuffer();
            refuse(response, refusal);
            return;
        }
        if (held.getStatus() >= 400 && held.getContentSize() > MAX_ERROR_BODY && !response.isCommitted()) {
            byte[] cut = shortened(held.getContentAsByteArray());
            if (cut != null) {
                held.resetBuffer();
                response.setContentLength(cut.length);
                response.getOutputStream().write(cut);
                return;
            }
        }
        held.copyBodyToResponse();
    }

    private void refuse(HttpServletResponse response, ApiException refusal) throws IOException {
        EngineRestRequests.refuse(response, json, ApiError.of(refusal.status().value(),
                refusal.getClass().getSimpleName(), refusal.messageZh(), refusal.messageEn(), refusal.details()));
    }

    /** The error with its message cut to a readable length; null if it is no JSON error of the REST API. */
    private byte[] shortened(byte[] body) {
        try {
            JsonNode error = json.readTree(body);
            if (!(error instanceof ObjectNode fields) || !fields.path("message").isTextual()) {
                return null;
            }
            String message = fields.get("message").asText();
            fields.put("message", message.substring(0, Math.min(MAX_MESSAGE, message.length())) + "…");
            return json.writeValueAsBytes(fields);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith(MediaType.APPLICATION_JSON_VALUE);
    }
}
