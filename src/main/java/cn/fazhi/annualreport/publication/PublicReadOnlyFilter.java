package cn.fazhi.annualreport.publication;

import cn.fazhi.annualreport.api.Language;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Keeps /public read-only: anything but GET and HEAD is answered 405 (Allow: GET, HEAD) before any handler runs, in
 * Chinese (English for a client that asks for English).
 */
class PublicReadOnlyFilter extends HttpFilter {

    static final String ALLOW = "GET, HEAD";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        response.setHeader("Allow", ALLOW);
        response.setContentType("text/plain;charset=UTF-8");
        boolean english = Language.of(request).chineseUnlessEnglish() == Language.EN;
        response.getOutputStream().write((english ? "405 Method not allowed: the public pages are read-only (GET, HEAD).\n"
                : "405 公开专栏为只读页面，仅支持 GET 和 HEAD 请求。\n").getBytes(StandardCharsets.UTF_8));
    }
}
