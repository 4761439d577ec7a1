package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.ApiError;
import cn.fazhi.annualreport.api.BrowserPages;
import cn.fazhi.annualreport.api.EngineRestRequests;
import cn.fazhi.annualreport.api.Language;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The gate's refusals, as JSON in the reader's language with both for code (the shape of the application's and the
 * engine REST API's errors).
 */
final class GateResponses {

    private final ObjectMapper json;

    GateResponses(ObjectMapper json) {
        this.json = json;
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"annual-report\", charset=\"UTF-8\"");
        write(request, response, 401, "Unauthorized", "请先登录", "Authentication required");
    }

    /**
     * 401 without the Basic challenge for a page's script (X-Requested-With: XMLHttpRequest, as the desk sends it) and
     * for a page a browser opens (the error page): the browser would otherwise open its own login dialog instead of
     * the person going to Tasklist's login.
     */
    void unauthorizedOrChallenge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (BrowserPages.isPage(request)) {
            // a link opened without a login (a draft's 在线阅读, a mail page): the error page in the browser's language
            // with the way to Tasklist's login, not the browser's own Basic login box
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        if ("XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            write(request, response, 401, "Unauthorized", "请先登录", "Authentication required");
        } else {
            unauthorized(request, response);
        }
    }

    /**
     * 403; a page a browser navigates to (GET with Accept: text/html, not a script's call) gets Spring's error page in
     * the browser's language (api.ErrorPages) instead of JSON.
     */
    void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (BrowserPages.isPage(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        write(request, response, 403, "Forbidden", "无权访问该地址", "You are not allowed to call this address");
    }

    void csrfMissing(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 403, "Forbidden", "使用网页登录会话提交更改时须携带有效的防跨站请求伪造令牌（X-XSRF-TOKEN）",
                "A change made with a webapp session needs a valid CSRF token (header X-XSRF-TOKEN)");
    }

    void throttled(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader("Retry-After", String.valueOf(seconds));
        write(request, response, 429, "TooManyRequests", "密码错误次数过多，请 " + seconds + " 秒后再试",
                "Too many wrong passwords: try again in " + seconds + " seconds");
    }

    /** The firewall refused the address itself: a spelling no client of this application sends. */
    void rejected(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 400, "BadRequest", "请求地址不规范（含分号、连续斜杠、编码斜杠、“..”或控制字符等），已拒绝",
                "The request address is not in normal form (a semicolon, '//', an encoded slash, '..' or a control"
                        + " character) and was refused");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String error, String zh,
                       String en) throws IOException {
        EngineRestRequests.refuse(response, json, ApiError.of(Language.of(request), status, error, zh, en, List.of()));
    }
}
