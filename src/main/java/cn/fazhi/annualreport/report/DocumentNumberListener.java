package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.document.DocumentNumbers;
import cn.fazhi.annualreport.form.TaskFormCheck;
import cn.fazhi.annualreport.shared.Beijing;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Issuance (签发制发): on completion, a document number left empty is assigned from the entity's prefix and the
 * issue year (巴政呈〔2026〕13号), a number entered by hand is recorded; both in the task's transaction. Before the
 * engine sees a submission, a hand-entered number is checked for form and that it is still free.
 */
@Component("documentNumberListener")
class DocumentNumberListener implements TaskListener, TaskFormCheck {

    private final DocumentNumbers numbers;
    private final IdentityService identityService;

    DocumentNumberListener(DocumentNumbers numbers, IdentityService identityService) {
        this.numbers = numbers;
        this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
        String by = task.getAssignee() != null ? task.getAssignee()
                : identityService.getCurrentAuthentication() == null ? null
                : identityService.getCurrentAuthentication().getUserId();
        Object entered = task.getVariable(VAR_DOCUMENT_NUMBER);
        if (entered instanceof String number && !number.isBlank()) {
            numbers.registerManual(number.trim(), task.getProcessInstanceId(), by);
            return;
        }
        String prefix = (String) task.getVariable(VAR_DOCUMENT_NUMBER_PREFIX);
        String number = numbers.assign(prefix, issueYear(task.getVariable("issueDate")), task.getProcessInstanceId(), by);
        task.getExecution().setVariable(VAR_DOCUMENT_NUMBER, number);
    }

    @Override
    public String taskDefinitionKey() {
        return TASK_SIGN_AND_ISSUE;
    }

    @Override
    public void check(Map<String, Object> submitted) {
        if (submitted.get(VAR_DOCUMENT_NUMBER) instanceof String number && !number.isBlank()) {
            numbers.checkManual(number.trim());
        }
    }

    private static int issueYear(Object issueDate) {
        if (issueDate instanceof Date d) {
            return d.toInstant().atZone(Beijing.ZONE).getYear();
        }
        if (issueDate instanceof String s && s.length() >= 10) {
            return LocalDate.parse(s.substring(0, 10)).getYear();
        }
        return Beijing.now().atZone(Beijing.ZONE).getYear();
    }
}
