package cn.fazhi.annualreport.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine calls without the current user's authentication, for the application's own bookkeeping (for example
 * the uniqueness check of a case across entities). Never use it to answer what a user may see.
 */
public final class SystemCall {

    private SystemCall() {
    }

    public static <T> T run(IdentityService identityService, Supplier<T> call) {
        Authentication current = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return call.get();
        } finally {
            if (current != null) {
                identityService.setAuthentication(current);
            }
        }
    }
}
