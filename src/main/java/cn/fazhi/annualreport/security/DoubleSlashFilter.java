package cn.fazhi.annualreport.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a path with an empty segment ('//', leading ones too) with the firewall's own 400 before anything reads it:
 * Spring's request-path parsing ahead of the firewall failed with a 500 on {@code //engine-rest/…}.
 */
class DoubleSlashFilter extends OncePerRequestFilter {

    private final GateResponses responses;

    DoubleSlashFilter(GateResponses responses) {
        this.responses = responses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (uri != null && uri.contains("//")) {
            responses.rejected(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
