package cn.fazhi.annualreport.task;

import cn.fazhi.annualreport.security.TaskGuard;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@link TaskRules} applied by the engine to every task call of a person (Tasklist, /engine-rest, /api/tasks): claim
 * for oneself only, hand on (转办, 委派, 退回) only by the holder, the entity's owners or an admin and only to the
 * entity's people, a delegated task resolved by its delegate before it is completed, comments within their length.
 */
@Component
class HandOverGuard implements TaskGuard {

    private final TaskRules rules;

    HandOverGuard(TaskRules rules) {
        this.rules = rules;
    }

    @Override
    public Map<String, Object> submission(Task task, Map<String, Object> variables, Submission kind,
                                          Authentication caller) {
        if (kind == Submission.RESOLVE) {
            rules.requireResolver(caller, task);
        } else {
            rules.requireNotDelegatedForCompletion(task);
        }
        return variables;
    }

    @Override
    public void claim(Task task, String userId, Authentication caller) {
        rules.requireClaimable(caller, task, userId);
    }

    @Override
    public void assign(Task task, String userId, Authentication caller) {
        if (userId == null) {
            rules.checkUnclaim(caller, task, rules.entityOf(task));
        } else if (!userId.equals(task.getAssignee())) {
            rules.checkReassign(caller, task, rules.entityOf(task), userId);
        }
    }

    @Override
    public void owner(Task task, String userId, Authentication caller) {
        if (!Objects.equals(userId, task.getOwner())) {
            String entity = rules.entityOf(task);
            rules.requireMayHandOn(caller, task, entity);
            if (userId != null) {
                rules.requireTarget(userId, entity);
            }
        }
    }

    @Override
    public void delegate(Task task, String userId, Authentication caller) {
        rules.checkDelegate(caller, task, rules.entityOf(task), userId);
    }

    @Override
    public void identityLink(Task task, String userId, String groupId, String type, boolean add,
                             Authentication caller) {
        String entity = rules.entityOf(task);
        if (IdentityLinkType.ASSIGNEE.equals(type) && userId != null) {
            assign(task, add ? userId : null, caller);
            return;
        }
        if (IdentityLinkType.OWNER.equals(type) && userId != null) {
            owner(task, add ? userId : null, caller);
            return;
        }
        rules.requireMayHandOn(caller, task, entity);
        if (add && userId != null) {
            rules.requireTarget(userId, entity);
        } else if (add && groupId != null) {
            rules.requireGroupOf(groupId, entity);
        }
    }

    @Override
    public void comment(Task task, String message, Authentication caller) {
        TaskRules.text(message, true);
    }

    /**
     * A saved task (Tasklist: the follow-up date) must not change its holder past the rules, nor what the case decides
     * about it: name, due date (the case's deadline), priority, delegation.
     */
    @Override
    public void update(Task current, Task changed, Authentication caller) {
        if (!TaskRules.isAdmin(caller) && (!Objects.equals(current.getName(), changed.getName())
                || !Objects.equals(current.getDescription(), changed.getDescription())
                || !Objects.equals(current.getParentTaskId(), changed.getParentTaskId())
                || !Objects.equals(current.getTenantId(), changed.getTenantId())
                || !Objects.equals(current.getCaseInstanceId(), changed.getCaseInstanceId())
                || current.getPriority() != changed.getPriority()
                || !Objects.equals(current.getDueDate(), changed.getDueDate())
                || current.getDelegationState() != changed.getDelegationState())) {
            throw TaskRequestException.forbidden("任务的名称、说明、优先级、到期日和委派状态只能由系统管理员修改（到期日由案件期限决定，"
                            + "上级通知调整期限请用“调整期限”）",
                    "Only administrators change a task's name, description, priority, due date or delegation state"
                            + " (the due date is the case's deadline; a higher-level notice moves it through the deadlines API)");
        }
        if (!Objects.equals(current.getAssignee(), changed.getAssignee())) {
            assign(current, changed.getAssignee(), caller);
        }
        owner(current, changed.getOwner(), caller);
    }
}
