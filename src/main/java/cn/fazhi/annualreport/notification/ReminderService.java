package cn.fazhi.annualreport.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends the due-date reminder of the open tasks of one BPMN activity in one case: to the assignee, or to every member
 * of the candidate groups when nobody has claimed the task. Each mail carries a link that opens the task in Tasklist.
 */
@Service
public class ReminderService {

    private static final Logger log = LoggerFactory.getLogger(ReminderService.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final TaskService taskService;
    private final IdentityService identityService;
    private final RuntimeService runtimeService;
    private final JavaMailSender mailSender;
    private final NotificationProperties properties;

    ReminderService(TaskService taskService, IdentityService identityService, RuntimeService runtimeService,
                    JavaMailSender mailSender, NotificationProperties properties) {
        this.taskService = taskService;
        this.identityService = identityService;
        this.runtimeService = runtimeService;
        this.mailSender = mailSender;
        this.properties = properties;
    }

    /** Reminds the people of every open task of the activity; answers how many mails were sent. */
    public int remindOpenTasks(String processInstanceId, String taskDefinitionKey) {
        List<Task> tasks = taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(taskDefinitionKey).active().list();
        String entityName = (String) runtimeService.getVariable(processInstanceId, "entityName");
        Object year = runtimeService.getVariable(processInstanceId, "reportingYear");
        int sent = 0;
        for (Task task : tasks) {
            Set<User> people = recipientsOf(task);
            if (people.isEmpty()) {
                log.warn("Reminder for task {} ({}) has nobody to go to: no assignee and no group member with an email",
                        task.getId(), task.getName());
            }
            for (User user : people) {
                send(user, task, entityName, year);
                sent++;
            }
        }
        return sent;
    }

    private Set<User> recipientsOf(Task task) {
        Set<User> people = new LinkedHashSet<>();
        if (task.getAssignee() != null) {
            User user = identityService.createUserQuery().userId(task.getAssignee()).singleResult();
            if (user != null && hasEmail(user)) {
                people.add(user);
            }
            return people;
        }
        for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (link.getGroupId() != null) {
                identityService.createUserQuery().memberOfGroup(link.getGroupId()).orderByUserId().asc().list()
                        .stream().filter(ReminderService::hasEmail).forEach(people::add);
            } else if (link.getUserId() != null) {
                User user = identityService.createUserQuery().userId(link.getUserId()).singleResult();
                if (user != null && hasEmail(user)) {
                    people.add(user);
                }
            }
        }
        return people;
    }

    private static boolean hasEmail(User user) {
        return user.getEmail() != null && !user.getEmail().isBlank();
    }

    private void send(User user, Task task, String entityName, Object year) {
        LocalDate due = task.getDueDate() == null ? null : task.getDueDate().toInstant().atZone(ZONE).toLocalDate();
        long daysLeft = due == null ? 0 : ChronoUnit.DAYS.between(ClockUtil.getCurrentTime().toInstant().atZone(ZONE).toLocalDate(), due);
        String link = properties.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + task.getId();
        String subject = "【催办】" + entityName + year + "年度法治政府建设年度报告：" + task.getName()
                + (due == null ? "" : "（" + due + "到期）");
        String dueText = due == null ? "未设定" : due + (daysLeft >= 0 ? "（还剩" + daysLeft + "天）" : "（已逾期" + -daysLeft + "天）");
        String text = """
                %s：

                您有一项法治政府建设年度报告待办事项即将到期，请及时办理。

                报告单位：%s
                报告年度：%s
                待办事项：%s
                办理期限：%s
                办理入口：%s

                本邮件由法治政府建设年度报告系统自动发送，请勿直接回复。
                """.formatted(displayName(user), entityName, year, task.getName(), dueText, link);
        String html = "<p>" + HtmlUtils.htmlEscape(displayName(user)) + "：</p>"
                + "<p>您有一项法治政府建设年度报告待办事项即将到期，请及时办理。</p><table>"
                + row("报告单位", entityName) + row("报告年度", String.valueOf(year)) + row("待办事项", task.getName())
                + row("办理期限", dueText) + "</table>"
                + "<p><a href=\"" + HtmlUtils.htmlEscape(link) + "\">在任务列表中打开</a></p>"
                + "<p style=\"color:#888\">本邮件由法治政府建设年度报告系统自动发送，请勿直接回复。</p>";
        try {
            MimeMessage message = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.reminder().from());
            helper.setTo(user.getEmail());
            helper.setSubject(subject);
            helper.setText(text, html);
            message.setHeader("X-Annual-Report-Task", task.getId());
            mailSender.send(message);
            log.info("Reminder sent to {} <{}> for task {} ({}), due {}", user.getId(), user.getEmail(), task.getId(),
                    task.getName(), due);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot build reminder mail for task " + task.getId(), e);
        }
    }

    private static String row(String label, String value) {
        return "<tr><td style=\"padding-right:1em\">" + label + "</td><td>" + HtmlUtils.htmlEscape(String.valueOf(value))
                + "</td></tr>";
    }

    private static String displayName(User user) {
        String name = (user.getLastName() == null ? "" : user.getLastName())
                + (user.getFirstName() == null ? "" : user.getFirstName());
        return name.isBlank() ? user.getId() : name;
    }
}
