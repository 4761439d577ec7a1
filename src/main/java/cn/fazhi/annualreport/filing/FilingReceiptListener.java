package cn.fazhi.annualreport.filing;

import cn.fazhi.annualreport.organization.PersonNames;
import cn.fazhi.annualreport.shared.Beijing;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The filing (报送), copy (抄送) and later-receipt (补录回执) tasks. On creation, gives the task's form the download link
 * of its addressee's filing package (and, for 补录回执, what was filed). On completion, checks the submission and records
 * it in filing_receipt, in the task's transaction (a refusal leaves the task open and nothing written): the filing with
 * its receipt, with the receipt outstanding, or the exemption with its reason; or, for 补录回执, the receipt or exemption
 * added to the recorded filing. The addressee is the multi-instance element variable "recipient", or the supervising
 * office for the copy task. The form's variables are then cleared, so that no later task inherits them.
 */
@Component("filingReceiptListener")
class FilingReceiptListener implements TaskListener {

    private final FilingRecords records;
    private final IdentityService identityService;
    private final PersonNames names;

    FilingReceiptListener(FilingRecords records, IdentityService identityService, PersonNames names) {
        this.records = records;
        this.identityService = identityService;
        this.names = names;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            created(task);
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            completed(task);
        }
    }

    private void created(DelegateTask task) {
        String recipient = addressee(task);
        String entity = CaseVariables.entityCode(task);
        Integer year = CaseVariables.reportingYear(task);
        if (entity != null && year != null && recipient != null && !recipient.isBlank()) {
            task.setVariableLocal(FilingTasks.VAR_FILING_PACKAGE_LINK, FilingPackages.link(entity, year, recipient));
        }
        if (FilingTasks.RECORD_RECEIPT.equals(task.getTaskDefinitionKey()) && recipient != null) {
            task.setVariableLocal(FilingTasks.VAR_FILING_SUMMARY, records.find(task.getProcessInstanceId(), recipient)
                    .map(r -> summary(r, names.of(r.recordedBy()))).orElse("未找到报送记录"));
        }
    }

    private void completed(DelegateTask task) {
        String recipient = addressee(task);
        String who = completedBy(task);
        Instant now = Beijing.now();
        if (FilingTasks.RECORD_RECEIPT.equals(task.getTaskDefinitionKey())) {
            FilingRecord filed = records.find(task.getProcessInstanceId(), recipient)
                    .orElseThrow(() -> FilingRequestException.noFilingRecord(recipient));
            FilingSubmission s = FilingSubmission.ofReceipt(task::getVariable, filed.filedOn());
            records.settle(task.getProcessInstanceId(), recipient, s.outcome(), s.receiptNumber(), s.receiptDate(),
                    s.exemptionReason(), s.note(), who, now);
        } else {
            FilingSubmission s = FilingSubmission.ofFiling(task::getVariable);
            boolean copy = FilingTasks.COPY.equals(task.getTaskDefinitionKey());
            records.record(task.getProcessInstanceId(), new FilingRecord(recipient,
                    copy ? FilingRecord.COPY : FilingRecord.FILING, s.outcome().name(), s.filedOn(),
                    s.channel() == null ? null : s.channel().name(), s.receiptNumber(), s.receiptDate(),
                    s.exemptionReason(), s.note(), who, now, null, null), task.getId());
        }
        DelegateExecution execution = task.getExecution();
        for (String name : FilingSubmission.VARIABLES) {
            if (execution.hasVariable(name)) {
                execution.removeVariable(name);
            }
        }
    }

    private static String addressee(DelegateTask task) {
        Object value = FilingTasks.COPY.equals(task.getTaskDefinitionKey())
                ? task.getVariable(FilingTasks.VAR_SUPERVISING_OFFICE) : task.getVariable(FilingTasks.VAR_RECIPIENT);
        return value == null ? null : value.toString();
    }

    /** The user completing the task (REST and Tasklist authenticate), else its assignee. */
    private String completedBy(DelegateTask task) {
        var current = identityService.getCurrentAuthentication();
        return current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
    }

    /** "2026-02-26 经电子公文交换系统报送，回执待返回（登记人：张婷）", with the name of who recorded it. */
    static String summary(FilingRecord r, String recordedByName) {
        StringBuilder s = new StringBuilder();
        if (r.filedOn() != null) {
            s.append(r.filedOn()).append(' ');
        }
        if (r.channel() != null) {
            s.append("经").append(r.channelZh());
        }
        s.append(r.kindZh()).append("，").append(FilingOutcome.valueOf(r.outcome()) == FilingOutcome.AWAITING_RECEIPT
                ? "回执待返回" : r.outcomeZh());
        if (recordedByName != null) {
            s.append("（登记人：").append(recordedByName).append("）");
        }
        return s.toString();
    }
}
