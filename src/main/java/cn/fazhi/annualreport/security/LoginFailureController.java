package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.shared.Beijing;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administrators' view of wrong passwords (who is being tried, from where, how often, until when they wait) and
 * their remedy: letting an account in again at once.
 */
@RestController
@RequestMapping("/api/security/login-failures")
class LoginFailureController {

    private final LoginThrottle throttle;
    private final IdentityService identityService;

    LoginFailureController(LoginThrottle throttle, IdentityService identityService) {
        this.throttle = throttle;
        this.identityService = identityService;
    }

    @GetMapping
    List<FailureView> recent(HttpServletRequest request) {
        requireAdmin(request);
        return throttle.recent().stream().map(r -> new FailureView(r.user(), r.source(), r.failures(),
                time(r.firstFailureAt()), time(r.lastFailureAt()), time(r.blockedUntil()))).toList();
    }

    /** Clears an account's failures, from one address or ({@code source} left out) from all. */
    @DeleteMapping
    Map<String, Object> clear(HttpServletRequest request, @RequestParam String user,
                              @RequestParam(required = false) String source) {
        requireAdmin(request);
        return Map.of("user", LoginThrottle.key(user), "cleared", throttle.clear(user, source));
    }

    private void requireAdmin(HttpServletRequest request) {
        if (!Callers.isAdmin(Callers.of(request, identityService).orElse(null))) {
            throw new AdminOnly();
        }
    }

    private static OffsetDateTime time(java.time.Instant instant) {
        return instant.atZone(Beijing.ZONE).toOffsetDateTime();
    }

    /** Failures of one account from one address. */
    record FailureView(String user, String source, int failures, OffsetDateTime firstFailureAt,
                       OffsetDateTime lastFailureAt, OffsetDateTime waitsUntil) {
    }

    /** Only administrators see and clear login failures (403). */
    static final class AdminOnly extends ApiException {

        AdminOnly() {
            super(HttpStatus.FORBIDDEN, "只有系统管理员（camunda-admin 组）可以查看和解除登录限制",
                    "Only administrators (group camunda-admin) may see and clear login failures");
        }
    }
}
