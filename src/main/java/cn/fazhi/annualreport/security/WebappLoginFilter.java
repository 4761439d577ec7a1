package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.EngineRestRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' login form (POST …/api/admin/auth/user/{engine}/login/{app}) goes through the same
 * {@link LoginThrottle} as HTTP Basic: a 401 from Camunda's login counts as a wrong password, a 200 clears the
 * address's count, anything else (403: no CSRF token, or a right password without access to that app) neither.
 */
final class WebappLoginFilter extends OncePerRequestFilter {

    /** Enough for any login form. */
    private static final int MAX_FORM = 8192;

    private final LoginThrottle throttle;
    private final GateResponses responses;
    private final Pattern login;

    WebappLoginFilter(LoginThrottle throttle, GateResponses responses, String webapp) {
        this.throttle = throttle;
        this.responses = responses;
        this.login = Pattern.compile(Pattern.quote(webapp) + "/api/admin/auth/user/[^/]+/login/[^/]+");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !login.matcher(RequestPath.normalized(request)).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_FORM + 1);
        }
        if (body.length > MAX_FORM) {
            responses.unauthorized(request, response);
            return;
        }
        HttpServletRequest cached = EngineRestRequests.withBody(request, body);
        String user = formValue(body, "username");
        if (user == null) {
            chain.doFilter(cached, response); // no credentials: Camunda answers for itself
            return;
        }
        IOException[] failure = new IOException[1];
        ServletException[] servletFailure = new ServletException[1];
        LoginThrottle.Attempt attempt = throttle.attempt("webapp", user, request.getRemoteAddr(), () -> {
            try {
                chain.doFilter(cached, response);
            } catch (IOException e) {
                failure[0] = e;
            } catch (ServletException e) {
                servletFailure[0] = e;
            }
            int status = response.getStatus();
            return status == HttpServletResponse.SC_OK ? LoginThrottle.Verdict.RIGHT
                    : status == HttpServletResponse.SC_UNAUTHORIZED ? LoginThrottle.Verdict.WRONG
                    : LoginThrottle.Verdict.UNDECIDED;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        if (servletFailure[0] != null) {
            throw servletFailure[0];
        }
        if (attempt.throttled()) {
            responses.throttled(request, response, attempt.retryAfter());
        }
    }

    /**
     * A field of an {@code application/x-www-form-urlencoded} body as the login resource reads it — names and values
     * percent-decoded ({@code user%6eame} is {@code username}), the first of repeated fields — or null.
     */
    static String formValue(byte[] body, String name) {
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            int eq = pair.indexOf('=');
            if (name.equals(decoded(eq < 0 ? pair : pair.substring(0, eq)))) {
                return decoded(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String decoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

}
