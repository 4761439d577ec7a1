package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.Refusals;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.AuthorizationServiceImpl;

/**
 * The engine's authorization service without REVOKE authorizations, whoever saves one (Camunda Admin, the engine REST
 * API, code): the application grants only, so the engine skips its revoke checks on every authorized query
 * ({@code authorizationCheckRevokes: never}), which would otherwise silently ignore a revoke. Installed by
 * {@link EngineGuardPlugin}.
 */
class GuardedAuthorizationService extends AuthorizationServiceImpl {

    @Override
    public Authorization createNewAuthorization(int authorizationType) {
        refuseRevoke(authorizationType);
        return super.createNewAuthorization(authorizationType);
    }

    @Override
    public Authorization saveAuthorization(Authorization authorization) {
        if (authorization != null) {
            refuseRevoke(authorization.getAuthorizationType());
        }
        return super.saveAuthorization(authorization);
    }

    private static void refuseRevoke(int authorizationType) {
        if (authorizationType == Authorization.AUTH_TYPE_REVOKE) {
            throw Refusals.ofAction(GuardRefusal.revokeNotUsed());
        }
    }
}
