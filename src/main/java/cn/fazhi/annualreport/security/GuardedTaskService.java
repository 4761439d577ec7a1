package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Refusals;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's task service with the application's rules on what people do with tasks ({@link TaskGuard}): a
 * completion carries exactly its task's declared inputs, a task goes only to people of its entity, a person reads only
 * the variables their task shows unless they may read the whole case, and a task gone meanwhile is a 404 or 409 rather
 * than an error. Variables, names, attachments, comments of others and BPMN errors are for administrators. It applies
 * to every caller the engine runs as a user — /engine-rest, Tasklist, /api — whatever the
 * path; the application's own calls (no user) pass unchecked. Installed by {@link EngineGuardPlugin}.
 */
class GuardedTaskService extends TaskServiceImpl {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedTaskService.class);
    /** How long a completion waits for another completion of the same task on this node before it goes ahead. */
    private static final Duration COMPLETION_WAIT = Duration.ofSeconds(30);
    /** HistoricTaskInstance.getDeleteReason() of a completed task. */
    private static final String COMPLETED = "completed";

    private final ProcessEngineConfigurationImpl configuration;
    private final Supplier<List<TaskGuard>> guards;
    /** Completions of one task run one after the other on this node; tasks share a lock only by hash. */
    private final Lock[] completions = IntStream.range(0, 64).mapToObj(i -> new ReentrantLock()).toArray(Lock[]::new);

    GuardedTaskService(ProcessEngineConfigurationImpl configuration, Supplier<List<TaskGuard>> guards) {
        this.configuration = configuration;
        this.guards = guards;
    }

    // --- handing in the task's work ----------------------------------------------------------------------------

    @Override
    public void complete(String taskId) {
        complete(taskId, null);
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
        Authentication caller = person();
        if (caller == null) {
            super.complete(taskId, variables);
            return;
        }
        Map<String, Object> checked = submitted(taskId, variables, TaskGuard.Submission.COMPLETE, caller);
        completing(taskId, caller, () -> {
            super.complete(taskId, checked);
            return null;
        });
    }

    @Override
    public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables,
                                                     boolean deserializeValues) {
        Authentication caller = person();
        if (caller == null) {
            return super.completeWithVariablesInReturn(taskId, variables, deserializeValues);
        }
        Task task = open(taskId, caller, true);
        Map<String, Object> checked = submitted(task, variables, TaskGuard.Submission.COMPLETE, caller);
        VariableMap returned = completing(taskId, caller,
                () -> super.completeWithVariablesInReturn(taskId, checked, deserializeValues));
        return readable(task, caller, returned);
    }

    @Override
    public void resolveTask(String taskId) {
        resolveTask(taskId, null);
    }

    @Override
    public void resolveTask(String taskId, Map<String, Object> variables) {
        Authentication caller = person();
        if (caller == null) {
            super.resolveTask(taskId, variables);
            return;
        }
        Map<String, Object> checked = submitted(open(taskId, caller, false), variables, TaskGuard.Submission.RESOLVE,
                caller);
        super.resolveTask(taskId, checked);
    }

    /** A form submission of a task (FormService), checked like a completion. */
    Map<String, Object> submitted(String taskId, Map<String, Object> variables, TaskGuard.Submission kind,
                                  Authentication caller) {
        return submitted(open(taskId, caller, true), variables, kind, caller);
    }

    private Map<String, Object> submitted(Task task, Map<String, Object> variables, TaskGuard.Submission kind,
                                          Authentication caller) {
        if (!mayWork(task, caller)) {
            return variables; // the engine refuses the call itself (403), and nothing about the task is told
        }
        try {
            return checked(() -> {
                Map<String, Object> current = variables;
                for (TaskGuard guard : guards.get()) {
                    current = guard.submission(task, current, kind, caller);
                }
                return current;
            }, kind != TaskGuard.Submission.RESOLVE);
        } catch (RuntimeException e) {
            // completed by someone else while the checks read its form (which then fail on the vanished task): the
            // same 409 as when the completion itself comes second
            GuardRefusal gone = closed(task.getId());
            if (gone != null) {
                throw Refusals.ofAction(gone);
            }
            throw e;
        }
    }

    /**
     * Completes a task the caller saw open a moment ago. Completions of the same task on this node run one after the
     * other, so the second finds the task completed and gets a 409 without reaching the engine (two at once would make
     * the engine's transactions collide). Between nodes, or after waiting too long, the engine's optimistic locking
     * decides, and a completion that failed because someone else completed or changed the task meanwhile is a 409.
     */
    <T> T completing(String taskId, Authentication caller, Supplier<T> completion) {
        Lock lock = completions[Math.floorMod(taskId.hashCode(), completions.length)];
        boolean locked;
        try {
            locked = lock.tryLock(COMPLETION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessEngineException("interrupted while waiting for another completion of task " + taskId, e);
        }
        try {
            GuardRefusal closed = closed(taskId);
            if (closed != null) {
                throw refused(closed, true, caller, taskId, "(not called: the task was closed meanwhile)");
            }
            try {
                return completion.get();
            } catch (AuthorizationException | OptimisticLockingException e) {
                GuardRefusal conflict = closed(taskId);
                if (conflict == null && e instanceof OptimisticLockingException) {
                    conflict = GuardRefusal.changedMeanwhile();
                }
                if (conflict == null) {
                    throw e;
                }
                throw refused(conflict, true, caller, taskId, e.toString());
            } catch (ProcessEngineException e) {
                GuardRefusal conflict = Refusals.behind(e).isPresent() ? null : closed(taskId);
                if (conflict == null) {
                    throw e;
                }
                throw refused(conflict, true, caller, taskId, e.toString());
            }
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    private RuntimeException refused(GuardRefusal conflict, boolean submission, Authentication caller, String taskId,
                                     String engineAnswer) {
        LOG.info("Completion of task {} by {} refused with {} ({}); the engine answered: {}", taskId,
                caller.getUserId(), conflict.status().value(), conflict.messageEn(),
                engineAnswer.length() > 300 ? engineAnswer.substring(0, 300) + "…" : engineAnswer);
        return submission ? Refusals.ofSubmission(conflict) : Refusals.ofAction(conflict);
    }

    // --- handing a task on ------------------------------------------------------------------------------------------

    @Override
    public void claim(String taskId, String userId) {
        act(taskId, (task, caller) -> guards.get().forEach(g -> g.claim(task, userId, caller)));
        super.claim(taskId, userId);
    }

    @Override
    public void setAssignee(String taskId, String userId) {
        act(taskId, (task, caller) -> guards.get().forEach(g -> g.assign(task, userId, caller)));
        super.setAssignee(taskId, userId);
    }

    @Override
    public void setOwner(String taskId, String userId) {
        act(taskId, (task, caller) -> guards.get().forEach(g -> g.owner(task, userId, caller)));
        super.setOwner(taskId, userId);
    }

    @Override
    public void delegateTask(String taskId, String userId) {
        act(taskId, (task, caller) -> guards.get().forEach(g -> g.delegate(task, userId, caller)));
        super.delegateTask(taskId, userId);
    }

    @Override
    public void addCandidateUser(String taskId, String userId) {
        link(taskId, userId, null, IdentityLinkType.CANDIDATE, true);
        super.addCandidateUser(taskId, userId);
    }

    @Override
    public void addCandidateGroup(String taskId, String groupId) {
        link(taskId, null, groupId, IdentityLinkType.CANDIDATE, true);
        super.addCandidateGroup(taskId, groupId);
    }

    @Override
    public void addUserIdentityLink(String taskId, String userId, String identityLinkType) {
        link(taskId, userId, null, identityLinkType, true);
        super.addUserIdentityLink(taskId, userId, identityLinkType);
    }

    @Override
    public void addGroupIdentityLink(String taskId, String groupId, String identityLinkType) {
        link(taskId, null, groupId, identityLinkType, true);
        super.addGroupIdentityLink(taskId, groupId, identityLinkType);
    }

    @Override
    public void deleteCandidateUser(String taskId, String userId) {
        link(taskId, userId, null, IdentityLinkType.CANDIDATE, false);
        super.deleteCandidateUser(taskId, userId);
    }

    @Override
    public void deleteCandidateGroup(String taskId, String groupId) {
        link(taskId, null, groupId, IdentityLinkType.CANDIDATE, false);
        super.deleteCandidateGroup(taskId, groupId);
    }

    @Override
    public void deleteUserIdentityLink(String taskId, String userId, String identityLinkType) {
        link(taskId, userId, null, identityLinkType, false);
        super.deleteUserIdentityLink(taskId, userId, identityLinkType);
    }

    @Override
    public void deleteGroupIdentityLink(String taskId, String groupId, String identityLinkType) {
        link(taskId, null, groupId, identityLinkType, false);
        super.deleteGroupIdentityLink(taskId, groupId, identityLinkType);
    }

    private void link(String taskId, String userId, String groupId, String type, boolean add) {
        act(taskId, (task, caller) -> guards.get().forEach(g -> g.identityLink(task, userId, groupId, type, add, caller)));
    }

    @Override
    public void saveTask(Task task) {
        Authentication caller = person();
        if (caller != null && task.getId() != null) {
            Task current = SystemCall.run(identity(), () -> super.createTaskQuery().taskId(task.getId()).singleResult());
            if (current != null) {
                checked(() -> {
                    guards.get().forEach(g -> g.update(current, task, caller));
                    return null;
                }, false);
            } else if (!isAdmin(caller)) {
                throw Refusals.ofAction(GuardRefusal.adminsOnly()); // a task of its own, outside every case
            }
        } else if (caller != null && !isAdmin(caller)) {
            throw Refusals.ofAction(GuardRefusal.adminsOnly());
        }
        super.saveTask(task);
    }

    @Override
    public Comment createComment(String taskId, String processInstance, String message) {
        if (taskId != null) {
            act(taskId, (task, caller) -> guards.get().forEach(g -> g.comment(task, message, caller)));
        } else {
            adminsOnly();
        }
        return super.createComment(taskId, processInstance, message);
    }

    @Override
    public void addComment(String taskId, String processInstance, String message) {
        createComment(taskId, processInstance, message);
    }

    @Override
    public void updateTaskComment(String taskId, String commentId, String message) {
        adminsOnly();
        super.updateTaskComment(taskId, commentId, message);
    }

    @Override
    public void deleteTaskComment(String taskId, String commentId) {
        adminsOnly();
        super.deleteTaskComment(taskId, commentId);
    }

    @Override
    public void deleteTaskComments(String taskId) {
        adminsOnly();
        super.deleteTaskComments(taskId);
    }

    @Override
    public void updateProcessInstanceComment(String processInstanceId, String commentId, String message) {
        adminsOnly();
        super.updateProcessInstanceComment(processInstanceId, commentId, message);
    }

    @Override
    public void deleteProcessInstanceComment(String processInstanceId, String commentId) {
        adminsOnly();
        super.deleteProcessInstanceComment(processInstanceId, commentId);
    }

    @Override
    public void deleteProcessInstanceComments(String processInstanceId) {
        adminsOnly();
        super.deleteProcessInstanceComments(processInstanceId);
    }

    // --- what only administrators do -----------------------------------------------------------------------------

    @Override
    public void setVariable(String taskId, String variableName, Object value) {
        adminsOnly();
        super.setVariable(taskId, variableName, value);
    }

    @Override
    public void setVariableLocal(String taskId, String variableName, Object value) {
        adminsOnly();
        super.setVariableLocal(taskId, variableName, value);
    }

    @Override
    public void setVariables(String taskId, Map<String, ? extends Object> variables) {
        adminsOnly();
        super.setVariables(taskId, variables);
    }

    @Override
    public void setVariablesLocal(String taskId, Map<String, ? extends Object> variables) {
        adminsOnly();
        super.setVariablesLocal(taskId, variables);
    }

    @Override
    public void updateVariables(String taskId, Map<String, ? extends Object> modifications, Collection<String> deletions) {
        adminsOnly();
        super.updateVariables(taskId, modifications, deletions);
    }

    @Override
    public void updateVariablesLocal(String taskId, Map<String, ? extends Object> modifications,
                                     Collection<String> deletions) {
        adminsOnly();
        super.updateVariablesLocal(taskId, modifications, deletions);
    }

    @Override
    public void removeVariable(String taskId, String variableName) {
        adminsOnly();
        super.removeVariable(taskId, variableName);
    }

    @Override
    public void removeVariableLocal(String taskId, String variableName) {
        adminsOnly();
        super.removeVariableLocal(taskId, variableName);
    }

    @Override
    public void removeVariables(String taskId, Collection<String> variableNames) {
        adminsOnly();
        super.removeVariables(taskId, variableNames);
    }

    @Override
    public void removeVariablesLocal(String taskId, Collection<String> variableNames) {
        adminsOnly();
        super.removeVariablesLocal(taskId, variableNames);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage, Map<String, Object> variables) {
        adminsOnly();
        super.handleBpmnError(taskId, errorCode, errorMessage, variables);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage) {
        handleBpmnError(taskId, errorCode, errorMessage, null);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode) {
        handleBpmnError(taskId, errorCode, null, null);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
        adminsOnly();
        super.handleEscalation(taskId, escalationCode, variables);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode) {
        handleEscalation(taskId, escalationCode, null);
    }

    @Override
    public Attachment createAttachment(String attachmentType, String taskId, String processInstanceId,
                                       String attachmentName, String attachmentDescription, InputStream content) {
        adminsOnly();
        return super.createAttachment(attachmentType, taskId, processInstanceId, attachmentName,
                attachmentDescription, content);
    }

    @Override
    public Attachment createAttachment(String attachmentType, String taskId, String processInstanceId,
                                       String attachmentName, String attachmentDescription, String url) {
        adminsOnly();
        return super.createAttachment(attachmentType, taskId, processInstanceId, attachmentName,
                attachmentDescription, url);
    }

    @Override
    public void saveAttachment(Attachment attachment) {
        adminsOnly();
        super.saveAttachment(attachment);
    }

    @Override
    public void deleteAttachment(String attachmentId) {
        adminsOnly();
        super.deleteAttachment(attachmentId);
    }

    @Override
    public void deleteTaskAttachment(String taskId, String attachmentId) {
        adminsOnly();
        super.deleteTaskAttachment(taskId, attachmentId);
    }

    @Override
    public void setName(String taskId, String name) {
        adminsOnly();
        super.setName(taskId, name);
    }

    @Override
    public void setDescription(String taskId, String description) {
        adminsOnly();
        super.setDescription(taskId, description);
    }

    // --- reading a task's variables ----------------------------------------------------------------------------

    @Override
    public VariableMap getVariablesTyped(String taskId, boolean deserializeValues) {
        return readable(taskId, existing(taskId, () -> super.getVariablesTyped(taskId, deserializeValues)));
    }

    @Override
    public VariableMap getVariablesLocalTyped(String taskId, boolean deserializeValues) {
        return readable(taskId, existing(taskId, () -> super.getVariablesLocalTyped(taskId, deserializeValues)));
    }

    @Override
    public VariableMap getVariablesTyped(String taskId, Collection<String> variableNames, boolean deserializeValues) {
        return readable(taskId, existing(taskId,
                () -> super.getVariablesTyped(taskId, variableNames, deserializeValues)));
    }

    @Override
    public VariableMap getVariablesLocalTyped(String taskId, Collection<String> variableNames,
                                              boolean deserializeValues) {
        return readable(taskId, existing(taskId,
                () -> super.getVariablesLocalTyped(taskId, variableNames, deserializeValues)));
    }

    @Override
    public List<IdentityLink> getIdentityLinksForTask(String taskId) {
        return existing(taskId, () -> super.getIdentityLinksForTask(taskId));
    }

    @Override
    public VariableMap getVariables(String taskId) {
        return getVariablesTyped(taskId, true);
    }

    @Override
    public VariableMap getVariablesTyped(String taskId) {
        return getVariablesTyped(taskId, true);
    }

    @Override
    public VariableMap getVariablesLocal(String taskId) {
        return getVariablesLocalTyped(taskId, true);
    }

    @Override
    public VariableMap getVariablesLocalTyped(String taskId) {
        return getVariablesLocalTyped(taskId, true);
    }

    @Override
    public VariableMap getVariables(String taskId, Collection<String> variableNames) {
        return getVariablesTyped(taskId, variableNames, true);
    }

    @Override
    public VariableMap getVariablesLocal(String taskId, Collection<String> variableNames) {
        return getVariablesLocalTyped(taskId, variableNames, true);
    }

    @Override
    public Object getVariable(String taskId, String variableName) {
        TypedValue value = getVariableTyped(taskId, variableName, true);
        return value == null ? null : value.getValue();
    }

    @Override
    public Object getVariableLocal(String taskId, String variableName) {
        TypedValue value = getVariableLocalTyped(taskId, variableName, true);
        return value == null ? null : value.getValue();
    }

    @Override
    public <T extends TypedValue> T getVariableTyped(String taskId, String variableName) {
        return getVariableTyped(taskId, variableName, true);
    }

    @Override
    public <T extends TypedValue> T getVariableTyped(String taskId, String variableName, boolean deserializeValue) {
        T value = existing(taskId, () -> super.getVariableTyped(taskId, variableName, deserializeValue));
        return value == null || mayRead(taskId, variableName) ? value : null;
    }

    @Override
    public <T extends TypedValue> T getVariableLocalTyped(String taskId, String variableName) {
        return getVariableLocalTyped(taskId, variableName, true);
    }

    @Override
    public <T extends TypedValue> T getVariableLocalTyped(String taskId, String variableName,
                                                          boolean deserializeValue) {
        T value = existing(taskId, () -> super.getVariableLocalTyped(taskId, variableName, deserializeValue));
        return value == null || mayRead(taskId, variableName) ? value : null;
    }

    /** Only the variables the caller may read of the task's; all of them for the application itself. */
    VariableMap readable(String taskId, VariableMap variables) {
        Authentication caller = person();
        if (caller == null || variables == null || variables.isEmpty()) {
            return variables;
        }
        Task task = SystemCall.run(identity(), () -> super.createTaskQuery().taskId(taskId).singleResult());
        return task == null ? variables : readable(task, caller, variables);
    }

    private VariableMap readable(Task task, Authentication caller, VariableMap variables) {
        Set<String> names = readableNames(task, caller);
        if (names == null || variables == null) {
            return variables;
        }
        VariableMap out = Variables.createVariables();
        variables.keySet().stream().filter(names::contains)
                .forEach(name -> out.putValueTyped(name, variables.getValueTyped(name)));
        return out;
    }

    private boolean mayRead(String taskId, String variableName) {
        Authentication caller = person();
        if (caller == null) {
            return true;
        }
        Task task = SystemCall.run(identity(), () -> super.createTaskQuery().taskId(taskId).singleResult());
        Set<String> names = task == null ? null : readableNames(task, caller);
        return names == null || names.contains(variableName);
    }

    /** The names the caller may read, null for all: the narrowest any guard allows. */
    private Set<String> readableNames(Task task, Authentication caller) {
        if (isAdmin(caller)) {
            return null;
        }
        Set<String> names = null;
        for (TaskGuard guard : guards.get()) {
            Set<String> allowed = guard.readable(task, caller);
            if (allowed != null) {
                names = names == null ? allowed : names.stream().filter(allowed::contains)
                        .collect(Collectors.toUnmodifiableSet());
            }
        }
        return names;
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The user the engine runs this call as; null for the application's own calls. */
    Authentication person() {
        Authentication current = identity().getCurrentAuthentication();
        return current != null && current.getUserId() != null ? current : null;
    }

    static boolean isAdmin(Authentication caller) {
        return caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
    }

    private void adminsOnly() {
        Authentication caller = person();
        if (caller != null && !isAdmin(caller)) {
            throw Refusals.ofAction(GuardRefusal.adminsOnly());
        }
    }

    /**
     * Runs a guard on an open task for a person's call; the application's own calls pass, and so does a call on a task
     * the caller may not see, which the engine refuses itself.
     */
    private void act(String taskId, BiConsumer<Task, Authentication> check) {
        Authentication caller = person();
        if (caller == null) {
            return;
        }
        Task task = open(taskId, caller, false);
        if (!maySee(task, caller)) {
            return;
        }
        checked(() -> {
            check.accept(task, caller);
            return null;
        }, false);
    }

    /**
     * The task, read without the caller's authorizations (the engine still checks them on the call itself); a task
     * that is no longer open is a 409 for a caller who may read its history, a 404 otherwise.
     */
    Task open(String taskId, Authentication caller, boolean submission) {
        Task task = taskId == null ? null
                : SystemCall.run(identity(), () -> super.createTaskQuery().taskId(taskId).singleResult());
        if (task != null) {
            return task;
        }
        HistoricTaskInstance finished = taskId == null ? null
                : SystemCall.run(identity(), () -> configuration.getHistoryService()
                        .createHistoricTaskInstanceQuery().taskId(taskId).singleResult());
        GuardRefusal gone = finished == null || !couldSee(finished, caller) ? GuardRefusal.notFound(taskId)
                : COMPLETED.equals(finished.getDeleteReason()) ? GuardRefusal.alreadyCompleted()
                : GuardRefusal.noLongerOpen();
        throw submission ? Refusals.ofSubmission(gone) : Refusals.ofAction(gone);
    }

    /**
     * Whether the caller could see a task that has ended (a second completion that lost the race gets a 409, not a
     * 404): it was theirs or their group's, or they read its case.
     */
    private boolean couldSee(HistoricTaskInstance finished, Authentication caller) {
        if (caller.getUserId().equals(finished.getAssignee())) {
            return true;
        }
        List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        boolean candidate = SystemCall.run(identity(), () -> configuration.getHistoryService()
                .createHistoricIdentityLinkLogQuery().taskId(finished.getId()).list().stream()
                .anyMatch(l -> caller.getUserId().equals(l.getUserId())
                        || l.getGroupId() != null && groups.contains(l.getGroupId())));
        return candidate || finished.getProcessInstanceId() != null && Callers.runAs(identity(), caller,
                () -> configuration.getHistoryService().createHistoricProcessInstanceQuery()
                        .processInstanceId(finished.getProcessInstanceId()).count() > 0);
    }

    /** Whether the engine shows the task to the caller (READ). */
    private boolean maySee(Task task, Authentication caller) {
        return Callers.runAs(identity(), caller, () -> super.createTaskQuery().taskId(task.getId()).count() > 0);
    }

    /**
     * Whether the engine lets the caller work on the task (Camunda's own check: TASK_WORK or UPDATE on the task, or
     * TASK_WORK or UPDATE_TASK on its process); guards check only what the engine would otherwise let through.
     */
    private boolean mayWork(Task task, Authentication caller) {
        if (!configuration.isAuthorizationEnabled() || isAdmin(caller)) {
            return true;
        }
        AuthorizationService authorizations = configuration.getAuthorizationService();
        String user = caller.getUserId();
        List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        return SystemCall.run(identity(), () -> {
            String processKey = task.getProcessDefinitionId() == null ? null
                    : configuration.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId()).getKey();
            return authorizations.isUserAuthorized(user, groups, TaskPermissions.TASK_WORK, Resources.TASK, task.getId())
                || authorizations.isUserAuthorized(user, groups, Permissions.UPDATE, Resources.TASK, task.getId())
                || processKey != null && (authorizations.isUserAuthorized(user, groups,
                        ProcessDefinitionPermissions.TASK_WORK, Resources.PROCESS_DEFINITION, processKey)
                || authorizations.isUserAuthorized(user, groups, ProcessDefinitionPermissions.UPDATE_TASK,
                        Resources.PROCESS_DEFINITION, processKey));
        });
    }

    /** Null while the task is open; otherwise why not: completed, or ended by its case. */
    private GuardRefusal closed(String taskId) {
        return SystemCall.run(identity(), () -> {
            if (super.createTaskQuery().taskId(taskId).count() > 0) {
                return null;
            }
            HistoricTaskInstance finished = configuration.getHistoryService().createHistoricTaskInstanceQuery()
                    .taskId(taskId).singleResult();
            return finished != null && COMPLETED.equals(finished.getDeleteReason())
                    ? GuardRefusal.alreadyCompleted() : GuardRefusal.noLongerOpen();
        });
    }

    /**
     * A read of a task; one that does not exist (any more) is a 404, not the engine's null-value error or NPE. Looked
     * up first, so that Tasklist's usual reload of a task just completed is not logged by the engine as an error.
     */
    private <T> T existing(String taskId, Supplier<T> read) {
        if (!exists(taskId)) {
            throw Refusals.ofAction(GuardRefusal.notFound(taskId));
        }
        try {
            return read.get();
        } catch (NullValueException | NullPointerException e) {
            // a task that vanished between the engine's lookups (completed meanwhile) fails with a null pointer
            if (!exists(taskId)) {
                throw Refusals.ofAction(GuardRefusal.notFound(taskId));
            }
            throw e;
        }
    }

    /** Whether the task exists, whoever may see it. */
    boolean exists(String taskId) {
        return taskId != null && SystemCall.run(identity(), () -> super.createTaskQuery().taskId(taskId).count()) > 0;
    }

    /** Runs guards; their refusal becomes the engine exception the REST API answers with a 4xx. */
    private static <T> T checked(Supplier<T> guards, boolean submission) {
        try {
            return guards.get();
        } catch (ApiException refusal) {
            throw submission ? Refusals.ofSubmission(refusal) : Refusals.ofAction(refusal);
        }
    }

    private IdentityService identity() {
        return configuration.getIdentityService();
    }
}
