package cn.fazhi.annualreport.notification;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.TimerTaskListenerJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Gives a user task's own timers (its reminders: a timeout listener) the retry time cycle the task declares
 * ({@code <camunda:failedJobRetryTimeCycle>R5/PT5M</camunda:failedJobRetryTimeCycle>}); Camunda 7.24 reads that
 * setting only for asynchronous steps and timer events, and retries a timeout listener's job three times at once.
 */
@Component
class TaskTimerRetries extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new DeclaredRetries());
        configuration.setCustomPostBPMNParseListeners(listeners);
        configuration.setFailedJobCommandFactory(RetryOfTaskTimers::new);
    }

    /** Reads a user task's declared retry time cycle into the activity, as the engine does for asynchronous steps. */
    private static final class DeclaredRetries extends AbstractBpmnParseListener {

        private final Reader reader = new Reader();

        @Override
        public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
            reader.declaredBy(userTaskElement, activity);
        }
    }

    /** The engine's own reading of {@code camunda:failedJobRetryTimeCycle}. */
    private static final class Reader extends DefaultFailedJobParseListener {

        void declaredBy(Element element, ActivityImpl activity) {
            Element extensions = element.element("extensionElements");
            if (extensions != null
                    && extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, FAILED_JOB_RETRY_TIME_CYCLE) != null) {
                setFailedJobRetryTimeCycleValue(element, activity);
            }
        }
    }

    /** The engine's retry of a failed job, which also finds the activity of a timeout listener's timer. */
    private static final class RetryOfTaskTimers extends DefaultJobRetryCmd {

        RetryOfTaskTimers(String jobId, Throwable exception) {
            super(jobId, exception);
        }

        @Override
        public ActivityImpl getCurrentActivity(CommandContext commandContext, JobEntity job) {
            if (TimerTaskListenerJobHandler.TYPE.equals(job.getJobHandlerType()) && job.getProcessDefinitionId() != null) {
                ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
                        .findDeployedProcessDefinitionById(job.getProcessDefinitionId());
                return definition.findActivity(job.getActivityId());
            }
            return super.getCurrentActivity(commandContext, job);
        }
    }
}
