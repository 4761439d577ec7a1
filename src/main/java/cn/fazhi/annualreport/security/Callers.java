package cn.fazhi.annualreport.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/** Who is calling: the engine authentication of this request, or the user logged into the webapps' session. */
public final class Callers {

    private static final String ENGINE = "default";

    private Callers() {
    }

    /** The caller of a request, if authenticated by /engine-rest's filter, /api's filter or a webapp session. */
    public static Optional<Authentication> of(HttpServletRequest request, IdentityService identityService) {
        Authentication current = identityService.getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return Optional.of(current);
        }
        return webappUser(request).map(u -> new Authentication(u.getIdentityId(), new ArrayList<>(u.getGroupIds()),
                new ArrayList<>(u.getTenantIds())));
    }

    /** Whether the caller is a system administrator (member of Camunda's {@code camunda-admin} group). */
    public static boolean isAdmin(Authentication caller) {
        return caller != null && caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
    }

    /** The user logged into the webapps (Tasklist, Cockpit, Admin) in this request's session. */
    static Optional<UserAuthentication> webappUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications != null
                && authentications.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    /** Runs engine calls as the caller, so that the engine's authorizations apply; restores what was there. */
    public static <T> T runAs(IdentityService identityService, Authentication caller, Supplier<T> call) {
        Authentication previous = identityService.getCurrentAuthentication();
        identityService.setAuthentication(caller);
        try {
            return call.get();
        } finally {
            if (previous != null) {
                identityService.setAuthentication(previous);
            } else {
                identityService.clearAuthentication();
            }
        }
    }
}
