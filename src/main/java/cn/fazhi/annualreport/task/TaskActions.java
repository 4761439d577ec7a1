package cn.fazhi.annualreport.task;

import cn.fazhi.annualreport.api.Refusals;
import cn.fazhi.annualreport.api.Shown;
import cn.fazhi.annualreport.organization.PersonNames;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.Beijing;
import cn.fazhi.annualreport.shared.CaseReference;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Task actions run as the caller: the engine decides — its authorizations, and {@link TaskRules} and the task's
 * declared inputs applied by its guard ({@link HandOverGuard}) — and its refusals come back as they are.
 */
@Service
class TaskActions {

    private final TaskService taskService;
    private final HistoryService historyService;
    private final IdentityService identityService;
    private final PersonNames names;
    private final TaskRules rules;
    private final CaseCopies copies;
    private final TransactionTemplate transaction;

    TaskActions(TaskService taskService, HistoryService historyService,
                IdentityService identityService, TaskRules rules, CaseCopies copies, TransactionTemplate transaction,
                PersonNames names) {
        this.names = names;
        this.taskService = taskService;
        this.historyService = historyService;
        this.identityService = identityService;
        this.rules = rules;
        this.copies = copies;
        this.transaction = transaction;
    }

    TaskView get(String taskId) {
        return view(visible(taskId));
    }

    TaskView claim(String taskId) {
        Authentication caller = caller();
        visible(taskId);
        try {
            taskService.claim(taskId, caller.getUserId());
        } catch (TaskAlreadyClaimedException | OptimisticLockingException e) {
            throw TaskRequestException.alreadyClaimed();
        }
        return viewAfter(taskId);
    }

    TaskView unclaim(String taskId) {
        Task task = visible(taskId);
        if (task.getAssignee() == null) {
            return view(task);
        }
        run(() -> taskService.setAssignee(taskId, null));
        return viewAfter(taskId);
    }

    TaskView reassign(String taskId, String userId) {
        Task task = visible(taskId);
        if (userId == null || !userId.equals(task.getAssignee())) {
            run(() -> taskService.setAssignee(taskId, requireUser(userId)));
        }
        return viewAfter(taskId);
    }

    TaskView delegate(String taskId, String userId) {
        visible(taskId);
        run(() -> taskService.delegateTask(taskId, requireUser(userId)));
        return viewAfter(taskId);
    }

    /** The delegate hands the task back with values of its form, if any (its declared inputs only). */
    TaskView resolve(String taskId, Map<String, Object> variables) {
        visible(taskId);
        run(() -> taskService.resolveTask(taskId, variables == null ? Map.of() : variables));
        return viewAfter(taskId);
    }

    List<CommentView> comments(String taskId) {
        readable(taskId);
        return taskService.getTaskComments(taskId).stream()
                .sorted(Comparator.comparing(Comment::getTime).thenComparing(Comment::getId))
                .map(this::view)
                .toList();
    }

    /**
     * The people a task's history names — who acted (the engine's user operation log, as the caller may read it), the
     * assignees and owners it was given, and its current assignee and owner — with their names, for Tasklist's
     * history tab (tasklist/custom-scripts/person-names.js), whose users may not read other users' profiles.
     */
    List<PersonView> people(String taskId) {
        readable(taskId);
        java.util.Set<String> ids = new java.util.HashSet<>();
        historyService.createUserOperationLogQuery().taskId(taskId).list().forEach(entry -> {
            ids.add(entry.getUserId());
            if ("assignee".equals(entry.getProperty()) || "owner".equals(entry.getProperty())) {
                ids.add(entry.getOrgValue());
                ids.add(entry.getNewValue());
            }
        });
        HistoricTaskInstance task = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (task != null) {
            ids.add(task.getAssignee());
            ids.add(task.getOwner());
        }
        ids.remove(null);
        return ids.stream().sorted().map(id -> new PersonView(id, names.of(id))).toList();
    }

    CommentView comment(String taskId, String message) {
        String text = TaskRules.text(message, true);
        Task task = visible(taskId);

        Comment comment = call(() -> taskService.createComment(taskId, task.getProcessInstanceId(), text));
        return view(comment);
    }

    /**
     * 抄送: who may read the case shares it with another person, for reading only, and the copy is recorded. Nobody
     * passes on more than they may read themselves: a department's contributor, who works on one task of the case
     * but may not read it, cannot copy it.
     */
    CopyView copy(String taskId, String userId, String note) {
        Authentication caller = caller();
        Task task = visible(taskId);
        String text = TaskRules.text(note, false);
        if (historyService.createHistoricProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .count() == 0) {
            throw TaskRequestException.forbidden("只有可以查阅本案件的人员才能抄送本案件",
                    "Only people who may read the case may copy it to others");
        }
        if (!rules.userExists(userId)) {
            throw TaskRequestException.invalid("用户不存在：" + Shown.value(userId), "No such user: " + Shown.value(userId));
        }
        if (userId.equals(caller.getUserId())) {
            throw TaskRequestException.invalid("不能抄送给自己", "You cannot copy a case to yourself");
        }
        Date now = ClockUtil.getCurrentTime();
        long id = transaction.execute(status -> {
            long recorded = copies.record(task.getProcessInstanceId(), taskId, caller.getUserId(), userId, text, now);
            SystemCall.run(identityService, () -> {
                copies.grantRead(userId, task.getProcessInstanceId());
                return null;
            });
            return recorded;
        });
        return SystemCall.run(identityService, () -> copyView(new CaseCopies.Row(id, task.getProcessInstanceId(),
                taskId, caller.getUserId(), userId, text.isEmpty() ? null : text, new Timestamp(now.getTime()))));
    }

    /** The cases copied to the caller, newest first. */
    List<CopyView> copiesToMe() {
        List<CaseCopies.Row> rows = copies.to(caller().getUserId());
        // the rows are addressed to the caller: their case facts are read in full
        return SystemCall.run(identityService, () -> rows.stream().map(this::copyView).toList());
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private Authentication caller() {
        Authentication caller = identityService.getCurrentAuthentication();
        if (caller == null || caller.getUserId() == null) {
            throw TaskRequestException.forbidden("请先登录", "Authentication required");
        }
        return caller;
    }

    /** A user the task should go to (the guard checks they belong to its entity). */
    private static String requireUser(String userId) {
        if (userId == null || userId.isBlank()) {
            throw TaskRequestException.invalid("请指定办理人（userId）", "Name the user to give the task to (userId)");
        }
        return userId;
    }

    /** The task as the caller sees it; 404 if it does not exist or the engine hides it from the caller. */
    private Task visible(String taskId) {
        caller();
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw TaskRequestException.notFound(taskId);
        }
        return task;
    }

    /** An open task the caller sees, or a finished one whose history the caller may read. */
    private void readable(String taskId) {
        caller();
        if (taskService.createTaskQuery().taskId(taskId).count() == 0
                && historyService.createHistoricTaskInstanceQuery().taskId(taskId).count() == 0) {
            throw TaskRequestException.notFound(taskId);
        }
    }

    /** An engine call as the caller: a task gone or changed meanwhile is a conflict, never a server error. */
    private <T> T call(Supplier<T> engineCall) {
        try {
            return engineCall.get();
        } catch (AuthorizationException e) {
            throw e;
        } catch (ProcessEngineException e) {
            Refusals.behind(e).ifPresent(refusal -> {
                throw refusal;
            });
            throw conflict(e);
        }
    }

    /** A task gone or changed meanwhile is a conflict, never a server error. */
    private static TaskRequestException conflict(ProcessEngineException e) {
        return e instanceof OptimisticLockingException
                ? TaskRequestException.conflict("任务刚被他人修改，请刷新后重试",
                        "The task was changed by someone else meanwhile; reload and try again")
                : TaskRequestException.conflict("任务状态已变化，无法执行该操作",
                        "The task cannot do this in its current state: " + e.getMessage());
    }

    private void run(Runnable engineCall) {
        call(() -> {
            engineCall.run();
            return null;
        });
    }

    /** The task after an action, read in full: the caller saw it just before. */
    private TaskView viewAfter(String taskId) {
        return SystemCall.run(identityService, () -> {
            Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
            return task == null ? null : view(task);
        });
    }

    private TaskView view(Task task) {
        List<String> groups = SystemCall.run(identityService, () -> taskService.getIdentityLinksForTask(task.getId())
                .stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .toList());
        return new TaskView(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getProcessInstanceId(),
                rules.entityOf(task), task.getAssignee(), task.getOwner(),
                task.getDelegationState() == null ? null : task.getDelegationState().name(), groups,
                time(task.getDueDate()), time(task.getCreateTime()));
    }

    private CommentView view(Comment comment) {
        return new CommentView(comment.getId(), comment.getFullMessage(), comment.getUserId(),
                names.of(comment.getUserId()), time(comment.getTime()));
    }

    /** Reads the case facts of a copy; runs without authorization checks (callers make sure the row is theirs). */
    private CopyView copyView(CaseCopies.Row row) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(row.processInstanceId()).singleResult();
        HistoricTaskInstance task = historyService.createHistoricTaskInstanceQuery().taskId(row.taskId())
                .singleResult();
        String businessKey = instance == null ? null : instance.getBusinessKey();
        Optional<CaseReference> reference = CaseReference.fromBusinessKey(businessKey);
        String entity = reference.map(CaseReference::entityCode).orElse(null);
        Integer year = reference.map(CaseReference::year).orElse(null);
        HistoricVariableInstance entityName = instance == null ? null : historyService
                .createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(CaseVariables.ENTITY_NAME).singleResult();
        return new CopyView(row.id(), row.processInstanceId(), businessKey, entity,
                entityName == null ? null : (String) entityName.getValue(), year, row.taskId(),
                task == null ? null : task.getName(), row.fromUser(), names.of(row.fromUser()), row.toUser(),
                row.note(), time(row.createdAt()),
                entity == null || year == null ? null : "/api/reports/" + entity + "/" + year);
    }

    private static OffsetDateTime time(Date date) {
        return date == null ? null : date.toInstant().atZone(Beijing.ZONE).toOffsetDateTime();
    }

    /** A task as the API shows it. */
    record TaskView(String id, String name, String taskDefinitionKey, String processInstanceId, String entity,
                    String assignee, String owner, String delegationState, List<String> candidateGroups,
                    OffsetDateTime due, OffsetDateTime created) {
    }

    /** A comment (办理意见) with its author and time. */
    /** A person by user id and name (姓名; the id for someone no longer registered). */
    record PersonView(String id, String name) {
    }

    record CommentView(String id, String message, String userId, String userName, OffsetDateTime time) {
    }

    /** A case copied to a person for information (抄送), with where to read it. */
    record CopyView(long id, String processInstanceId, String businessKey, String entity, String entityName,
                    Integer year, String taskId, String taskName, String fromUser, String fromUserName, String toUser,
                    String note, OffsetDateTime createdAt, String caseLink) {
    }
}
