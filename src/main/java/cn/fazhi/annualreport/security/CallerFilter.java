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
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Establishes who is calling, against Camunda's users: HTTP Basic on /engine-rest; HTTP Basic or the webapps' login
 * session on /api and the actuator (a change with the session needs its CSRF token); the session on the webapps' own
 * APIs. Wrong passwords go through the {@link LoginThrottle}. For /engine-rest, /api and the actuator the engine then
 * runs the request as that user, so that its authorizations and guards apply; the webapps do that themselves.
 */
final class CallerFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final IdentityService identityService;
    private final LoginThrottle throttle;
    private final GateResponses responses;
    private final String webapp;

    CallerFilter(IdentityService identityService, LoginThrottle throttle, GateResponses responses, String webapp) {
        this.identityService = identityService;
        this.throttle = throttle;
        this.responses = responses;
        this.webapp = webapp;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPath.normalized(request);
        String channel = channel(path);
        Caller caller;
        if (channel == null) {
            caller = RequestPath.isUnder(path, webapp) ? sessionCaller(request) : null;
        } else if (BasicCredentials.present(request)) {
            BasicCredentials credentials = BasicCredentials.of(request).orElse(null);
            if (credentials == null) {
                responses.unauthorized(request, response);
                return;
            }
            LoginThrottle.Attempt attempt = throttle.attempt(channel, credentials.userId(), request.getRemoteAddr(),
                    () -> identityService.checkPassword(credentials.userId(), credentials.password())
                            ? LoginThrottle.Verdict.RIGHT : LoginThrottle.Verdict.WRONG);
            if (attempt.throttled()) {
                responses.throttled(request, response, attempt.retryAfter());
                return;
            }
            if (!attempt.succeeded()) {
                responses.unauthorized(request, response);
                return;
            }
            caller = basicCaller(credentials.userId());
        } else if (!channel.equals("engine-rest")) {
            caller = sessionCaller(request);
            if (caller != null && !SAFE_METHODS.contains(request.getMethod()) && !carriesSessionCsrfToken(request)) {
                responses.csrfMissing(request, response);
                return;
            }
        } else {
            caller = null; // /engine-rest takes HTTP Basic only: it has no CSRF protection for a session
        }
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(caller);
        boolean engineRunsAsCaller = channel != null;
        if (engineRunsAsCaller) {
            identityService.setAuthentication(caller.userId(), caller.groups(), caller.tenants());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (engineRunsAsCaller) {
                identityService.clearAuthentication();
            }
            SecurityContextHolder.clearContext();
        }
    }

    /** The channel of a path that authenticates here, for the log; null for the webapps and the open paths. */
    private static String channel(String path) {
        if (RequestPath.isUnder(path, "/engine-rest")) {
            return "engine-rest";
        }
        if (RequestPath.isUnder(path, "/api")) {
            return "api";
        }
        if (RequestPath.isUnder(path, "/actuator") && !RequestPath.isUnder(path, "/actuator/health")) {
            return "actuator";
        }
        return null;
    }

    private Caller basicCaller(String userId) {
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        return new Caller(userId, groups, tenants(userId), Caller.Channel.BASIC);
    }

    private Caller sessionCaller(HttpServletRequest request) {
        UserAuthentication user = Callers.webappUser(request).orElse(null);
        return user == null ? null : new Caller(user.getIdentityId(), List.copyOf(user.getGroupIds()),
                user.getTenantIds() == null ? tenants(user.getIdentityId()) : List.copyOf(user.getTenantIds()),
                Caller.Channel.SESSION);
    }

    private List<String> tenants(String userId) {
        return identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
                .map(Tenant::getId).toList();
    }

    /** The token Camunda's CsrfPreventionFilter keeps in the session (cookie XSRF-TOKEN), sent back as a header. */
    private static boolean carriesSessionCsrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String given = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return expected instanceof String token && given != null && !given.isBlank()
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
