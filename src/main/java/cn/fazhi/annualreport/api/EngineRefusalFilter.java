package cn.fazhi.annualreport.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Words the engine REST API's answers (/engine-rest, and /camunda/api/engine used by Tasklist) to bad or refused
 * requests in the reader's language ({@link Language}), with both languages for code: a change the application
 * refused inside the engine ({@link Refusals}) gets that refusal's status (400, 403, 404, 409) and message instead of
 * whatever the REST API makes of the exception; a list query the engine could not run gets a 400 before it runs
 * ({@link EngineQueries}); the engine's own errors (a missing authorization, a task gone) keep their type and English
 * message and get a Chinese one; an error that repeats a huge input is cut short. It decides nothing: the rules were applied in the engine, whatever the spelling of the path.
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
    private final String webappEngineApi;

    /** @param webapp Camunda's webapp path (e.g. /camunda), whose engine API the webapps show errors of as HTML */
    EngineRefusalFilter(ObjectMapper json, String webapp) {
        this.json = json;
        this.webappEngineApi = webapp + "/api/engine/";
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
            refuse(request, response, badQuery);
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
            refuse(request, response, refusal);
            return;
        }
        if (held.getStatus() >= 400 && !response.isCommitted()) {
            byte[] worded = worded(held.getContentAsByteArray(), held.getStatus(), Language.of(request),
                    shownAsHtml(request));
            if (worded != null) {
                held.resetBuffer();
                response.setContentType("application/json;charset=UTF-8");
                response.setContentLength(worded.length);
                response.getOutputStream().write(worded);
                return;
            }
        }
        held.copyBodyToResponse();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ApiException refusal)
            throws IOException {
        ApiError error = ApiError.of(Language.of(request), refusal.status().value(),
                refusal.getClass().getSimpleName(), refusal.messageZh(), refusal.messageEn(), refusal.details());
        if (shownAsHtml(request)) {
            error = new ApiError(error.status(), error.error(), HtmlUtils.htmlEscape(error.message(), "UTF-8"),
                    error.messageZh(), error.messageEn(), error.details());
        }
        EngineRestRequests.refuse(response, json, error);
    }

    /**
     * The engine's own error (its type, English message and other fields) with the application's fields added:
     * {@code messageEn} the engine's message (cut to a readable length if it repeats a huge input), {@code messageZh}
     * what the error means in Chinese, {@code message} in the reader's language; null if it is no JSON error of the
     * REST API, or already one of the application's.
     */
    private byte[] worded(byte[] body, int status, Language language, boolean html) throws IOException {
        JsonNode error;
        try {
            error = json.readTree(body);
        } catch (IOException e) {
            error = null;
        }
        if (error == null || error.isMissingNode()) {
            return plain(body, status, language, html);
        }
        try {
            if (!(error instanceof ObjectNode fields) || !fields.path("message").isTextual() || fields.has("messageZh")) {
                return null;
            }
            String message = fields.get("message").asText();
            String english = body.length > MAX_ERROR_BODY
                    ? message.substring(0, Math.min(MAX_MESSAGE, message.length())) + "…" : message;
            String chinese = chinese(fields.path("type").asText(""), status);
            String shown = language.pick(chinese, english);
            fields.put("message", html ? HtmlUtils.htmlEscape(shown, "UTF-8") : shown);
            fields.put("messageZh", chinese);
            fields.put("messageEn", english);
            return json.writeValueAsBytes(fields);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A client error the REST API answered in plain text or with no body (a body it could not read, say): the same
     * answer as JSON with both languages, the English its text on one line, cut short.
     */
    private byte[] plain(byte[] body, int status, Language language, boolean html) throws IOException {
        if (status < 400 || status > 499) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        StringBuilder english = new StringBuilder();
        text.codePoints().limit(MAX_MESSAGE).forEach(c -> english.appendCodePoint(Shown.invisible(c) ? ' ' : c));
        String en = text.isEmpty() ? BilingualErrorAttributes.words(status).en()
                : english + (text.codePointCount(0, text.length()) > MAX_MESSAGE ? "…" : "");
        ApiError error = ApiError.of(language, status, "InvalidRequest", chinese("", status), en, List.of());
        if (html) {
            error = new ApiError(error.status(), error.error(), HtmlUtils.htmlEscape(error.message(), "UTF-8"),
                    error.messageZh(), error.messageEn(), error.details());
        }
        return json.writeValueAsBytes(error);
    }

    /** What an error of the engine's REST API means, in Chinese, by its type and status. */
    static String chinese(String type, int status) {
        return switch (type) {
            case "AuthorizationException" -> "无权执行此操作：您的账号没有对该任务或案件的相应权限";
            case "TaskAlreadyClaimedException" -> "该任务已被他人认领";
            case "OptimisticLockingException" -> "该任务或案件刚被他人同时修改，本次操作未执行，请刷新后重试";
            default -> switch (status) {
                case 400 -> "请求有误，未能执行";
                case 401 -> "请先登录";
                case 403 -> "无权执行此操作";
                case 404 -> "未找到所请求的对象（可能已办结、已被删除或地址有误）";
                case 409 -> "与当前状态冲突，未能执行，请刷新后重试";
                default -> BilingualErrorAttributes.words(status).zh();
            };
        };
    }

    /**
     * Whether the answer goes to Camunda's webapps, which show an error's message as HTML (Tasklist's notifications):
     * its message then carries what a refusal repeats of the input (a file name, a user id) as text, escaped.
     */
    private boolean shownAsHtml(HttpServletRequest request) {
        return EngineRestRequests.servletPath(request).startsWith(webappEngineApi);
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith(MediaType.APPLICATION_JSON_VALUE);
    }
}
