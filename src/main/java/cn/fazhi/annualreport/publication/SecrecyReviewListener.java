package cn.fazhi.annualreport.publication;

import cn.fazhi.annualreport.document.IssuedReports;
import cn.fazhi.annualreport.document.ReportDocuments;
import cn.fazhi.annualreport.document.VersionText;
import cn.fazhi.annualreport.form.SubmittedFile;
import cn.fazhi.annualreport.form.TaskFormCheck;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The secrecy review (保密审查) decides what the public sees: on completion it fixes the text to publish — the final
 * version as it is (PUBLISH_FULL), or only the redacted text the reviewer supplies as a file or as text
 * (PUBLISH_REDACTED; never the unredacted version) — or, for NOT_PUBLIC, releases nothing. Checked before the engine
 * sees a submission and again on completion; the supplied text travels as transient variables only.
 */
@Component("secrecyReviewListener")
class SecrecyReviewListener implements TaskListener, TaskFormCheck {

    static final String TASK = "UserTask_SecrecyReview";
    static final String VAR_DECISION = "secrecyDecision";
    static final String VAR_COMMENT = "secrecyComment";
    /** The redacted report as a file (.docx, PDF, .txt, .md), transient. */
    static final String VAR_REDACTED_REPORT = "redactedReport";
    /** The redacted report as text, transient. */
    static final String VAR_REDACTED_TEXT = "redactedText";
    static final int MAX_COMMENT = 2000;

    private static final Set<String> SUPPLIED = Set.of(VAR_REDACTED_REPORT, VAR_REDACTED_TEXT);

    private final ReportDocuments documents;
    private final IssuedReports issued;
    private final Publications publications;
    private final IdentityService identityService;

    SecrecyReviewListener(ReportDocuments documents, IssuedReports issued, Publications publications,
                          IdentityService identityService) {
        this.documents = documents;
        this.issued = issued;
        this.publications = publications;
        this.identityService = identityService;
    }

    @Override
    public String taskDefinitionKey() {
        return TASK;
    }

    @Override
    public Set<String> transientVariables() {
        return SUPPLIED;
    }

    /** Before the engine, without the case: the decision, its reason, and the redacted text where it belongs. */
    @Override
    public void check(Map<String, Object> submitted) {
        review(submitted.get(VAR_DECISION), submitted.get(VAR_COMMENT), submitted.get(VAR_REDACTED_REPORT),
                submitted.get(VAR_REDACTED_TEXT));
    }

    /** Before the engine, with the case: a redacted text must differ from the final version. */
    @Override
    public void check(Task task, Map<String, Object> submitted) {
        String processInstanceId = task.getProcessInstanceId();
        Review review = review(submitted.get(VAR_DECISION), submitted.get(VAR_COMMENT),
                submitted.get(VAR_REDACTED_REPORT), submitted.get(VAR_REDACTED_TEXT));
        if (review.decision() == SecrecyDecision.PUBLISH_REDACTED) {
            official(processInstanceId).ifPresent(latest -> requireChanged(review.text(), latest));
        }
    }

    @Override
    public void notify(DelegateTask task) {
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        for (String name : SUPPLIED) {
            TypedValue value = task.getVariableTyped(name, true);
            if (value != null && value.getValue() != null && !value.isTransient()) {
                throw new ProcessEngineException("The secrecy review's variable '" + name + "' must be transient: the"
                        + " released text is stored as the case's publication, never as a process variable");
            }
        }
        Object file = task.getVariableTyped(VAR_REDACTED_REPORT) instanceof FileValue f && f.getValue() != null
                ? submitted(f) : null;
        Review review = review(task.getVariable(VAR_DECISION), task.getVariable(VAR_COMMENT), file,
                task.getVariable(VAR_REDACTED_TEXT));
        String processInstanceId = task.getProcessInstanceId();
        if (!review.decision().publishes()) {
            publications.withhold(processInstanceId);
            return;
        }
        VersionText latest = official(processInstanceId).orElseThrow(() -> new SecrecyReviewException(
                "本案件没有报告正文（报告稿版本），无法公开", "The case has no report version to publish"));
        String text;
        if (review.decision() == SecrecyDecision.PUBLISH_REDACTED) {
            requireChanged(review.text(), latest);
            text = review.text();
        } else {
            text = latest.text();
        }
        String entityCode = CaseVariables.entityCode(task);
        int year = CaseVariables.reportingYear(task);
        Object name = task.getVariable(CaseVariables.ENTITY_NAME);
        String entityName = name == null || name.toString().isBlank() ? entityCode : name.toString().strip();
        Object number = task.getVariable(CaseVariables.DOCUMENT_NUMBER);
        publications.prepare(new Release(processInstanceId, entityCode, entityName, year,
                entityName + year + "年度法治政府建设情况报告",
                number == null || number.toString().isBlank() ? null : number.toString().strip(),
                latest.version(), review.decision(), text, author(task)));
    }

    /**
     * A checked review.
     *
     * @param decision the conclusion
     * @param text     the redacted text to publish (PUBLISH_REDACTED only)
     */
    private record Review(SecrecyDecision decision, String text) {
    }

    private Review review(Object decisionValue, Object commentValue, Object file, Object textValue) {
        SecrecyDecision decision = SecrecyDecision.of(decisionValue);
        String comment = commentValue == null ? "" : commentValue.toString().strip();
        String text = textValue == null ? null : textValue.toString();
        boolean hasText = text != null && !text.isBlank();
        boolean hasFile = file != null;
        if (file != null && !(file instanceof SubmittedFile)) {
            throw new SecrecyReviewException("「删除涉密内容后的公开文本」须上传文件（File 类型）",
                    "'" + VAR_REDACTED_REPORT + "' must be an uploaded file (type File)");
        }
        if (comment.length() > MAX_COMMENT) {
            throw new SecrecyReviewException("「审查意见」最多" + MAX_COMMENT + "字，现为" + comment.length() + "字",
                    "'" + VAR_COMMENT + "' has " + comment.length() + " characters, at most " + MAX_COMMENT);
        }
        switch (decision) {
            case NOT_PUBLIC -> {
                if (comment.isEmpty()) {
                    throw new SecrecyReviewException("不予公开的，须在「审查意见」中写明理由（如涉及国家秘密）",
                            "NOT_PUBLIC needs the reason in '" + VAR_COMMENT + "'");
                }
                if (hasFile || hasText) {
                    throw new SecrecyReviewException("审查结论为不予公开，不应提供公开文本",
                            "NOT_PUBLIC publishes nothing: send no redacted text");
                }
                return new Review(decision, null);
            }
            case PUBLISH_FULL -> {
                if (hasFile || hasText) {
                    throw new SecrecyReviewException("选择“不涉密，全文公开”时不应提供删改后的文本；需要删除内容的，请选择“删除涉密内容后公开”",
                            "PUBLISH_FULL publishes the final version: send no redacted text, or choose PUBLISH_REDACTED");
                }
                return new Review(decision, null);
            }
            default -> {
                if (comment.isEmpty()) {
                    throw new SecrecyReviewException("删除涉密内容后公开的，须在「审查意见」中写明删改情况",
                            "PUBLISH_REDACTED needs what was deleted in '" + VAR_COMMENT + "'");
                }
                if (hasFile == hasText) {
                    throw new SecrecyReviewException(hasFile
                            ? "请只提供一种删改后的公开文本：上传文件或填写文本，不能同时提供"
                            : "删除涉密内容后公开的，须上传或填写删除涉密内容后的公开文本；未提供的，不能公开",
                            hasFile ? "Send the redacted text either as a file or as text, not both"
                                    : "PUBLISH_REDACTED needs the redacted text ('" + VAR_REDACTED_REPORT + "' or '"
                                    + VAR_REDACTED_TEXT + "'); without it nothing can be published");
                }
                String redacted = hasFile
                        ? documents.readText(((SubmittedFile) file).filename(), ((SubmittedFile) file).content())
                        : text;
                if (redacted.isBlank()) {
                    throw new SecrecyReviewException("删改后的公开文本为空", "The redacted text is empty");
                }
                return new Review(decision, redacted.strip());
            }
        }
    }

    private static void requireChanged(String redacted, VersionText latest) {
        if (ReportText.squeeze(redacted).equals(ReportText.squeeze(latest.text()))) {
            throw new SecrecyReviewException("删改后的公开文本与报告全文（第" + latest.version() + "版）相同，未删除任何内容。"
                    + "不涉密的请选择“不涉密，全文公开”，否则请提供删除涉密内容后的文本",
                    "The redacted text equals the final version " + latest.version()
                            + ": nothing was deleted. Choose PUBLISH_FULL, or send the text with the content deleted");
        }
    }

    private static SubmittedFile submitted(FileValue file) {
        return SubmittedFile.of(file);
    }

    /** The user completing the task (REST and Tasklist authenticate), else its assignee. */
    private String author(DelegateTask task) {
        var current = identityService.getCurrentAuthentication();
        return current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
    }

    /**
     * The text the review releases: the issued report's (签发的正式文本) — or, for a sealed scan without text and for a
     * case without an issued document, the final draft version's — numbered by the draft version it is.
     */
    private Optional<VersionText> official(String processInstanceId) {
        return issued.official(processInstanceId).map(o -> new VersionText(o.draftVersion(),
                o.issued() ? "ISSUED" : "DRAFT", o.file().fileName(), o.text()));
    }
}
