package cn.fazhi.annualreport.notification;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The reminder step of process versions before 2026-12 (a boundary timer and this step per task), kept for the cases
 * still running on them: reads which task to remind of (input "remindedTaskKey") and its deadline (input
 * "deadlineVariable"), sends the reminder due now and records how many mails went out; an async job with retries.
 * Current diagrams remind by the task's timeout listener ({@link TaskReminderListener}).
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
