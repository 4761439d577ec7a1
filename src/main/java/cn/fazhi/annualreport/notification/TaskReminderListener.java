package cn.fazhi.annualreport.notification;

import cn.fazhi.annualreport.deadline.DeclaredDeadline;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A user task's reminders: the timeout listener {@code ${taskReminderListener}} whose timer cycle is
 * {@code ${reminderSchedule.forTask(execution)}} sends the reminder due now for its own task, due at the case deadline
 * its due date names in the diagram (the deadline the timer's cycle follows; the task's own due date if it names none).
 * The timer's job retries as the task's {@code camunda:failedJobRetryTimeCycle} says, so a mail server outage ends in
 * an incident, not in a lost reminder; the mail log keeps a retried reminder from going out twice.
 */
@Component("taskReminderListener")
class TaskReminderListener implements TaskListener {

    private final ReminderService reminders;

    TaskReminderListener(ReminderService reminders) {
        this.reminders = reminders;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!EVENTNAME_TIMEOUT.equals(task.getEventName())) {
            throw new IllegalStateException("${taskReminderListener} is a timeout listener (with the timer cycle "
                    + "${reminderSchedule.forTask(execution)}), not a '" + task.getEventName() + "' listener, on "
                    + task.getTaskDefinitionKey());
        }
        // the deadline the timer's cycle follows: the case deadline the task's due date names in the diagram
        Date deadline = DeclaredDeadline.of(task.getBpmnModelElementInstance())
                .map(d -> task.getExecution().getVariable(d.variable()))
                .filter(Date.class::isInstance).map(Date.class::cast)
                .orElse(task.getDueDate());
        reminders.remindTask(task.getId(), deadline);
    }
}
