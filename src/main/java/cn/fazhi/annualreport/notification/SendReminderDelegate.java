package cn.fazhi.annualreport.notification;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reminder step behind a task's timer: reads which task to remind of (input "remindedTaskKey") and its deadline
 * (input "deadlineVariable"), sends the reminder due now and records how many mails went out. Runs as an async job (asyncBefore) with retries, so a mail server outage ends
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
        String deadlineVariable = (String) execution.getVariableLocal("deadlineVariable");
        Object deadline = deadlineVariable == null ? null : execution.getVariable(deadlineVariable);
        if (!(deadline instanceof Date due)) {
            throw new IllegalStateException("Reminder step " + execution.getCurrentActivityId()
                    + " needs the input parameter 'deadlineVariable' naming a Date variable, not " + deadlineVariable);
        }
        int sent = reminders.remindOpenTasks(execution.getProcessInstanceId(), taskKey, due);
        execution.setVariableLocal("remindersSent", sent);
    }
}
