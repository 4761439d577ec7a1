package cn.fazhi.annualreport.launch;

import static cn.fazhi.annualreport.launch.AnnualLaunchProcess.*;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** {@code ServiceTask_RecordLaunch}: records the launch and lists the entities to start cases for. */
@Component("recordLaunchDelegate")
class RecordLaunchDelegate implements JavaDelegate {

    private final LaunchService launches;

    RecordLaunchDelegate(LaunchService launches) {
        this.launches = launches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object trigger = execution.getVariable(VAR_TRIGGER);
        Trigger kind = Trigger.MANUAL.name().equals(trigger) ? Trigger.MANUAL : Trigger.TIMER;
        LaunchService.Recorded recorded = launches.record(execution.getProcessInstanceId(), kind,
                execution.getVariable(VAR_REPORTING_YEAR), (String) execution.getVariable(VAR_REQUESTED_BY));
        execution.setVariable(VAR_TRIGGER, kind.name());
        execution.setVariable(VAR_REPORTING_YEAR, recorded.year());
        execution.setVariable(VAR_LAUNCH_RECORDED, recorded.launched());
        execution.setVariable(VAR_ENTITY_CODES, Variables.objectValue(new ArrayList<>(recorded.entityCodes()))
                .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
        if (!recorded.launched()) {
            execution.setVariable(VAR_NOT_LAUNCHED_REASON, recorded.reasonZh() + " / " + recorded.reasonEn());
        }
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(businessKey(recorded.year()));
        }
    }
}
