package cn.fazhi.annualreport.launch;

import static cn.fazhi.annualreport.launch.AnnualLaunchProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ServiceTask_StartEntityCase}, one job per entity: starts the entity's case and records the outcome. */
@Component("startEntityCaseDelegate")
class StartEntityCaseDelegate implements JavaDelegate {

    private final LaunchService launches;

    StartEntityCaseDelegate(LaunchService launches) {
        this.launches = launches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        launches.startCase(execution.getProcessInstanceId(),
                ((Number) execution.getVariable(VAR_REPORTING_YEAR)).intValue(),
                (String) execution.getVariable(VAR_ENTITY));
    }
}
