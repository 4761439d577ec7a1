package cn.fazhi.annualreport.notification;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Adds the new-work notices ({@link TaskNoticeListener}, on create and on assignment) to every user task when the
 * BPMN is deployed, so that an admin who adds a task in Modeler does not have to remember them (the diagram's
 * documentation says so).
 */
@Component
class TaskNoticePlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<TaskNoticeListener> listener;

    TaskNoticePlugin(ObjectProvider<TaskNoticeListener> listener) {
        this.listener = listener;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    TaskListener notices = task -> listener.getObject().notify(task);
                    behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, notices);
                    behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, notices);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
