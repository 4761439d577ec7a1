package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.report.AnnualReportProcess;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps the desk's read model as the annual-report process runs: every deployed version's end, and every
 * user task's creation, changes, completion and deletion, whatever an admin adds to the diagram in Modeler.
 */
@Component
class CaseProgressPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<CaseProgressListener> listener;

    CaseProgressPlugin(ObjectProvider<CaseProgressListener> listener) {
        this.listener = listener;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                if (AnnualReportProcess.PROCESS_KEY.equals(processDefinition.getKey())) {
                    // built-in: it runs also when a case is deleted with its custom listeners skipped
                    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                            (ExecutionListener) execution -> listener.getObject().ended(execution));
                }
            }

            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior
                        && activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                        && AnnualReportProcess.PROCESS_KEY.equals(definition.getKey())) {
                    TaskListener open = task -> listener.getObject().open(task);
                    TaskListener closed = task -> listener.getObject().closed(task);
                    behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, open);
                    behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, open);
                    behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, open);
                    behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, closed);
                    behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, closed);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
