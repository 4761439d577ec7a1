package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.Grants;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.organization.Role;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Grants the entity groups what the annual-report process needs: everybody reads the process definition (diagram,
 * forms); the owners (司法局 / 依法治理办) also start cases. Reading a running case is granted per case at its start.
 */
@Component
@Order(20)
class CaseAuthorizationBootstrap implements ApplicationRunner {

    private final EntityRegistry registry;
    private final Grants grants;

    CaseAuthorizationBootstrap(EntityRegistry registry, Grants grants) {
        this.registry = registry;
        this.grants = grants;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (ReportingEntity entity : registry.all()) {
            for (Role role : Role.values()) {
                String group = role.groupId(entity.code());
                if (role == Role.OWNER) {
                    grants.grantGroup(group, Resources.PROCESS_DEFINITION, AnnualReportProcess.PROCESS_KEY,
                            Permissions.READ, Permissions.CREATE_INSTANCE);
                    grants.grantGroup(group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
                } else {
                    grants.grantGroup(group, Resources.PROCESS_DEFINITION, AnnualReportProcess.PROCESS_KEY,
                            Permissions.READ);
                }
            }
        }
    }
}
