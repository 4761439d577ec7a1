package cn.fazhi.annualreport.form;

import java.util.Map;

/**
 * A process's own checks of a task's submitted values beyond the form's field rules (e.g. "this document number is
 * still free"), run before a completion submitted through REST or Tasklist. Throws an ApiException to refuse.
 */
public interface TaskFormCheck {

    String taskDefinitionKey();

    void check(Map<String, Object> submittedVariables);
}
