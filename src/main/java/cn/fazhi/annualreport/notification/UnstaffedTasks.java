package cn.fazhi.annualreport.notification;

import cn.fazhi.annualreport.notification.mail.Notice;
import cn.fazhi.annualreport.notification.mail.NoticeKind;
import cn.fazhi.annualreport.organization.EntitiesImported;
import cn.fazhi.annualreport.organization.PersonNames;
import cn.fazhi.annualreport.organization.Role;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tasks nobody can work on (无人可办): no assignee who exists, and not a single member in any candidate group — a
 * department without contributors, a role emptied by an import. Such a task is escalated, once, to the owners of the
 * case's entity (牵头负责人) and the administrators, when it opens, when a reminder for it falls due, or when an import
 * leaves it without people; the case view shows it as unstaffed.
 */
@Component
public class UnstaffedTasks {

    private static final Logger log = LoggerFactory.getLogger(UnstaffedTasks.class);

    private final IdentityService identityService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final NoticeOutbox outbox;
    private final NoticeDispatcher dispatcher;
    private final NotificationProperties properties;

    UnstaffedTasks(IdentityService identityService, TaskService taskService, RuntimeService runtimeService,
                   NoticeOutbox outbox, NoticeDispatcher dispatcher, NotificationProperties properties) {
        this.identityService = identityService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    /** Whether somebody can work on a task with this assignee and these identity links. */
    public boolean staffed(String assignee, Collection<? extends IdentityLink> links) {
        return SystemCall.run(identityService, () -> {
            if (assignee != null) {
                return identityService.createUserQuery().userId(assignee).count() > 0;
            }
            for (IdentityLink link : links) {
                if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                    continue;
                }
                if (link.getGroupId() != null
                        && identityService.createUserQuery().memberOfGroup(link.getGroupId()).count() > 0
                        || link.getUserId() != null
                        && identityService.createUserQuery().userId(link.getUserId()).count() > 0) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Whether somebody can work on this open task. */
    public boolean staffed(Task task) {
        return staffed(task.getAssignee(), SystemCall.run(identityService,
                () -> taskService.getIdentityLinksForTask(task.getId())));
    }

    /**
     * Escalates a task nobody can work on to its case's owners and the administrators, once per task (the mails go
     * after the transaction commits). Answers how many people were told.
     */
    int escalate(Unstaffed task) {
        Map<String, User> people = new LinkedHashMap<>();
        SystemCall.run(identityService, () -> {
            if (task.entityCode() != null) {
                members(people, Role.OWNER.groupId(task.entityCode()));
            }
            members(people, Groups.CAMUNDA_ADMIN);
            return null;
        });
        String reason = "该待办事项的岗位（" + String.join("、", task.groups()) + "）在单位名录中没有人员，无人可以办理；"
                + "请在单位名录中补充人员，或由管理员转办";
        Date now = ClockUtil.getCurrentTime();
        for (User user : people.values()) {
            outbox.enqueue(new Notice(NoticeKind.UNSTAFFED, "unstaffed:" + task.id(), user.getId(),
                    PersonNames.of(user), user.getEmail(), task.entityName(), task.year(), task.name(), task.id(),
                    task.processInstanceId(), task.businessKey(), task.due(),
                    properties.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + task.id(), reason, null),
                    task.executionId(), now);
        }
        if (people.isEmpty()) {
            log.warn("Task {} ({}) of case {} has nobody to do it and nobody with an email to tell", task.id(),
                    task.name(), task.businessKey());
        } else {
            log.warn("Task {} ({}) of case {} has nobody to do it: escalated to {}", task.id(), task.name(),
                    task.businessKey(), people.keySet());
            dispatchAfterCommit();
        }
        return people.size();
    }

    /** The same for an open task, read from the engine. */
    int escalate(Task task) {
        ProcessInstance instance = SystemCall.run(identityService, () -> runtimeService.createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult());
        Map<String, Object> vars = SystemCall.run(identityService, () -> runtimeService.getVariables(
                task.getProcessInstanceId(), CaseVariables.CASE_IDENTITY));
        List<String> groups = new ArrayList<>();
        SystemCall.run(identityService, () -> taskService.getIdentityLinksForTask(task.getId())).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .forEach(l -> groups.add(l.getGroupId()));
        return escalate(new Unstaffed(task.getId(), task.getName(), task.getProcessInstanceId(),
                task.getExecutionId(), instance == null ? null : instance.getBusinessKey(),
                CaseVariables.entityCode(vars), CaseVariables.entityName(vars),
                CaseVariables.reportingYear(vars), task.getDueDate(), groups));
    }

    /**
     * After an import: the open tasks of the groups it left without members that nobody can work on any more (only
     * those groups are looked at, so a national import costs nothing here when it empties none).
     */
    @EventListener
    void on(EntitiesImported imported) {
        if (imported.emptiedGroups().isEmpty()) {
            return;
        }
        List<Task> open = SystemCall.run(identityService, () -> taskService.createTaskQuery()
                .taskCandidateGroupIn(imported.emptiedGroups()).includeAssignedTasks().list());
        for (Task task : open) {
            if (!staffed(task)) {
                escalate(task);
            }
        }
    }

    private void members(Map<String, User> people, String groupId) {
        identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
                .filter(u -> u.getEmail() != null && !u.getEmail().isBlank())
                .forEach(u -> people.putIfAbsent(u.getId(), u));
    }

    private void dispatchAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.dispatchSoon();
                }
            });
        } else {
            dispatcher.dispatchSoon();
        }
    }

    /** A task nobody can work on, with what its mail says about the case. */
    record Unstaffed(String id, String name, String processInstanceId, String executionId, String businessKey,
                     String entityCode, String entityName, Integer year, Date due, List<String> groups) {
    }
}
