package cn.fazhi.annualreport.supervision;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.deadline.Milestone;
import cn.fazhi.annualreport.security.SystemCall;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds to the read model the cases it does not know at start-up — a database from before the desk existed, or a case
 * whose end was not heard (deleted with its listeners skipped) — from the engine's history. Idempotent on every node.
 */
@Component
class CaseProgressBackfill {

    private static final Logger log = LoggerFactory.getLogger(CaseProgressBackfill.class);

    private final CaseProgress progress;
    private final HistoryService historyService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;

    CaseProgressBackfill(CaseProgress progress, HistoryService historyService, TaskService taskService,
                         RuntimeService runtimeService, IdentityService identityService) {
        this.runtimeService = runtimeService;
        this.progress = progress;
        this.historyService = historyService;
        this.taskService = taskService;
        this.identityService = identityService;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void backfill() {
        SystemCall.run(identityService, () -> {
            List<String> knownCases = progress.knownCases();
            List<String> runningCases = progress.runningCases();
            // the usual start: every case of the history is known and as many run as the engine runs — two counts,
            // not a walk through every case of every year
            if (historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count()
                    == knownCases.size()
                    && runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count()
                    == runningCases.size()) {
                return null;
            }
            Set<String> known = new HashSet<>(knownCases);
            Set<String> running = new HashSet<>(runningCases);
            int added = 0;
            int ended = 0;
            for (HistoricProcessInstance instance : historyService.createHistoricProcessInstanceQuery()
                    .processDefinitionKey(PROCESS_KEY).list()) {
                if (!known.contains(instance.getId())) {
                    add(instance);
                    added++;
                } else if (running.contains(instance.getId()) && instance.getEndTime() != null) {
                    progress.ended(instance.getId(), !HistoricProcessInstance.STATE_COMPLETED.equals(instance.getState()),
                            instance.getEndTime().toInstant());
                    ended++;
                }
            }
            if (added + ended > 0) {
                log.info("Supervision read model: {} cases added from history, {} ends caught up", added, ended);
            }
            return null;
        });
    }

    private void add(HistoricProcessInstance instance) {
        Map<String, Object> vars = new HashMap<>();
        for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableNameIn(VAR_ENTITY_CODE, VAR_REPORTING_YEAR,
                        Milestone.FILING.variable(), Milestone.PUBLICATION.variable(), VAR_FILING_RECIPIENTS,
                        VAR_SUPERVISING_OFFICE).list()) {
            vars.put(v.getName(), v.getValue());
        }
        if (!(vars.get(VAR_ENTITY_CODE) instanceof String entity) || vars.get(VAR_REPORTING_YEAR) == null) {
            return; // not a case of this application (started without its facts)
        }
        boolean ended = instance.getEndTime() != null;
        progress.started(new CaseProgress.Started(instance.getId(), entity,
                CaseProgressListener.year(vars.get(VAR_REPORTING_YEAR)), instance.getStartTime().toInstant(),
                ended ? instance.getEndTime().toInstant() : null,
                !ended ? null : HistoricProcessInstance.STATE_COMPLETED.equals(instance.getState())
                        ? CaseProgress.COMPLETED : CaseProgress.DELETED,
                vars.get(Milestone.FILING.variable()) instanceof Date d ? CaseProgressListener.day(d) : null,
                vars.get(Milestone.PUBLICATION.variable()) instanceof Date d ? CaseProgressListener.day(d) : null,
                CaseProgressListener.recipients(vars.get(VAR_FILING_RECIPIENTS)),
                vars.get(VAR_SUPERVISING_OFFICE) instanceof String s && !s.isBlank() ? s : null));
        if (!ended) {
            List<Task> tasks = taskService.createTaskQuery().processInstanceId(instance.getId()).list();
            for (Task t : tasks) {
                progress.taskOpen(new CaseProgress.OpenTask(t.getId(), t.getProcessInstanceId(),
                        t.getTaskDefinitionKey(), t.getName(), t.getAssignee(),
                        t.getDueDate() == null ? null : t.getDueDate().toInstant(), t.getCreateTime().toInstant()));
            }
        }
    }
}
