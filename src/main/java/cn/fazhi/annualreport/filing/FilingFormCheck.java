package cn.fazhi.annualreport.filing;

import cn.fazhi.annualreport.form.TaskFormCheck;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Checks a filing, copy or later-receipt submission through REST or Tasklist before the engine sees it, with the
 * same rules the task listener applies on completion: a bilingual 400 listing every problem, nothing written.
 */
@Component
class FilingFormCheck implements TaskFormCheck {

    private final TaskService taskService;
    private final FilingRecords records;

    FilingFormCheck(TaskService taskService, FilingRecords records) {
        this.taskService = taskService;
        this.records = records;
    }

    @Override
    public String taskDefinitionKey() {
        return FilingTasks.FILE;
    }

    @Override
    public boolean appliesTo(String taskDefinitionKey) {
        return FilingTasks.ALL.contains(taskDefinitionKey);
    }

    @Override
    public void check(Map<String, Object> submitted) {
        FilingSubmission.ofFiling(submitted::get);
    }

    @Override
    public void check(Task task, Map<String, Object> submitted) {
        if (!FilingTasks.RECORD_RECEIPT.equals(task.getTaskDefinitionKey())) {
            check(submitted);
            return;
        }
        Object recipient = taskService.getVariable(task.getId(), FilingTasks.VAR_RECIPIENT);
        LocalDate filedOn = recipient == null ? null : records.find(task.getProcessInstanceId(), recipient.toString())
                .map(FilingRecord::filedOn).orElse(null);
        FilingSubmission.ofReceipt(submitted::get, filedOn);
    }
}
