package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.organization.Role;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Whether the caller owns an entity's report (its 司法局/依法治办 owners) or administers the system. */
@Component
class OwnerCheck {

    private final IdentityService identityService;

    OwnerCheck(IdentityService identityService) {
        this.identityService = identityService;
    }

    void requireOwner(String entityCode) {
        Authentication caller = identityService.getCurrentAuthentication();
        boolean allowed = caller != null && caller.getGroupIds() != null
                && (caller.getGroupIds().contains(Role.OWNER.groupId(entityCode))
                || caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN));
        if (!allowed) {
            throw ReportRequestException.forbidden("只有本单位牵头负责人或系统管理员可以调整期限",
                    "Only the entity's owners or an administrator may change its dates");
        }
    }
}
