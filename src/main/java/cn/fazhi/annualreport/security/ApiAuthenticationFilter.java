package cn.fazhi.annualreport.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates calls of /api and /actuator (health excepted) against Camunda identity (HTTP Basic, or the webapp
 * session of a logged-in user) and runs the request as that user, so that the engine's authorizations decide what the
 * caller sees and may do.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiAuthenticationFilter.class);
    private final IdentityService identityService;

    ApiAuthenticationFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** Health and its probes (/actuator/health/liveness, …/readiness) stay open to load balancers and orchestrators. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return RequestPath.isUnder(RequestPath.of(request), "/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userId = fromBasic(request);
        List<String> groups = null;
        if (userId == null) {
            UserAuthentication session = Callers.webappUser(request).orElse(null);
            if (session != null) {
                userId = session.getIdentityId();
                groups = List.copyOf(session.getGroupIds());
            }
        }
        if (userId == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"annual-report\", charset=\"UTF-8\"");
            response.setContentType("application/json;charset=UTF-8");
            response.getOutputStream().write(("{\"status\":401,\"error\":\"Unauthorized\","
                    + "\"message\":\"请先登录 / Authentication required\",\"messageZh\":\"请先登录\","
                    + "\"messageEn\":\"Authentication required\",\"details\":[]}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (groups == null) {
            groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        }
        List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                .list().stream().map(Tenant::getId).toList();
        identityService.setAuthentication(userId, groups, tenants);
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private String fromBasic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        if (identityService.checkPassword(user, decoded.substring(colon + 1))) {
            return user;
        }
        log.warn("Failed /api login for user '{}' from {}", user, request.getRemoteAddr());
        return null;
    }
}
