package cn.fazhi.annualreport.notification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reminder step behind a task's timer: reads which task to remind of (input parameter "remindedTaskKey"), sends the
 * mails and records how many went out. Runs as an async job (asyncBefore) with retries, so a mail server outage ends
 * in an incident, not in a lost reminder.
 */
@Component("sendReminderDelegate")
class SendReminderDelegate implements JavaDelegate {

    private final ReminderService reminders;

    SendReminderDelegate(ReminderService reminders) {
        this.reminders = reminders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String taskKey = (String) execution.getVariableLocal("remindedTaskKey");
        if (taskKey == null || taskKey.isBlank()) {
            throw new IllegalStateException("Reminder step " + execution.getCurrentActivityId()
                    + " needs the input parameter 'remindedTaskKey'");
        }
        int sent = reminders.remindOpenTasks(execution.getProcessInstanceId(), taskKey);
        execution.setVariableLocal("remindersSent", sent);
    }
}
