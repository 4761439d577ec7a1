package cn.fazhi.annualreport.filing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completion of a filing or copy task, records recipient, date, channel and receipt in filing_receipt, in the
 * task's transaction (a failure leaves the task open). The recipient is the multi-instance element variable
 * "recipient", or the supervising office for the copy task.
 */
@Component("filingReceiptListener")
class FilingReceiptListener implements TaskListener {

    static final String COPY_TASK = "UserTask_CopyToSupervisingOffice";

    private final FilingRecords records;
    private final IdentityService identityService;

    FilingReceiptListener(FilingRecords records, IdentityService identityService) {
        this.records = records;
        this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
        boolean copy = COPY_TASK.equals(task.getTaskDefinitionKey());
        String recipient = (String) task.getVariable(copy ? "supervisingOffice" : "recipient");
        String who = task.getAssignee();
        if (who == null && identityService.getCurrentAuthentication() != null) {
            who = identityService.getCurrentAuthentication().getUserId();
        }
        records.record(task.getProcessInstanceId(), new FilingRecord(recipient, copy ? "COPY" : "FILING",
                date(task.getVariable("filedOn")), (String) task.getVariable("filingChannel"),
                (String) task.getVariable("receiptNumber"), (String) task.getVariable("receiptNote"), who,
                Instant.now()));
    }

    private static LocalDate date(Object value) {
        if (value instanceof Date d) {
            return d.toInstant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
        }
        return LocalDate.parse(String.valueOf(value).substring(0, 10));
    }
}
