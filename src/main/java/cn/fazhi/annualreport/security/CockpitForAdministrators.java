package cn.fazhi.annualreport.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Cockpit and Admin are the administrators' tools: their pages count and list every entity's cases, and the gate
 * closes their APIs to everybody else. Access to them granted to other users or groups (earlier versions let process
 * owners into Cockpit) is withdrawn at start, so that nobody is sent to a page that can only fail.
 */
@Component
class CockpitForAdministrators {

    private static final Logger LOG = LoggerFactory.getLogger(CockpitForAdministrators.class);

    private final AuthorizationService authorizations;
    private final IdentityService identityService;

    CockpitForAdministrators(AuthorizationService authorizations, IdentityService identityService) {
        this.authorizations = authorizations;
        this.identityService = identityService;
    }

    @EventListener(ApplicationReadyEvent.class)
    void withdrawOthersAccess() {
        SystemCall.run(identityService, () -> {
            for (String app : new String[] {"cockpit", "admin"}) {
                for (Authorization grant : authorizations.createAuthorizationQuery()
                        .resourceType(Resources.APPLICATION).resourceId(app).list()) {
                    if (!Groups.CAMUNDA_ADMIN.equals(grant.getGroupId())) {
                        authorizations.deleteAuthorization(grant.getId());
                        LOG.info("Access to {} withdrawn from {}: it is the administrators' tool", app,
                                grant.getGroupId() != null ? "group " + grant.getGroupId() : "user " + grant.getUserId());
                    }
                }
            }
            return null;
        });
    }
}
