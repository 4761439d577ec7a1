package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.document.DocumentVersion;
import cn.fazhi.annualreport.document.DraftSubmission;
import cn.fazhi.annualreport.document.ReportCase;
import cn.fazhi.annualreport.document.ReportDocuments;
import cn.fazhi.annualreport.form.SubmittedFile;
import cn.fazhi.annualreport.form.TaskFormCheck;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The draft task (起草年度报告): its submission — an uploaded file or the five statutory sections, with a justification
 * for missing statutory contents — is checked before the engine sees it (size, type by content, completeness), is
 * passed to the engine as transient variables only, and on completion is stored as the case's next document version,
 * in the task's transaction. The review forms then get the version's number, download link and completeness summary.
 */
@Component("draftReportListener")
class DraftReportListener implements TaskListener, TaskFormCheck {

    static final int SECTIONS = 5;

    /** Room for the materials' table in a String variable (the engine keeps at most 4,000 characters). */
    static final int OVERVIEW_LIMIT = 3_900;

    private final ReportDocuments documents;
    private final IdentityService identityService;
    private final CaseMaterials materials;

    DraftReportListener(ReportDocuments documents, IdentityService identityService, CaseMaterials materials) {
        this.documents = documents;
        this.identityService = identityService;
        this.materials = materials;
    }

    @Override
    public String taskDefinitionKey() {
        return TASK_DRAFT;
    }

    @Override
    public Set<String> transientVariables() {
        return SUBMISSION;
    }

    /** Before the engine: the same checks as on completion, nothing stored. */
    @Override
    public void check(Map<String, Object> submitted) {
        Object file = submitted.get(VAR_DRAFT_REPORT);
        List<String> sections = new ArrayList<>();
        for (int i = 1; i <= SECTIONS; i++) {
            sections.add(text(submitted.get(VAR_DRAFT_SECTION_PREFIX + i)));
        }
        String justification = text(submitted.get(VAR_COMPLETENESS_JUSTIFICATION));
        String note = text(submitted.get(VAR_DRAFT_NOTE));
        boolean confirmed = confirmed(submitted.get(VAR_COMPLETENESS_CONFIRMED));
        if (file != null && !(file instanceof SubmittedFile)) {
            throw ReportRequestException.invalid("「报告稿文件」须上传文件（File 类型）",
                    "'" + VAR_DRAFT_REPORT + "' must be an uploaded file (type File)");
        }
        // the title of a draft written in sections is its first, unnumbered line: it does not change the check
        documents.check((file instanceof SubmittedFile f
                ? new DraftSubmission(f.filename(), f.content(), sections, null, justification, note)
                : DraftSubmission.structured(null, sections, justification, note)).withConfirmed(confirmed));
    }

    /** On completion: store the submitted draft as the next version and point the review forms to it. */
    @Override
    public void notify(DelegateTask task) {
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        DelegateExecution execution = task.getExecution();
        FileValue file = null;
        List<String> sections = new ArrayList<>();
        for (String name : SUBMISSION) {
            TypedValue value = task.getVariableTyped(name, true);
            if (value != null && value.getValue() != null && !value.isTransient()) {
                throw new ProcessEngineException("The draft task's variable '" + name + "' must be transient: the draft"
                        + " is stored as a document version, never as a process variable");
            }
        }
        if (task.getVariableTyped(VAR_DRAFT_REPORT) instanceof FileValue f && f.getValue() != null) {
            file = f;
        }
        for (int i = 1; i <= SECTIONS; i++) {
            sections.add(text(task.getVariable(VAR_DRAFT_SECTION_PREFIX + i)));
        }
        String justification = text(task.getVariable(VAR_COMPLETENESS_JUSTIFICATION));
        String note = text(task.getVariable(VAR_DRAFT_NOTE));
        boolean confirmed = confirmed(task.getVariable(VAR_COMPLETENESS_CONFIRMED));
        String entity = CaseVariables.entityCode(task);
        int year = CaseVariables.reportingYear(task);
        DraftSubmission submission;
        if (file != null) {
            SubmittedFile read = SubmittedFile.of(file);
            submission = new DraftSubmission(read.filename(), read.content(), sections, null, justification, note);
        } else {
            submission = DraftSubmission.structured(title(task, year), sections, justification, note);
        }
        Object entityName = task.getVariable(VAR_ENTITY_NAME);
        DocumentVersion version = documents.store(task.getProcessInstanceId(), entity,
                new ReportCase(year, entityName == null ? null : entityName.toString()),
                submission.withConfirmed(confirmed), author(task), task.getId());
        for (String name : SUBMISSION) {
            execution.removeVariable(name);
        }
        execution.setVariable(VAR_DRAFT_VERSION, version.version());
        execution.setVariable(VAR_DRAFT_FILE_NAME, version.fileName());
        execution.setVariable(VAR_DRAFT_REPORT_LINK, contentLink(entity, year, version.version()));
        execution.setVariable(VAR_DRAFT_VIEW_LINK, viewLink(entity, year, version.version()));
        execution.setVariable(VAR_DRAFT_COMPLETENESS, version.completenessSummaryZh());
        String overview = materials.overview(task.getProcessInstanceId(), entity, year, OVERVIEW_LIMIT);
        if (!overview.isEmpty()) {
            execution.setVariable(VAR_MATERIALS_OVERVIEW, overview);
        }
    }

    /** Where the webapps (with their session) and API clients download a version. */
    static String contentLink(String entity, int year, int version) {
        return "/api/reports/" + entity + "/" + year + "/documents/" + version + "/content";
    }

    /** Where the webapps open a version to read in the browser (inline: PDF, text, a .docx as HTML). */
    static String viewLink(String entity, int year, int version) {
        return "/api/reports/" + entity + "/" + year + "/documents/" + version + "/view";
    }

    private static String title(DelegateTask task, int year) {
        Object name = task.getVariable(VAR_ENTITY_NAME);
        return (name == null ? "" : name.toString()) + year + "年度法治政府建设情况报告";
    }

    /** The user completing the task (REST and Tasklist authenticate), else its assignee. */
    private String author(DelegateTask task) {
        var current = identityService.getCurrentAuthentication();
        return current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
    }

    /** A Boolean, or its text as a form may send it. */
    private static boolean confirmed(Object value) {
        return Boolean.TRUE.equals(value) || value != null && "true".equalsIgnoreCase(value.toString().strip());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static final Set<String> SUBMISSION;

    static {
        Set<String> names = new LinkedHashSet<>();
        names.add(VAR_DRAFT_REPORT);
        for (int i = 1; i <= SECTIONS; i++) {
            names.add(VAR_DRAFT_SECTION_PREFIX + i);
        }
        names.add(VAR_COMPLETENESS_JUSTIFICATION);
        names.add(VAR_COMPLETENESS_CONFIRMED);
        SUBMISSION = Set.copyOf(names);
    }
}
