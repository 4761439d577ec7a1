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
        // the raw spelling on purpose: the container's normalized path (servlet path, path info) has already folded
        // '//' into '/', and this filter only refuses, it never lets anything through that the gate would not
        String uri = request.getRequestURI();
        if (uri != null && uri.contains("//")) {
            responses.rejected(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
