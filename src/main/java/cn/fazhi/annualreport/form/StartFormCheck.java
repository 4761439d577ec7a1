package cn.fazhi.annualreport.form;

import java.util.Map;

/**
 * A process's own checks of its start values beyond the form's field rules (e.g. "the entity exists", "no second
 * case"), run before a start submitted through REST or Tasklist. Throws an ApiException to refuse.
 */
public interface StartFormCheck {

    String processDefinitionKey();

    void check(Map<String, Object> startVariables);
}
