package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Clears the previous round's decision when a review task is entered again after a return, so that Tasklist does not
 * pre-fill the form with the last "return"/"revise" and a reviewer decides afresh. History keeps every decision.
 */
@Component("decisionResetListener")
class DecisionResetListener implements TaskListener {

    private static final Map<String, String> DECISION_OF_TASK = Map.of(
            TASK_INTERNAL_REVIEW, VAR_INTERNAL_REVIEW_DECISION,
            TASK_EXECUTIVE_MEETING, VAR_GATE_DECISION,
            TASK_LEADERSHIP_MEETING, VAR_GATE_DECISION,
            TASK_PRINCIPAL_SIGN_OFF, VAR_GATE_DECISION);

    @Override
    public void notify(DelegateTask task) {
        String decision = DECISION_OF_TASK.get(task.getTaskDefinitionKey());
        if (decision != null && task.getExecution().hasVariable(decision)) {
            task.getExecution().removeVariable(decision);
        }
    }
}
