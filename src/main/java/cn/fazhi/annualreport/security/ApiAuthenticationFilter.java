package cn.fazhi.annualreport.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates calls of /api and /actuator (health excepted) against Camunda identity — HTTP Basic, or the webapp
 * session with its CSRF token for changes — and runs the request as that user, so that the engine's authorizations
 * decide what the caller sees and may do.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

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
        String userId;
        List<String> groups = null;
        if (BasicCredentials.present(request)) {
            BasicCredentials credentials = BasicCredentials.of(request).orElse(null);
            if (credentials == null || !identityService.checkPassword(credentials.userId(), credentials.password())) {
                unauthorized(response); // the failed login is logged by FailedLoginAuditFilter
                return;
            }
            userId = credentials.userId();
        } else {
            UserAuthentication session = Callers.webappUser(request).orElse(null);
            if (session == null) {
                unauthorized(response);
                return;
            }
            if (!SAFE_METHODS.contains(request.getMethod()) && !carriesSessionCsrfToken(request)) {
                refuse(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                        "使用网页登录会话提交更改时须携带有效的防跨站请求伪造令牌（X-XSRF-TOKEN）",
                        "A change made with a webapp session needs a valid CSRF token (header X-XSRF-TOKEN)");
                return;
            }
            userId = session.getIdentityId();
            groups = List.copyOf(session.getGroupIds());
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

    /** The token Camunda's CsrfPreventionFilter keeps in the session (cookie XSRF-TOKEN), sent back as a header. */
    private static boolean carriesSessionCsrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String given = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return expected instanceof String token && given != null && !given.isBlank()
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static void unauthorized(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"annual-report\", charset=\"UTF-8\"");
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", "请先登录", "Authentication required");
    }

    /** The bilingual JSON refusal of the application's API (the shape of api.ApiError). */
    private static void refuse(HttpServletResponse response, int status, String error, String zh, String en)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(("{\"status\":" + status + ",\"error\":\"" + error + "\","
                + "\"message\":\"" + zh + " / " + en + "\",\"messageZh\":\"" + zh + "\","
                + "\"messageEn\":\"" + en + "\",\"details\":[]}").getBytes(StandardCharsets.UTF_8));
    }
}
