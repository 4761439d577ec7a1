package cn.fazhi.annualreport.security;

import jakarta.servlet.http.HttpServletRequest;

/** The path of a request as the servlet container mapped it: decoded, normalized, without context path. */
final class RequestPath {

    private RequestPath() {
    }

    /** Servlet path plus path info, e.g. {@code /engine-rest/task} or {@code /actuator/health/liveness}. */
    static String of(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    /**
     * {@link #of} without trailing slashes ({@code /task/1/claim/} is {@code /task/1/claim}, as the REST API routes
     * it), and {@code /} for the root.
     */
    static String normalized(HttpServletRequest request) {
        String path = of(request);
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return end == 0 ? "/" : path.substring(0, end);
    }

    /** Whether the path is the prefix itself or lies under it ({@code /public} and {@code /public/a}, not {@code /publicx}). */
    static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
