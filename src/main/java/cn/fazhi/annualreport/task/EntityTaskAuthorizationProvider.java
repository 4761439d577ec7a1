package cn.fazhi.annualreport.task;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/** Camunda's automatic task authorizations plus TASK_ASSIGN for the current assignee and the entity's owners. */
class EntityTaskAuthorizationProvider extends DefaultAuthorizationProvider {

    // Camunda gives candidates, assignees and owners READ and the configured default (TASK_WORK). This adds
    // TASK_ASSIGN for the current assignee and for the owners of the task's entity, and leaves a former assignee
    // READ only (unless she is the task's owner or a candidate user).

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        List<AuthorizationEntity> out = list(super.newTaskGroupIdentityLink(task, groupId, type));
        Optional<String> owners = TaskRules.entityOfGroup(groupId).map(TaskRules::ownerGroupOf);
        if (owners.isEmpty()) {
            return array(out);
        }
        if (owners.get().equals(groupId)) {
            // the owners are the candidates themselves: one authorization carries both
            runtimeOf(out).ifPresent(a -> add(a, READ, getDefaultUserPermissionForTask(), TaskPermissions.TASK_ASSIGN));
        } else {
            out.add(createOrUpdateAuthorization(task, null, owners.get(), TASK, false, READ,
                    TaskPermissions.TASK_ASSIGN));
            if (isHistoricInstancePermissionsEnabled()) {
                out.add(createOrUpdateAuthorization(task, null, owners.get(), HISTORIC_TASK, true,
                        HistoricTaskPermissions.READ));
            }
        }
        return array(out);
    }

    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
        List<AuthorizationEntity> out = list(super.newTaskAssignee(task, oldAssignee, newAssignee));
        if (newAssignee != null) {
            runtimeOf(out).ifPresent(a -> add(a, TaskPermissions.TASK_ASSIGN));
        }
        if (oldAssignee != null && !oldAssignee.equals(newAssignee)) {
            AuthorizationEntity former = getGrantAuthorizationByUserId(oldAssignee, TASK, task.getId());
            if (former != null) {
                former.removePermission(TaskPermissions.TASK_ASSIGN);
                if (!oldAssignee.equals(task.getOwner()) && !isCandidateUser(task, oldAssignee)) {
                    // 转办: the former assignee may still read the task, but no longer work on it
                    former.removePermission(TaskPermissions.TASK_WORK);
                    former.removePermission(TaskPermissions.UPDATE);
                }
                if (!isPendingInsert(former)) {
                    out.add(former);
                }
            }
        }
        return array(out);
    }

    private static boolean isCandidateUser(Task task, String userId) {
        if (!(task instanceof DelegateTask delegate)) {
            return false;
        }
        for (IdentityLink link : delegate.getCandidates()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && userId.equals(link.getUserId())) {
                return true;
            }
        }
        return false;
    }

    /** An authorization created earlier in this command is inserted at flush with whatever it holds by then. */
    private static boolean isPendingInsert(AuthorizationEntity authorization) {
        return authorization.getId() != null
                && Context.getCommandContext().getDbEntityManager().getDbEntityCache().isTransient(authorization);
    }

    private static Optional<AuthorizationEntity> runtimeOf(List<AuthorizationEntity> authorizations) {
        return authorizations.stream().filter(a -> a.getResourceType() == TASK.resourceType()).findFirst();
    }

    private static void add(AuthorizationEntity authorization, Permission... permissions) {
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
    }

    private static List<AuthorizationEntity> list(AuthorizationEntity[] authorizations) {
        return authorizations == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(authorizations));
    }

    private static AuthorizationEntity[] array(List<AuthorizationEntity> authorizations) {
        return authorizations.toArray(new AuthorizationEntity[0]);
    }
}
