package cn.fazhi.annualreport.material;

import cn.fazhi.annualreport.form.SubmittedFile;
import cn.fazhi.annualreport.form.TaskFormCheck;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.stereotype.Component;

/**
 * The department material task (报送部门材料): its submission — the text, a contact, an optional attachment — is checked
 * before the engine sees it, reaches the engine as transient values only, and on completion is stored as the
 * department's next version in the application's table, in the task's transaction. Nothing of it becomes a process
 * variable, so the departments' material never overwrites each other's, and no department reads another's.
 */
@Component("departmentMaterialListener")
class DepartmentMaterialListener implements TaskListener, TaskFormCheck {

    static final String TASK = "UserTask_SubmitDepartmentMaterial";
    static final String VAR_SUMMARY = "materialSummary";
    static final String VAR_CONTACT = "materialContact";
    static final String VAR_ATTACHMENT = "materialAttachment";
    /** The multi-instance element variable: the department's entity code. */
    static final String VAR_DEPARTMENT = CaseVariables.DEPARTMENT;

    private static final Set<String> SUBMISSION = Set.of(VAR_SUMMARY, VAR_CONTACT, VAR_ATTACHMENT);

    private final DepartmentMaterials materials;
    private final IdentityService identityService;

    DepartmentMaterialListener(DepartmentMaterials materials, IdentityService identityService) {
        this.materials = materials;
        this.identityService = identityService;
    }

    @Override
    public String taskDefinitionKey() {
        return TASK;
    }

    @Override
    public Set<String> transientVariables() {
        return SUBMISSION;
    }

    @Override
    public void check(Map<String, Object> submitted) {
        Object file = submitted.get(VAR_ATTACHMENT);
        if (file != null && !(file instanceof SubmittedFile)) {
            throw MaterialException.invalid("「附件」须上传文件", "'" + VAR_ATTACHMENT + "' must be an uploaded file");
        }
        SubmittedFile attachment = (SubmittedFile) file;
        materials.check(new MaterialSubmission(text(submitted.get(VAR_SUMMARY)), text(submitted.get(VAR_CONTACT)),
                attachment == null ? null : attachment.filename(), attachment == null ? null : attachment.content()));
    }

    /** On completion: the department's next version, late if after the task's due date. */
    @Override
    public void notify(DelegateTask task) {
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        SubmittedFile file = task.getVariableTyped(VAR_ATTACHMENT) instanceof FileValue f ? SubmittedFile.of(f) : null;
        MaterialSubmission submission = new MaterialSubmission(text(task.getVariable(VAR_SUMMARY)),
                text(task.getVariable(VAR_CONTACT)), file == null ? null : file.filename(),
                file == null ? null : file.content());
        java.util.Date now = ClockUtil.getCurrentTime();
        boolean late = task.getDueDate() != null && now.after(task.getDueDate());
        materials.store(task.getProcessInstanceId(), (String) task.getVariable(VAR_DEPARTMENT), submission,
                author(task), task.getId(), late, now.toInstant());
        for (String name : SUBMISSION) {
            task.getExecution().removeVariable(name);
        }
    }

    /** The user completing the task (REST and Tasklist authenticate), else its assignee. */
    private String author(DelegateTask task) {
        var current = identityService.getCurrentAuthentication();
        return current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
