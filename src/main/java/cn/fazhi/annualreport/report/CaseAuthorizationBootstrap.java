package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.organization.EntitiesImported;
import cn.fazhi.annualreport.organization.Grants;
import cn.fazhi.annualreport.organization.Role;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Grants the groups of imported entities what the annual-report process needs: everybody reads the process
 * definition (diagram, forms); the owners (司法局 / 依法治理办) also start cases. Cockpit is the administrators' (its
 * statistics span every entity; supervising offices read their cases through the API). Reading a case is
 * granted per case at its start, to the entity's groups and to the owners of every government above it (the
 * supervising offices); an import that moves an entity lets its new supervising offices read its existing cases.
 * Runs inside the import's transaction.
 */
@Component
class CaseAuthorizationBootstrap {

    private final Grants grants;
    private final ReportCaseService cases;

    CaseAuthorizationBootstrap(Grants grants, ReportCaseService cases) {
        this.grants = grants;
        this.cases = cases;
    }

    @EventListener
    void on(EntitiesImported imported) {
        // a few queries per chunk of the import, not per group: an import brings tens of thousands of groups
        List<String> owners = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String code : imported.codes()) {
            for (Role role : Role.values()) {
                (role == Role.OWNER ? owners : others).add(role.groupId(code));
            }
        }
        grants.grantGroups(owners, Resources.PROCESS_DEFINITION, AnnualReportProcess.PROCESS_KEY,
                Permissions.READ, Permissions.CREATE_INSTANCE);
        grants.grantGroups(owners, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        grants.grantGroups(others, Resources.PROCESS_DEFINITION, AnnualReportProcess.PROCESS_KEY, Permissions.READ);
        for (String code : imported.codes()) {
            cases.grantSupervisionOfExistingCases(code);
        }
    }
}
