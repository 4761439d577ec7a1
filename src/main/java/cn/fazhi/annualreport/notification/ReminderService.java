package cn.fazhi.annualreport.notification;

import cn.fazhi.annualreport.notification.ReminderSchedule.Reminder;
import cn.fazhi.annualreport.notification.ReminderSchedule.ReminderKind;
import cn.fazhi.annualreport.notification.mail.Mailer;
import cn.fazhi.annualreport.notification.mail.Notice;
import cn.fazhi.annualreport.notification.mail.NoticeKind;
import cn.fazhi.annualreport.notification.mail.SendResult;
import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.PersonNames;
import cn.fazhi.annualreport.organization.Role;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends the reminder that is due for the open tasks of one BPMN activity in one case: to the assignee, or to every
 * member of the candidate groups while nobody has claimed the task; once overdue, also to the entity's principal
 * leaders and the supervising office (逾期督办). Each mail is keyed by task and reminder, so a retried job or a timer
 * that fires twice never sends the same reminder to the same person twice.
 */
@Service
public class ReminderService {

    private static final Logger log = LoggerFactory.getLogger(ReminderService.class);

    private final TaskService taskService;
    private final IdentityService identityService;
    private final RuntimeService runtimeService;
    private final ReminderSchedule schedule;
    private final EntityRegistry registry;
    private final Mailer mailer;
    private final NotificationProperties properties;
    private final UnstaffedTasks unstaffed;

    ReminderService(TaskService taskService, IdentityService identityService, RuntimeService runtimeService,
                    ReminderSchedule schedule, EntityRegistry registry, Mailer mailer,
                    NotificationProperties properties, UnstaffedTasks unstaffed) {
        this.unstaffed = unstaffed;
        this.taskService = taskService;
        this.identityService = identityService;
        this.runtimeService = runtimeService;
        this.schedule = schedule;
        this.registry = registry;
        this.mailer = mailer;
        this.properties = properties;
    }

    /**
     * Sends the reminder due now for each of the activity's open tasks (which one is due depends on when the task
     * opened: a task that opened after its deadline is chased from its opening); answers how many mails went out now.
     * The reminder steps of earlier process versions (a boundary timer and {@code ${sendReminderDelegate}}) call this.
     */
    public int remindOpenTasks(String processInstanceId, String taskDefinitionKey, Date deadline) {
        CaseInfo info = null;
        int sent = 0;
        for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(taskDefinitionKey).active().list()) {
            info = info != null ? info : caseInfo(processInstanceId);
            sent += remind(task, deadline, info);
        }
        return sent;
    }

    /**
     * Sends the reminder due now for one open task due at the deadline (the task's reminder timer, a timeout listener
     * {@code ${taskReminderListener}}, calls this); answers how many mails went out now.
     */
    public int remindTask(String taskId, Date deadline) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null || task.isSuspended()) {
            return 0;
        }
        if (deadline == null) {
            log.warn("Task {} ({}) has a reminder timer but no deadline: nothing to remind of", task.getId(),
                    task.getTaskDefinitionKey());
            return 0;
        }
        return remind(task, deadline, caseInfo(task.getProcessInstanceId()));
    }

    private int remind(Task task, Date deadline, CaseInfo info) {
        Date now = ClockUtil.getCurrentTime();
        Optional<Reminder> due = schedule.classify(deadline, task.getCreateTime(), now);
        if (due.isEmpty()) {
            log.info("No reminder due yet for task {} ({}) of case {} (deadline {})", task.getId(),
                    task.getTaskDefinitionKey(), task.getProcessInstanceId(), deadline);
            return 0;
        }
        Reminder reminder = due.get();
        if (!unstaffed.staffed(task)) {
            unstaffed.escalate(task); // once per task: nobody to remind, the owners and administrators are told
        }
        Map<String, User> people = workersOf(task);
        Map<String, User> supervisors = reminder.kind() == ReminderKind.OVERDUE ? supervisorsOf(info, people) : Map.of();
        if (people.isEmpty() && supervisors.isEmpty()) {
            log.warn("Reminder {} for task {} ({}) has nobody with an email to go to", reminder.slot(), task.getId(),
                    task.getName());
        }
        int overdue = schedule.workingDaysOverdue(deadline, now);
        int sent = 0;
        for (User user : people.values()) {
            sent += send(user, task, info, reminder, overdue, kindFor(reminder), null);
        }
        for (User user : supervisors.values()) {
            sent += send(user, task, info, reminder, overdue, NoticeKind.ESCALATION,
                    "已逾期" + overdue + "个工作日，按规定抄报主要负责人和依法治理办公室督办");
        }
        return sent;
    }

    /**
     * 催办 from the supervision desk: mails every person who should do one of the case's open tasks now (the
     * assignee, or the candidate groups' members), with the urging office's message as 督办事由. {@code urgeId}
     * makes each urge's mails distinct; answers how many mails went out.
     */
    public int urge(String processInstanceId, String message, String urgedByName, long urgeId) {
        CaseInfo info = caseInfo(processInstanceId);
        Date now = ClockUtil.getCurrentTime();
        int sent = 0;
        for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId).active().list()) {
            for (User user : workersOf(task).values()) {
                Integer left = task.getDueDate() == null ? null
                        : task.getDueDate().before(now) ? -Math.max(1, schedule.workingDaysOverdue(task.getDueDate(), now))
                        : null;
                Notice notice = new Notice(NoticeKind.URGED, "urge:" + urgeId + ":" + task.getId(), user.getId(),
                        PersonNames.of(user), user.getEmail(), info.entityName(), info.year(), task.getName(),
                        task.getId(), processInstanceId, info.businessKey(), task.getDueDate(), taskLink(task.getId()),
                        urgedByName + "：" + message, left);
                sent += mailer.send(notice) == SendResult.SENT ? 1 : 0;
            }
        }
        return sent;
    }

    /** The people who should do the task: its assignee, or the members of its candidate groups and users. */
    Map<String, User> workersOf(Task task) {
        Map<String, User> people = new LinkedHashMap<>();
        if (task.getAssignee() != null) {
            addUser(people, task.getAssignee());
            return people;
        }
        for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (link.getGroupId() != null) {
                addGroup(people, link.getGroupId());
            } else if (link.getUserId() != null) {
                addUser(people, link.getUserId());
            }
        }
        return people;
    }

    private Map<String, User> supervisorsOf(CaseInfo info, Map<String, User> workers) {
        Map<String, User> out = new LinkedHashMap<>();
        registry.find(info.entityCode()).ifPresent(entity -> {
            addGroup(out, Role.LEADER.groupId(entity.code()));
            registry.supervisingGroupOf(entity).ifPresent(group -> addGroup(out, group));
        });
        workers.keySet().forEach(out::remove);
        return out;
    }

    private void addGroup(Map<String, User> people, String groupId) {
        identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list()
                .forEach(u -> addIfReachable(people, u));
    }

    private void addUser(Map<String, User> people, String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user != null) {
            addIfReachable(people, user);
        }
    }

    private static void addIfReachable(Map<String, User> people, User user) {
        if (user.getEmail() != null && !user.getEmail().isBlank()) {
            people.putIfAbsent(user.getId(), user);
        }
    }

    /** One reminder to one person; an overdue one says how many working days the deadline lies behind now. */
    private int send(User user, Task task, CaseInfo info, Reminder reminder, int workingDaysOverdue, NoticeKind kind,
                     String reason) {
        int workingDaysLeft = switch (reminder.kind()) {
            case BEFORE -> reminder.workingDays();
            case DUE_TODAY -> 0;
            case OVERDUE -> -Math.max(1, workingDaysOverdue);
        };
        Notice notice = new Notice(kind, "reminder:" + task.getId() + ":" + reminder.slot(), user.getId(),
                PersonNames.of(user), user.getEmail(), info.entityName(), info.year(), task.getName(), task.getId(),
                task.getProcessInstanceId(), info.businessKey(), task.getDueDate(), taskLink(task.getId()), reason,
                workingDaysLeft);
        return mailer.send(notice) == SendResult.SENT ? 1 : 0;
    }

    private static NoticeKind kindFor(Reminder reminder) {
        return switch (reminder.kind()) {
            case BEFORE -> NoticeKind.REMINDER;
            case DUE_TODAY -> NoticeKind.DUE_TODAY;
            case OVERDUE -> NoticeKind.OVERDUE;
        };
    }

    /** The link that opens a task in Tasklist. */
    String taskLink(String taskId) {
        return properties.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    CaseInfo caseInfo(String processInstanceId) {
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        Map<String, Object> vars = runtimeService.getVariables(processInstanceId, CaseVariables.CASE_IDENTITY);
        return new CaseInfo(CaseVariables.entityCode(vars), CaseVariables.entityName(vars),
                CaseVariables.reportingYear(vars), instance == null ? null : instance.getBusinessKey());
    }

    /** What a mail says about the case. */
    record CaseInfo(String entityCode, String entityName, Integer year, String businessKey) {
    }
}
