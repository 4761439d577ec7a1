package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.security.Callers;
import cn.fazhi.annualreport.organization.Role;
import org.camunda.bpm.engine.IdentityService;
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
        if (!isOwner(identityService.getCurrentAuthentication(), entityCode)) {
            throw ReportRequestException.forbidden("只有本单位牵头负责人或系统管理员可以调整期限",
                    "Only the entity's owners or an administrator may change its dates");
        }
    }

    /**
     * A case is started by the entity's owners or an admin; the application itself (no authentication: the annual
     * launch, tests) may start any.
     */
    void requireStarter(String entityCode) {
        Authentication caller = identityService.getCurrentAuthentication();
        if (caller != null && caller.getUserId() != null && !isOwner(caller, entityCode)) {
            throw ReportRequestException.forbidden("只有本单位牵头负责人或系统管理员可以启动本单位的年度报告",
                    "Only the entity's owners or an administrator may start its annual report");
        }
    }

    /** Whether the caller may start the entity's case ({@link #requireStarter} would let it). */
    boolean mayStart(String entityCode) {
        return isOwner(identityService.getCurrentAuthentication(), entityCode);
    }

    private static boolean isOwner(Authentication caller, String entityCode) {
        return caller != null && caller.getGroupIds() != null
                && (caller.getGroupIds().contains(Role.OWNER.groupId(entityCode))
                || Callers.isAdmin(caller));
    }
}
