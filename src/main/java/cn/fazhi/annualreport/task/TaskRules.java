package cn.fazhi.annualreport.task;

import cn.fazhi.annualreport.api.Shown;
import cn.fazhi.annualreport.security.Callers;
import cn.fazhi.annualreport.organization.Role;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Who may hand a task on to whom: its holder, the entity's owners or an admin, to the entity's people only. */
@Component
class TaskRules {

    static final int MAX_TEXT = 2000;

    private final IdentityService identityService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;

    TaskRules(IdentityService identityService, TaskService taskService, RuntimeService runtimeService) {
        this.identityService = identityService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
    }

    /** The entity code of a role group {@code <entity code>-<role>}; entity codes may contain '-' themselves. */
    static Optional<String> entityOfGroup(String groupId) {
        if (groupId == null) {
            return Optional.empty();
        }
        for (Role role : Role.values()) {
            String suffix = role.groupId("");
            if (groupId.endsWith(suffix) && groupId.length() > suffix.length()) {
                return Optional.of(groupId.substring(0, groupId.length() - suffix.length()));
            }
        }
        return Optional.empty();
    }

    static String ownerGroupOf(String entityCode) {
        return Role.OWNER.groupId(entityCode);
    }

    static boolean isAdmin(Authentication caller) {
        return Callers.isAdmin(caller);
    }

    static boolean isOwner(Authentication caller, String entityCode) {
        return entityCode != null && caller.getGroupIds() != null
                && caller.getGroupIds().contains(ownerGroupOf(entityCode));
    }

    static boolean isDelegated(Task task) {
        return task.getDelegationState() == DelegationState.PENDING;
    }

    /** The entity a task belongs to: the one of its candidate group, else the case's entity. */
    String entityOf(Task task) {
        return SystemCall.run(identityService, () -> {
            for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
                if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
                    Optional<String> entity = entityOfGroup(link.getGroupId());
                    if (entity.isPresent()) {
                        return entity.get();
                    }
                }
            }
            Object code = task.getProcessInstanceId() == null ? null
                    : runtimeService.getVariable(task.getProcessInstanceId(), CaseVariables.ENTITY_CODE);
            return code instanceof String s ? s : null;
        });
    }

    boolean userExists(String userId) {
        return userId != null && !userId.isBlank()
                && SystemCall.run(identityService, () -> identityService.createUserQuery().userId(userId).count() > 0);
    }

    /** Whether the user belongs to any role group of the entity. */
    boolean isMember(String userId, String entityCode) {
        List<Group> groups = SystemCall.run(identityService,
                () -> identityService.createGroupQuery().groupMember(userId).list());
        return entityCode != null
                && groups.stream().anyMatch(g -> entityOfGroup(g.getId()).filter(entityCode::equals).isPresent());
    }

    /** Refuses unless the caller may hand the task on (转办, 委派, 退回): its assignee, the entity's owners, an admin. */
    void requireMayHandOn(Authentication caller, Task task, String entityCode) {
        if (isAdmin(caller) || isOwner(caller, entityCode)) {
            return;
        }
        if (caller.getUserId().equals(task.getAssignee())) {
            if (isDelegated(task)) {
                throw TaskRequestException.conflict("委派中的任务须由受托人办结交回（resolve），不能再转办、委派或退回",
                        "A delegated task goes back to its owner by resolving it; the delegate cannot hand it on");
            }
            return;
        }
        throw TaskRequestException.forbidden("只有任务的办理人、本单位牵头负责人或系统管理员可以转办、委派或退回任务",
                "Only the task's assignee, the entity's owners or an administrator may hand the task on");
    }

    /** Refuses a target who is unknown or no member of a role group of the task's entity. */
    void requireTarget(String userId, String entityCode) {
        if (userId == null || userId.isBlank()) {
            throw TaskRequestException.invalid("请指定办理人（userId）", "Name the user to give the task to (userId)");
        }
        if (!userExists(userId)) {
            throw TaskRequestException.invalid("用户不存在：" + Shown.value(userId), "No such user: " + Shown.value(userId));
        }
        if (!isMember(userId, entityCode)) {
            throw TaskRequestException.invalid("只能交给本单位（" + entityCode + "）的人员办理：" + Shown.value(userId),
                    "The task can only go to people of its own entity (" + entityCode + "): " + Shown.value(userId));
        }
    }

    /** 退回: the holder, the entity's owners or an admin give an assigned, undelegated task back to its group. */
    void checkUnclaim(Authentication caller, Task task, String entityCode) {
        if (task.getAssignee() == null) {
            return;
        }
        requireNotDelegated(task);
        requireMayHandOn(caller, task, entityCode);
    }

    /** 转办: the holder, the entity's owners or an admin give the task to another person of the entity. */
    void checkReassign(Authentication caller, Task task, String entityCode, String userId) {
        requireMayHandOn(caller, task, entityCode);
        requireTarget(userId, entityCode);
    }

    /** 委派: like 转办, but of a claimed task and to someone other than its holder. */
    void checkDelegate(Authentication caller, Task task, String entityCode, String userId) {
        if (task.getAssignee() == null) {
            throw TaskRequestException.conflict("任务尚未认领，不能委派；请先认领或转办",
                    "An unclaimed task cannot be delegated; claim or reassign it first");
        }
        requireMayHandOn(caller, task, entityCode);
        requireTarget(userId, entityCode);
        if (userId.equals(task.getAssignee())) {
            throw TaskRequestException.invalid("不能委派给当前办理人本人：" + Shown.value(userId),
                    "The task is already with " + Shown.value(userId));
        }
    }

    /** Refuses a group that is not a role group of the task's entity. */
    void requireGroupOf(String groupId, String entityCode) {
        if (entityOfGroup(groupId).filter(e -> e.equals(entityCode)).isEmpty()) {
            throw TaskRequestException.invalid("只能交给本单位（" + entityCode + "）的岗位办理：" + Shown.value(groupId),
                    "The task can only go to role groups of its own entity (" + entityCode + "): "
                            + Shown.value(groupId));
        }
    }

    /** Refuses to take a task back to the group while it is delegated. */
    void requireNotDelegated(Task task) {
        if (isDelegated(task)) {
            throw TaskRequestException.conflict("委派中的任务不能退回，请受托人先办结交回",
                    "A delegated task cannot be unclaimed; the delegate resolves it first");
        }
    }

    /** Refuses to complete a delegated task: the delegate resolves it first (Tasklist has no resolve button). */
    void requireNotDelegatedForCompletion(Task task) {
        if (isDelegated(task)) {
            throw TaskRequestException.conflict("该任务已委派：须由受托人办结交回（POST /api/tasks/" + task.getId()
                            + "/resolve），再由委托人完成",
                    "The task is delegated: the delegate resolves it (POST /api/tasks/" + task.getId()
                            + "/resolve), then its owner completes it");
        }
    }

    /** Refuses a resolve unless the task is delegated and the caller is the delegate (or an admin). */
    void requireResolver(Authentication caller, Task task) {
        if (!isDelegated(task)) {
            throw TaskRequestException.conflict("该任务未被委派，无需交回", "The task is not delegated");
        }
        if (!isAdmin(caller) && !caller.getUserId().equals(task.getAssignee())) {
            throw TaskRequestException.forbidden("只有受托人可以办结交回委派的任务",
                    "Only the delegate may resolve a delegated task");
        }
    }

    /** Refuses a claim of a task somebody else holds, and a claim in someone else's name. */
    void requireClaimable(Authentication caller, Task task, String userId) {
        if (userId != null && !userId.equals(caller.getUserId()) && !isAdmin(caller)) {
            throw TaskRequestException.forbidden("只能由本人认领任务；交给他人请使用转办",
                    "You can only claim a task for yourself; use reassign to give it to someone else");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(userId)) {
            throw TaskRequestException.alreadyClaimed();
        }
    }

    /** A comment (办理意见) or note: the text, trimmed; required comments must not be blank; at most 2,000 characters. */
    static String text(String text, boolean required) {
        String trimmed = text == null ? "" : text.strip();
        if (required && trimmed.isEmpty()) {
            throw TaskRequestException.invalid("办理意见不能为空", "A comment needs a message");
        }
        if (trimmed.length() > MAX_TEXT) {
            throw TaskRequestException.invalid("内容不能超过" + MAX_TEXT + "字（现为" + trimmed.length() + "字）",
                    "At most " + MAX_TEXT + " characters (got " + trimmed.length() + ")");
        }
        return trimmed;
    }
}
