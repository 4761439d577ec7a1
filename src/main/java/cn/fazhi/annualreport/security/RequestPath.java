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

    /** Whether the path is the prefix itself or lies under it ({@code /public} and {@code /public/a}, not {@code /publicx}). */
    static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
