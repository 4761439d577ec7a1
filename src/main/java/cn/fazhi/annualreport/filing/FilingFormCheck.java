package cn.fazhi.annualreport.filing;

import cn.fazhi.annualreport.form.PlausibleDates;
import cn.fazhi.annualreport.form.TaskFormCheck;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Checks a filing, copy or later-receipt submission through REST or Tasklist before the engine sees it, with the
 * same rules the task listener applies on completion: a bilingual 400 listing every problem, nothing written. On top,
 * the dates must be possible ({@link PlausibleDates}): no filing or receipt dated after today, before the report's
 * issue date or before the reporting year.
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
        FilingSubmission s;
        if (!FilingTasks.RECORD_RECEIPT.equals(task.getTaskDefinitionKey())) {
            s = FilingSubmission.ofFiling(submitted::get);
        } else {
            Object recipient = taskService.getVariable(task.getId(), FilingTasks.VAR_RECIPIENT);
            LocalDate filedOn = recipient == null ? null : records.find(task.getProcessInstanceId(),
                    recipient.toString()).map(FilingRecord::filedOn).orElse(null);
            s = FilingSubmission.ofReceipt(submitted::get, filedOn);
        }
        LocalDate issuedOn = PlausibleDates.parse(taskService.getVariable(task.getId(), FilingTasks.VAR_ISSUE_DATE));
        Integer year = taskService.getVariable(task.getId(), FilingTasks.VAR_REPORTING_YEAR) instanceof Number n
                ? n.intValue() : null;
        PlausibleDates dates = PlausibleDates.today();
        if (!FilingTasks.RECORD_RECEIPT.equals(task.getTaskDefinitionKey())) {
            possible(dates, "报送日期", FilingSubmission.FILED_ON, s.filedOn(), issuedOn, year);
        }
        possible(dates, "回执日期", FilingSubmission.RECEIPT_DATE, s.receiptDate(), issuedOn, year);
        dates.refuseIfAny();
    }

    private static void possible(PlausibleDates dates, String label, String key, LocalDate date, LocalDate issuedOn,
                                 Integer year) {
        dates.notInFuture(label, key, date)
                .notBefore(label, key, date, issuedOn, "报告的印发日期" + issuedOn, "the report's issue date " + issuedOn)
                .notBeforeYear(label, key, date, year);
    }
}
