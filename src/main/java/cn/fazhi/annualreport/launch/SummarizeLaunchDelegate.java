package cn.fazhi.annualreport.launch;

import static cn.fazhi.annualreport.launch.AnnualLaunchProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ServiceTask_SummarizeLaunch}: marks the launch finished and keeps its counts on the process for Cockpit. */
@Component("summarizeLaunchDelegate")
class SummarizeLaunchDelegate implements JavaDelegate {

    private final LaunchService launches;

    SummarizeLaunchDelegate(LaunchService launches) {
        this.launches = launches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LaunchView view = launches.finish(execution.getProcessInstanceId());
        execution.setVariable(VAR_STARTED, view.started());
        execution.setVariable(VAR_SKIPPED, view.skipped());
        execution.setVariable(VAR_FAILED, view.failed());
    }
}
