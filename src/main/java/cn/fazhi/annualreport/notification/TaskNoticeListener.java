package cn.fazhi.annualreport.notification;

import cn.fazhi.annualreport.calendar.WorkingDayCalendar;
import cn.fazhi.annualreport.notification.mail.Notice;
import cn.fazhi.annualreport.notification.mail.NoticeKind;
import cn.fazhi.annualreport.organization.PersonNames;
import cn.fazhi.annualreport.shared.Beijing;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells people about new work: when a task is created, the members of its candidate groups (待认领), and when it is
 * assigned (claimed, reassigned), the new assignee (待办). The notices are queued in the engine's transaction and
 * sent after it commits, so a rolled-back step sends nothing. Registered for every user task of the annual report.
 */
@Component("taskNoticeListener")
class TaskNoticeListener implements TaskListener {

    private final IdentityService identityService;
    private final WorkingDayCalendar calendar;
    private final NoticeOutbox outbox;
    private final NoticeDispatcher dispatcher;
    private final NotificationProperties properties;
    private final UnstaffedTasks unstaffed;

    TaskNoticeListener(IdentityService identityService, WorkingDayCalendar calendar, NoticeOutbox outbox,
                       NoticeDispatcher dispatcher, NotificationProperties properties, UnstaffedTasks unstaffed) {
        this.unstaffed = unstaffed;
        this.identityService = identityService;
        this.calendar = calendar;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Override
    public void notify(DelegateTask task) {
        Map<String, User> people = new LinkedHashMap<>();
        NoticeKind kind;
        String dedup;
        if (EVENTNAME_ASSIGNMENT.equals(task.getEventName()) || task.getAssignee() != null) {
            if (task.getAssignee() == null) {
                return; // unclaimed: nobody new to tell
            }
            kind = NoticeKind.ASSIGNED;
            dedup = "assigned:" + task.getId() + ":" + task.getAssignee();
            User user = identityService.createUserQuery().userId(task.getAssignee()).singleResult();
            if (user != null) {
                people.put(user.getId(), user);
            }
        } else {
            kind = NoticeKind.CREATED;
            dedup = "created:" + task.getId();
            if (!unstaffed.staffed(null, task.getCandidates())) {
                escalate(task);
                return;
            }
            for (IdentityLink link : task.getCandidates()) {
                if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                    continue;
                }
                if (link.getGroupId() != null) {
                    identityService.createUserQuery().memberOfGroup(link.getGroupId()).orderByUserId().asc().list()
                            .forEach(u -> people.putIfAbsent(u.getId(), u));
                } else if (link.getUserId() != null) {
                    User user = identityService.createUserQuery().userId(link.getUserId()).singleResult();
                    if (user != null) {
                        people.putIfAbsent(user.getId(), user);
                    }
                }
            }
        }
        String businessKey = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
        Integer workingDaysLeft = task.getDueDate() == null ? null : calendar.workingDaysBetween(
                Beijing.today(),
                task.getDueDate().toInstant().atZone(Beijing.ZONE).toLocalDate());
        boolean queued = false;
        for (User user : people.values()) {
            if (user.getEmail() == null || user.getEmail().isBlank()) {
                continue;
            }
            Notice notice = new Notice(kind, dedup, user.getId(), PersonNames.of(user), user.getEmail(),
                    CaseVariables.entityName(task), CaseVariables.reportingYear(task),
                    task.getName(), task.getId(), task.getProcessInstanceId(), businessKey, task.getDueDate(),
                    properties.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + task.getId(), null,
                    workingDaysLeft);
            outbox.enqueue(notice, task.getExecutionId(), ClockUtil.getCurrentTime());
            queued = true;
        }
        if (queued) {
            dispatchAfterCommit();
        }
    }

    /** A new task nobody can work on: its case's owners and the administrators are told. */
    private void escalate(DelegateTask task) {
        unstaffed.escalate(new UnstaffedTasks.Unstaffed(task.getId(), task.getName(), task.getProcessInstanceId(),
                task.getExecutionId(), task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey(),
                CaseVariables.entityCode(task), CaseVariables.entityName(task),
                CaseVariables.reportingYear(task), task.getDueDate(), task.getCandidates().stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList()));
    }

    private void dispatchAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.dispatchSoon();
                }
            });
        }
    }
}
