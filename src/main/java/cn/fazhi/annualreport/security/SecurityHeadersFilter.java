package cn.fazhi.annualreport.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives every response the security headers it does not carry yet — nosniff, framing, referrer policy, a
 * Content-Security-Policy (strict, or the site's own files under /public and the desk's under /desk), which Camunda's webapps replace with theirs,
 * and no caching of the APIs' answers.
 */
class SecurityHeadersFilter extends HttpFilter {

    /** JSON and everything else: nothing may load, nobody may frame it. */
    static final String STRICT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** The public publication pages under /public: the site's own scripts, styles and images only, no inline code. */
    static final String PUBLIC_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    static final String PUBLIC_PREFIX = "/public";
    /** The supervision desk's pages (static, their data from /api with the login session). */
    static final String DESK_PREFIX = "/desk";

    /** Idempotent, so also run on error dispatches: what a refusal or error page already has is kept. */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean publicPage = RequestPath.isUnder(RequestPath.of(request), PUBLIC_PREFIX)
                || RequestPath.isUnder(RequestPath.of(request), DESK_PREFIX);
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "X-Frame-Options", publicPage ? "SAMEORIGIN" : "DENY");
        setIfAbsent(response, "Referrer-Policy", "same-origin");
        setIfAbsent(response, "Content-Security-Policy", publicPage ? PUBLIC_POLICY : STRICT_POLICY);
        String path = RequestPath.of(request);
        if (RequestPath.isUnder(path, "/api") || RequestPath.isUnder(path, "/engine-rest")) {
            // case data: never kept by a browser or a proxy (the downloads set their own caching, e.g. ETag)
            setIfAbsent(response, "Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    private static void setIfAbsent(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }
}
