package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.report.CaseDeadlinesChanged;
import cn.fazhi.annualreport.report.CasePrepared;
import cn.fazhi.annualreport.shared.Beijing;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Writes what the engine does to a case into the desk's read model, in the engine's transaction. */
@Component
class CaseProgressListener {

    private final CaseProgress progress;

    CaseProgressListener(CaseProgress progress) {
        this.progress = progress;
    }

    /** A case was set up: its row, in the start's transaction. */
    @EventListener
    void on(CasePrepared c) {
        progress.started(new CaseProgress.Started(c.processInstanceId(), c.entityCode(), c.year(),
                Beijing.now(), null, null, c.filingDeadline(), c.publicationDeadline(),
                c.filingRecipients(), c.copyTo() == null || c.copyTo().isBlank() ? null : c.copyTo()));
    }

    void ended(DelegateExecution execution) {
        if (execution.getId().equals(execution.getProcessInstanceId())) {
            progress.ended(execution.getProcessInstanceId(), execution.isCanceled(), Beijing.now());
        }
    }

    void open(DelegateTask task) {
        progress.taskOpen(new CaseProgress.OpenTask(task.getId(), task.getProcessInstanceId(),
                task.getTaskDefinitionKey(), task.getName(), task.getAssignee(),
                task.getDueDate() == null ? null : task.getDueDate().toInstant(),
                task.getCreateTime() == null ? Beijing.now() : task.getCreateTime().toInstant()));
    }

    void closed(DelegateTask task) {
        progress.taskClosed(task.getId());
    }

    /** The filing and publication deadlines changed (a higher-level notice, the calendar): the case's row follows. */
    @EventListener
    void on(CaseDeadlinesChanged changed) {
        progress.deadlines(changed.processInstanceId(), changed.filing(), changed.publication());
    }

    static LocalDate day(Date date) {
        return date.toInstant().atZone(Beijing.ZONE).toLocalDate();
    }

    static int year(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
    }

    static List<String> recipients(Object value) {
        return value instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
    }

}
