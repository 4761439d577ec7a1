package cn.fazhi.annualreport.form;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Service;

/**
 * A case starts with exactly the inputs its start form declares, each of a plain kind and within the form's rules —
 * whoever starts it (Tasklist, /engine-rest, /api, the annual launch): checked inside the start, so a refused start
 * leaves nothing behind.
 */
@Service
public class StartInputs {

    private final FormService formService;

    StartInputs(FormService formService) {
        this.formService = formService;
    }

    /**
     * Checks the variables a process instance started with against its deployed start form; {@code engineSet} are
     * set by the engine itself (e.g. the initiator). Throws a {@link FormValidationException} to refuse.
     */
    public void check(String processDefinitionId, VariableScope start, Set<String> engineSet) {
        String form = deployedStartForm(processDefinitionId);
        Map<String, TypedValue> submitted = new LinkedHashMap<>();
        for (String name : start.getVariableNames()) {
            if (!engineSet.contains(name)) {
                submitted.put(name, start.getVariableTyped(name, false));
            }
        }
        SubmissionValidator.validate(form == null ? List.of() : FormRules.parse(form), Set.of(), submitted, true);
    }

    private String deployedStartForm(String processDefinitionId) {
        try (InputStream in = formService.getDeployedStartForm(processDefinitionId)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (ProcessEngineException | IOException e) {
            return null;
        }
    }
}
