package cn.fazhi.annualreport.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may call what, decided on the path as the servlet container normalized it (after the firewall refused every
 * ambiguous spelling), deny by default. docs/security.md, "Who may call what", is this table in words.
 */
final class AccessRules implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final String webapp;

    /** @param webapp Camunda's webapp path, {@code camunda.bpm.webapp.application-path} (e.g. {@code /camunda}) */
    AccessRules(String webapp) {
        this.webapp = webapp;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        Caller caller = authentication.get() instanceof Caller c ? c : null;
        return new AuthorizationDecision(allows(request.getMethod(), RequestPath.normalized(request), caller));
    }

    /** Whether nobody at all may make this call (not even an administrator): refused with 403, logged in or not. */
    boolean closedToEveryone(HttpServletRequest request) {
        return !allows(request.getMethod(), RequestPath.normalized(request), ANY_ADMIN);
    }

    private static final Caller ANY_ADMIN = new Caller("", java.util.List.of(
            org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN), java.util.List.of(), Caller.Channel.BASIC);

    boolean allows(String method, String path, Caller caller) {
        if (path.equals("/error") || path.equals("/") || path.equals("/favicon.ico")) {
            return true;
        }
        if (RequestPath.isUnder(path, "/actuator/health") || RequestPath.isUnder(path, "/public")) {
            return true; // /public answers anything but GET and HEAD with 405 itself
        }
        if (RequestPath.isUnder(path, "/desk")) {
            return READS.contains(method); // the desk's static pages; their data comes from /api with the login
        }
        if (RequestPath.isUnder(path, "/api")
                && RequestPath.isUnder(path.toLowerCase(java.util.Locale.ROOT), "/api/admin")) {
            // the administrators' own operations (e.g. migrating cases), whatever the case of the letters
            return caller != null && caller.admin();
        }
        if (RequestPath.isUnder(path, "/api")) {
            return caller != null; // the application's controllers decide what each caller may do
        }
        if (RequestPath.isUnder(path, "/actuator")) {
            return caller != null && caller.admin(); // the application's metrics and info: for its operators
        }
        if (RequestPath.isUnder(path, "/engine-rest")) {
            return caller != null && engine(method, EngineApi.belowEngine(path.substring("/engine-rest".length())), caller);
        }
        if (RequestPath.isUnder(path, webapp)) {
            return webapp(method, path.substring(webapp.length()), caller);
        }
        return false;
    }

    /** Camunda's webapps: their pages and assets, the login, and their APIs with the login session. */
    private boolean webapp(String method, String path, Caller caller) {
        if (path.isEmpty() || RequestPath.isUnder(path, "/app") || RequestPath.isUnder(path, "/assets")
                || RequestPath.isUnder(path, "/lib") || path.equals("/favicon.ico")) {
            return READS.contains(method); // the single-page apps check the login and app access themselves
        }
        if (RequestPath.isUnder(path, "/api/admin/auth/user")) {
            return true; // who am I, login, logout: Camunda's own
        }
        if (RequestPath.isUnder(path, "/api/admin/setup")) {
            return false; // the first-admin setup: the admin exists from the first start (AdminAccountGuard)
        }
        if (path.matches("/api/(tasklist|cockpit|admin)/plugin/[^/]+/static(/.*)?")) {
            return READS.contains(method); // the plugins' scripts, loaded before the login
        }
        if (path.equals("/api/engine/engine")) {
            return READS.contains(method); // the engines' names, for the login page
        }
        if (path.matches("/api/engine/engine/[^/]+/identity/password-policy")) {
            return true; // Camunda's password rules, shown where a password is set
        }
        if (caller == null) {
            return false;
        }
        if (RequestPath.isUnder(path, "/api/engine")) {
            return engine(method, EngineApi.belowEngine(path.substring("/api/engine".length())), caller);
        }
        if (RequestPath.isUnder(path, "/api/tasklist") || RequestPath.isUnder(path, "/api/welcome")) {
            return true;
        }
        return caller.admin(); // Cockpit's and Admin's own APIs
    }

    private static boolean engine(String method, String below, Caller caller) {
        return below.isEmpty() ? READS.contains(method) : caller.admin() || EngineApi.allowsPeople(method, below);
    }
}
