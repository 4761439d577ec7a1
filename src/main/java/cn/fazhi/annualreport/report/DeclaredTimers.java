package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.deadline.DeclaredDeadline;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * Reads from a case's deployed diagram which deadline a task and a timer follow: a user task's
 * {@code camunda:dueDate="${deadlineX}"}, its reminders (a timeout listener, or in earlier versions a boundary timer,
 * with the cycle {@code ${reminderSchedule.…}}) and a timer whose date is a deadline ({@code ${deadlineMaterials}}).
 */
@Component
class DeclaredTimers {

    /** The cycle expression of a reminder timer, in this version and the earlier ones. */
    static final String REMINDER_CYCLE = "reminderSchedule.";
    private static final Pattern LISTENER_ID = Pattern.compile("taskListener~(.+)$");

    private final RepositoryService repositoryService;
    private final ManagementService managementService;

    DeclaredTimers(RepositoryService repositoryService, ManagementService managementService) {
        this.repositoryService = repositoryService;
        this.managementService = managementService;
    }

    /** What a timer job of a case follows. */
    sealed interface Kind permits Deadline, Reminders, Other {
    }

    /** A timer due at a case deadline (the variable holding it). */
    record Deadline(String variable) implements Kind {
    }

    /** A task's reminder cycle, following the deadline of the task (the variable its due date names). */
    record Reminders(String variable) implements Kind {
    }

    /** Any other timer: the application leaves it alone. */
    record Other() implements Kind {
    }

    /** The case deadline a user task of the given version is due by, as its diagram declares it. */
    Optional<DeclaredDeadline> deadlineOf(String processDefinitionId, String taskKey) {
        return DeclaredDeadline.of(element(processDefinitionId, taskKey) instanceof UserTask task ? task : null);
    }

    /** What the timer job follows, read from the diagram of the job's process version. */
    Kind kindOf(Job job) {
        JobDefinition definition = managementService.createJobDefinitionQuery()
                .jobDefinitionId(job.getJobDefinitionId()).singleResult();
        if (definition == null) {
            return new Other();
        }
        ModelElementInstance element = element(job.getProcessDefinitionId(), definition.getActivityId());
        if (element instanceof UserTask task) {
            // a timeout listener of the task: a reminder if its cycle is one of ours
            String listenerId = listenerId(definition.getJobConfiguration());
            return timeoutListeners(task).stream()
                    .filter(l -> listenerId == null || listenerId.equals(l.getAttributeValue("id")))
                    .flatMap(l -> l.getTimeouts().stream())
                    .filter(t -> isReminderCycle(t))
                    .findFirst()
                    .<Kind>flatMap(t -> DeclaredDeadline.of(task).map(d -> new Reminders(d.variable())))
                    .orElse(new Other());
        }
        if (element instanceof BoundaryEvent boundary) {
            for (TimerEventDefinition timer : boundary.getEventDefinitions().stream()
                    .filter(TimerEventDefinition.class::isInstance).map(TimerEventDefinition.class::cast).toList()) {
                if (isReminderCycle(timer) && boundary.getAttachedTo() instanceof UserTask task) {
                    return DeclaredDeadline.of(task).<Kind>map(d -> new Reminders(d.variable())).orElse(new Other());
                }
                if (timer.getTimeDate() != null) {
                    return DeclaredDeadline.ofDueDate(timer.getTimeDate().getTextContent())
                            .<Kind>map(d -> new Deadline(d.variable())).orElse(new Other());
                }
            }
        }
        return new Other();
    }

    /** The timeout listeners of a user task. */
    static Collection<CamundaTaskListener> timeoutListeners(UserTask task) {
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions == null) {
            return java.util.List.of();
        }
        return extensions.getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
                .filter(l -> "timeout".equals(l.getCamundaEvent())).toList();
    }

    /** Whether a timer is a reminder cycle of ours. */
    static boolean isReminderCycle(TimerEventDefinition timer) {
        return timer.getTimeCycle() != null && timer.getTimeCycle().getTextContent().contains(REMINDER_CYCLE);
    }

    private ModelElementInstance element(String processDefinitionId, String elementId) {
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(processDefinitionId);
        return model == null || elementId == null ? null : model.getModelElementById(elementId);
    }

    private static String listenerId(String jobConfiguration) {
        if (jobConfiguration == null) {
            return null;
        }
        Matcher m = LISTENER_ID.matcher(jobConfiguration);
        return m.find() ? m.group(1) : null;
    }
}
