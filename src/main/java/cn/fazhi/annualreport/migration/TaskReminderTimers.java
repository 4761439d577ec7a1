package cn.fazhi.annualreport.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerEventJobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.TimerTaskListenerJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts back the reminder timers that Camunda 7.24's migration loses, and undoes what it does to the target version.
 * <p>
 * When a migration keeps the timer of a user task's timeout listener, the engine's parser
 * ({@code ActivityInstanceJobHandler.removeTimeoutListenerJobFromTargetScope}) removes the listener's timer declaration
 * from the <em>cached</em> target process definition, not from a copy. Two things follow: (1) of a multi-instance task
 * (the departments' material, the filing tasks) only the first instance's reminder timer is migrated — the others find
 * no declaration any more and are deleted; and (2) until the node restarts, a task of that activity created on the
 * target version gets no reminder timer at all, for every case — even after a dry run that was rolled back.
 * <p>
 * So after each migration of a case (and each dry run) the target version is dropped from this node's deployment
 * cache (the next command parses it again, complete), and every open task of the case whose diagram declares a
 * reminder listener ({@code ${reminderSchedule.…}}) and has no timer for it gets one, created from the declaration as
 * the engine creates it when a task opens. The timer is due at the task's next reminder; a reminder already sent is
 * not sent again (the mail log is keyed by task and reminder).
 */
@Component
class TaskReminderTimers {

    private static final Logger log = LoggerFactory.getLogger(TaskReminderTimers.class);
    private static final String REMINDER_CYCLE = "reminderSchedule.";

    private final ProcessEngineConfigurationImpl configuration;
    private final RepositoryService repository;

    TaskReminderTimers(ProcessEngine engine) {
        this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        this.repository = engine.getRepositoryService();
    }

    /** Drops a process version from this node's deployment cache: the next use parses it again from its deployment. */
    void forgetCached(String processDefinitionId) {
        configuration.getDeploymentCache().removeProcessDefinition(processDefinitionId);
    }

    /**
     * Creates the missing reminder timers of the case's open tasks (after {@link #forgetCached} of its version);
     * answers the ids of the jobs created. Joins the caller's transaction, if any.
     */
    List<String> restore(String processInstanceId) {
        return configuration.getCommandExecutorTxRequired().execute(context -> {
            List<String> created = new ArrayList<>();
            Map<String, Map<String, Set<String>>> remindersOfDefinition = new HashMap<>();
            for (TaskEntity task : context.getTaskManager().findTasksByProcessInstanceId(processInstanceId)) {
                ExecutionEntity execution = task.getExecution();
                ActivityImpl activity = execution == null ? null : execution.getActivity();
                if (activity == null || task.isSuspended() || !activity.getId().equals(task.getTaskDefinitionKey())) {
                    continue;
                }
                Set<String> reminders = remindersOfDefinition
                        .computeIfAbsent(task.getProcessDefinitionId(), this::reminderListeners)
                        .getOrDefault(activity.getId(), Set.of());
                Map<String, TimerDeclarationImpl> declarations = TimerDeclarationImpl
                        .getTimeoutListenerDeclarationsForScope(activity).getOrDefault(activity.getId(), Map.of());
                Set<String> present = new HashSet<>();
                for (JobEntity job : execution.getJobs()) {
                    if (TimerTaskListenerJobHandler.TYPE.equals(job.getJobHandlerType())) {
                        present.add(listenerOf(job.getJobHandlerConfigurationRaw()));
                    }
                }
                for (String listener : reminders) {
                    TimerDeclarationImpl declaration = declarations.get(listener);
                    if (declaration != null && !present.contains(listener)) {
                        created.add(declaration.createTimer(execution).getId());
                        log.info("Case {}: reminder timer {} of task {} ({}) restored after its migration",
                                processInstanceId, listener, task.getId(), activity.getId());
                    }
                }
            }
            return created;
        });
    }

    /** Per user task of a version, the ids of its timeout listeners that are reminders. */
    private Map<String, Set<String>> reminderListeners(String processDefinitionId) {
        Map<String, Set<String>> out = new HashMap<>();
        BpmnModelInstance model = repository.getBpmnModelInstance(processDefinitionId);
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            ExtensionElements extensions = task.getExtensionElements();
            if (extensions == null) {
                continue;
            }
            for (CamundaTaskListener listener : extensions.getElementsQuery().filterByType(CamundaTaskListener.class)
                    .list()) {
                boolean reminder = "timeout".equals(listener.getCamundaEvent()) && listener.getTimeouts().stream()
                        .anyMatch(t -> t.getTimeCycle() != null
                                && t.getTimeCycle().getTextContent().contains(REMINDER_CYCLE));
                if (reminder && listener.getAttributeValue("id") != null) {
                    out.computeIfAbsent(task.getId(), k -> new HashSet<>()).add(listener.getAttributeValue("id"));
                }
            }
        }
        return out;
    }

    /** The listener id at the end of a timeout listener timer's configuration ("UserTask_X$taskListener~id"). */
    private static String listenerOf(String configuration) {
        String prefix = TimerEventJobHandler.JOB_HANDLER_CONFIG_TASK_LISTENER_PREFIX;
        int at = configuration == null ? -1 : configuration.lastIndexOf(prefix);
        return at < 0 ? null : configuration.substring(at + prefix.length());
    }
}
