package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.Refusals;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * The engine's form service with the same rules as {@link GuardedTaskService}: a task form submitted by a person is
 * checked like a completion, and a task's form variables are only those the caller may read.
 */
class GuardedFormService extends FormServiceImpl {

    private final GuardedTaskService tasks;

    GuardedFormService(GuardedTaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public void submitTaskForm(String taskId, Map<String, Object> properties) {
        Authentication caller = tasks.person();
        if (caller == null) {
            super.submitTaskForm(taskId, properties);
            return;
        }
        Map<String, Object> checked = tasks.submitted(taskId, properties, TaskGuard.Submission.SUBMIT_FORM, caller);
        tasks.completing(taskId, caller, () -> {
            super.submitTaskForm(taskId, checked);
            return null;
        });
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties,
                                                           boolean deserializeValues) {
        Authentication caller = tasks.person();
        if (caller == null) {
            return super.submitTaskFormWithVariablesInReturn(taskId, properties, deserializeValues);
        }
        Map<String, Object> checked = tasks.submitted(taskId, properties, TaskGuard.Submission.SUBMIT_FORM, caller);
        VariableMap readable = tasks.readable(taskId, tasks.getVariablesTyped(taskId, false));
        VariableMap returned = tasks.completing(taskId, caller,
                () -> super.submitTaskFormWithVariablesInReturn(taskId, checked, deserializeValues));
        returned.keySet().removeIf(name -> !readable.containsKey(name) && !checked.containsKey(name));
        return returned;
    }

    @Override
    public void submitTaskFormData(String taskId, Map<String, String> properties) {
        submitTaskForm(taskId, properties == null ? null : new java.util.HashMap<>(properties));
    }

    @Override
    public InputStream getDeployedTaskForm(String taskId) {
        requireTask(taskId);
        return super.getDeployedTaskForm(taskId);
    }

    @Override
    public Object getRenderedTaskForm(String taskId) {
        requireTask(taskId);
        return super.getRenderedTaskForm(taskId);
    }

    @Override
    public Object getRenderedTaskForm(String taskId, String engineName) {
        requireTask(taskId);
        return super.getRenderedTaskForm(taskId, engineName);
    }

    @Override
    public TaskFormData getTaskFormData(String taskId) {
        requireTask(taskId);
        return super.getTaskFormData(taskId);
    }

    /** A form of a task that does not exist is a 404, not the engine's null pointer. */
    private void requireTask(String taskId) {
        if (!tasks.exists(taskId)) {
            throw Refusals.ofAction(GuardRefusal.notFound(taskId));
        }
    }

    @Override
    public VariableMap getTaskFormVariables(String taskId) {
        return tasks.readable(taskId, super.getTaskFormVariables(taskId));
    }

    @Override
    public VariableMap getTaskFormVariables(String taskId, Collection<String> formVariables,
                                            boolean deserializeObjectValues) {
        return tasks.readable(taskId, super.getTaskFormVariables(taskId, formVariables, deserializeObjectValues));
    }
}
