package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.organization.ReviewGate;
import cn.fazhi.annualreport.organization.Role;
import cn.fazhi.annualreport.security.SystemCall;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * Whether a case would have somebody for each of its tasks: the roles of the entity its user tasks go to, read from
 * the deployed process (candidate groups {@code ${entityCode}-<role>}, so a task an administrator adds in the Modeler
 * counts too), for the case's review gate; a role without a single member is missing, and a case is not started
 * with one (its tasks would reach nobody).
 */
@Component
class CaseStaffing {

    private static final Pattern ENTITY_ROLE = Pattern.compile("\\$\\{\\s*" + VAR_ENTITY_CODE + "\\s*}-([a-z]+)");
    private static final Map<String, ReviewGate> GATE_TASKS = Map.of(TASK_EXECUTIVE_MEETING, ReviewGate.EXECUTIVE_MEETING,
            TASK_LEADERSHIP_MEETING, ReviewGate.LEADERSHIP_MEETING, TASK_PRINCIPAL_SIGN_OFF, ReviewGate.PRINCIPAL_SIGN_OFF);

    private final RepositoryService repositoryService;
    private final IdentityService identityService;
    /** The entity roles of each user task, per process definition (a deployment never changes). */
    private final Map<String, Map<String, Set<Role>>> rolesByDefinition = new ConcurrentHashMap<>();

    CaseStaffing(RepositoryService repositoryService, IdentityService identityService) {
        this.repositoryService = repositoryService;
        this.identityService = identityService;
    }

    /** The roles of the entity that the case's tasks go to, in the latest process, with this review gate. */
    Set<Role> neededRoles(ReviewGate gate) {
        ProcessDefinition definition = SystemCall.run(identityService, () -> repositoryService
                .createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).latestVersion().singleResult());
        Set<Role> needed = EnumSet.noneOf(Role.class);
        if (definition == null) {
            return needed;
        }
        rolesByDefinition.computeIfAbsent(definition.getId(), this::rolesOfTasks).forEach((task, roles) -> {
            ReviewGate onlyFor = GATE_TASKS.get(task);
            if (onlyFor == null || onlyFor == gate) {
                needed.addAll(roles);
            }
        });
        return needed;
    }

    /** The needed roles of the case that have no member at the entity, in the roles' order. */
    List<Role> missingRoles(ReportingEntity entity, ReviewGate gate) {
        List<Role> missing = new ArrayList<>();
        for (Role role : neededRoles(gate)) {
            long members = SystemCall.run(identityService,
                    () -> identityService.createUserQuery().memberOfGroup(role.groupId(entity.code())).count());
            if (members == 0) {
                missing.add(role);
            }
        }
        return missing;
    }

    /** The departments among these that have nobody to hand in their material. */
    List<String> withoutContributors(List<String> departments) {
        return departments.stream().filter(d -> SystemCall.run(identityService, () -> identityService.createUserQuery()
                .memberOfGroup(Role.CONTRIBUTOR.groupId(d)).count()) == 0).toList();
    }

    private Map<String, Set<Role>> rolesOfTasks(String definitionId) {
        Map<String, Set<Role>> out = new ConcurrentHashMap<>();
        for (UserTask task : SystemCall.run(identityService, () -> repositoryService.getBpmnModelInstance(definitionId))
                .getModelElementsByType(UserTask.class)) {
            String groups = task.getCamundaCandidateGroups();
            if (groups == null) {
                continue;
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            Matcher m = ENTITY_ROLE.matcher(groups);
            while (m.find()) {
                for (Role role : Role.values()) {
                    if (role.name().toLowerCase(Locale.ROOT).equals(m.group(1))) {
                        roles.add(role);
                    }
                }
            }
            if (!roles.isEmpty()) {
                out.put(task.getId(), roles);
            }
        }
        return out;
    }
}
