package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.deadline.Milestone;
import cn.fazhi.annualreport.form.StartInputs;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * First step of every case: checks that it started with exactly the kickoff form's inputs (whoever started it) and
 * their values, claims the entity-year slot, sets the business key
 * {@code <entity>:<year>} and the derived variables (gate, contributors, recipients, deadlines), and grants the entity's
 * groups read access. Any refusal rolls the whole start back.
 */
@Component("prepareCaseDelegate")
class PrepareCaseDelegate implements JavaDelegate {

    private final ReportCaseService cases;
    private final StartInputs startInputs;
    private final ApplicationEventPublisher events;

    PrepareCaseDelegate(ReportCaseService cases, StartInputs startInputs, ApplicationEventPublisher events) {
        this.cases = cases;
        this.startInputs = startInputs;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        startInputs.check(execution.getProcessDefinitionId(), execution, Set.of(AnnualReportProcess.VAR_INITIATOR));
        CasePlan plan = cases.plan(execution.getVariables());
        String key = plan.businessKey();
        String current = execution.getProcessBusinessKey();
        if (current == null || current.isBlank()) {
            execution.setProcessBusinessKey(key);
        } else if (!current.equals(key)) {
            throw ReportRequestException.invalid("业务键须为 " + key + "，实为 " + current,
                    "The business key must be " + key + ", not " + current);
        }
        String initiator = (String) execution.getVariable(AnnualReportProcess.VAR_INITIATOR);
        cases.claim(plan, execution.getProcessInstanceId(), initiator);
        execution.setVariables(cases.variables(plan, execution.getProcessInstanceId()));
        cases.grantCaseAccess(plan, execution.getProcessInstanceId());
        events.publishEvent(new CasePrepared(execution.getProcessInstanceId(), plan.entity().code(),
                plan.request().year(), plan.schedule().get(Milestone.FILING), plan.schedule().get(Milestone.PUBLICATION),
                List.copyOf(plan.recipients().filing()), plan.recipients().copyTo()));
    }
}
