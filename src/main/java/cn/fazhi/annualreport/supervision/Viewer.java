package cn.fazhi.annualreport.supervision;

import org.springframework.http.HttpStatus;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.organization.Role;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Whose cases the caller reads, by the rule the engine's case grants follow (ReportCaseService.grantCaseAccess): an
 * administrator every case; an entity's owners, drafters, leaders, office and secrecy reviewers their entity's case;
 * an entity's owners (依法治X办, 司法局) also every case below their entity, however deep. Contributors read none.
 */
record Viewer(String userId, boolean admin, Set<String> members, Set<String> owners) {

    static Viewer current(IdentityService identityService) {
        Authentication auth = identityService.getCurrentAuthentication();
        if (auth == null || auth.getUserId() == null) {
            throw new SupervisionException(HttpStatus.UNAUTHORIZED, "请先登录", "Log in first");
        }
        List<String> groups = auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
        Set<String> members = new HashSet<>();
        Set<String> owners = new HashSet<>();
        for (String group : groups) {
            for (Role role : Role.values()) {
                if (role != Role.CONTRIBUTOR) {
                    role.entityOf(group).ifPresent(members::add);
                }
            }
            Role.OWNER.entityOf(group).ifPresent(owners::add);
        }
        return new Viewer(auth.getUserId(), groups.contains(Groups.CAMUNDA_ADMIN), members, owners);
    }

    /** Whether the caller reads the entity's cases; {@code byCode} resolves the parents. */
    boolean reads(ReportingEntity entity, Map<String, ReportingEntity> byCode) {
        if (admin || members.contains(entity.code())) {
            return true;
        }
        return !owners.isEmpty() && supervises(Hierarchy.ancestorsOrSelf(entity, byCode));
    }

    /** Whether the caller is an owner of an entity in the chain (the entity and the governments above it). */
    boolean supervises(List<String> ancestorsOrSelf) {
        return admin || ancestorsOrSelf.stream().anyMatch(owners::contains);
    }
}
