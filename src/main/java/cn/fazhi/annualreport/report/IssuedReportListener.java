package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.document.IssuedReports;
import cn.fazhi.annualreport.form.SubmittedFile;
import cn.fazhi.annualreport.form.TaskFormCheck;
import cn.fazhi.annualreport.shared.Beijing;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.stereotype.Component;

/**
 * The issued report at 签发 (盖章版正式文本): a sealed PDF, OFD or .docx handed in with the issuance is checked before
 * the engine sees it, reaches the engine as a transient value, and on completion is stored as the case's issued
 * report — from then on what is filed, published and archived. The review and secrecy forms get its link and name.
 */
@Component("issuedReportListener")
class IssuedReportListener implements TaskListener, TaskFormCheck {

    private final IssuedReports issued;
    private final IdentityService identityService;

    IssuedReportListener(IssuedReports issued, IdentityService identityService) {
        this.issued = issued;
        this.identityService = identityService;
    }

    @Override
    public String taskDefinitionKey() {
        return TASK_SIGN_AND_ISSUE;
    }

    @Override
    public Set<String> transientVariables() {
        return Set.of(VAR_ISSUED_REPORT);
    }

    @Override
    public void check(Map<String, Object> submitted) {
        Object file = submitted.get(VAR_ISSUED_REPORT);
        if (file == null) {
            return;
        }
        if (!(file instanceof SubmittedFile f)) {
            throw ReportRequestException.invalid("「盖章版正式文本」须上传文件（File 类型）",
                    "'" + VAR_ISSUED_REPORT + "' must be an uploaded file (type File)");
        }
        issued.check(f.filename(), f.content());
    }

    @Override
    public void notify(DelegateTask task) {
        SubmittedFile file = EVENTNAME_COMPLETE.equals(task.getEventName())
                && task.getVariableTyped(VAR_ISSUED_REPORT) instanceof FileValue f ? SubmittedFile.of(f) : null;
        if (file == null) {
            return;
        }
        var current = identityService.getCurrentAuthentication();
        String author = current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
        IssuedReports.IssuedReport stored = issued.store(task.getProcessInstanceId(), file.filename(), file.content(),
                author, Beijing.now());
        task.getExecution().removeVariable(VAR_ISSUED_REPORT);
        String entity = CaseVariables.entityCode(task);
        int year = CaseVariables.reportingYear(task);
        task.getExecution().setVariable(VAR_ISSUED_REPORT_LINK, IssuedReportController.link(entity, year));
        task.getExecution().setVariable(VAR_ISSUED_FILE_NAME, stored.fileName());
    }
}
