package cn.fazhi.annualreport.form;

import java.util.Map;
import java.util.Set;

/**
 * A process's own checks of a task's submitted values beyond the form's field rules (e.g. "this document number is
 * still free"), run before a completion submitted through REST or Tasklist. Throws an ApiException to refuse.
 */
public interface TaskFormCheck {

    String taskDefinitionKey();

    /**
     * Checks the submitted values: plain values, or a {@link SubmittedFile} for a File or Bytes variable.
     */
    void check(Map<String, Object> submittedVariables);

    /**
     * Checks the submitted values with the task's case at hand, e.g. against the case's stored documents; by default
     * {@link #check(Map)}.
     */
    default void check(String processInstanceId, Map<String, Object> submittedVariables) {
        check(submittedVariables);
    }

    /**
     * Variables of this task's submission that the engine must never persist (e.g. an uploaded file the application
     * stores itself): they are passed to the engine as transient, whatever the client sent, so that neither the
     * runtime nor the history tables ever hold them; they exist for the completing transaction only.
     */
    default Set<String> transientVariables() {
        return Set.of();
    }
}
