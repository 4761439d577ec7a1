package cn.fazhi.annualreport.form;

import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.security.TaskGuard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.BytesValue;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Each task accepts exactly the inputs its deployed form declares (plus what its {@link TaskFormCheck}s take as
 * transient values), each of the right kind and size, and the process's own checks on top: applied by the engine to
 * every completion, form submission and resolve of a person, whatever the client. Values the checks declare transient
 * reach the engine as transient, so they are never stored. A person who may not read the case reads only the variables
 * their task's form shows.
 */
@Component
class TaskInputs implements TaskGuard {

    private final FormService formService;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final List<TaskFormCheck> checks;

    TaskInputs(FormService formService, RuntimeService runtimeService, IdentityService identityService,
               List<TaskFormCheck> checks) {
        this.formService = formService;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.checks = checks;
    }

    @Override
    public Map<String, Object> submission(Task task, Map<String, Object> variables, Submission kind,
                                          Authentication caller) {
        Map<String, TypedValue> submitted = typed(variables);
        List<TaskFormCheck> own = checks.stream().filter(c -> c.appliesTo(task.getTaskDefinitionKey())).toList();
        Set<String> transientNames = new LinkedHashSet<>();
        own.forEach(c -> transientNames.addAll(c.transientVariables()));
        String form = deployedForm(task);
        SubmissionValidator.validate(form == null ? List.of() : FormRules.parse(form), transientNames, submitted,
                kind != Submission.RESOLVE);
        if (kind != Submission.RESOLVE) {
            Map<String, Object> plain = plain(submitted);
            own.forEach(c -> c.check(task, plain));
        }
        VariableMap out = Variables.createVariables();
        submitted.forEach((name, value) -> out.putValueTyped(name,
                transientNames.contains(name) ? asTransient(name, value) : value));
        return out;
    }

    /** Whoever may read the case reads all of the task's variables; anyone else what its form asks and shows. */
    @Override
    public Set<String> readable(Task task, Authentication caller) {
        if (task.getProcessInstanceId() != null
                && runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).count() > 0) {
            return null;
        }
        String form = deployedForm(task);
        Set<String> names = new LinkedHashSet<>();
        if (form != null) {
            FormRules.parse(form).forEach(r -> names.add(r.key()));
            names.addAll(FormRules.shownVariables(form));
        }
        return names;
    }

    private String deployedForm(Task task) {
        return SystemCall.run(identityService, () -> {
            try (InputStream in = formService.getDeployedTaskForm(task.getId())) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (ProcessEngineException | IOException e) {
                return null; // a task without a deployed form declares no inputs
            }
        });
    }

    /** The submission as typed values, whether the client sent typed values (REST, Tasklist) or plain Java values. */
    private static Map<String, TypedValue> typed(Map<String, Object> variables) {
        Map<String, TypedValue> out = new LinkedHashMap<>();
        if (variables == null) {
            return out;
        }
        VariableMap map = variables instanceof VariableMap v ? v : Variables.fromMap(variables);
        for (String name : map.keySet()) {
            out.put(name, map.getValueTyped(name));
        }
        return out;
    }

    /** Plain values for the process's checks: files as {@link SubmittedFile}, everything else as it is. */
    private static Map<String, Object> plain(Map<String, TypedValue> submitted) {
        Map<String, Object> out = new HashMap<>();
        submitted.forEach((name, value) -> {
            if (value instanceof FileValue file) {
                out.put(name, new SubmittedFile(file.getFilename(), file.getMimeType(), bytes(file)));
            } else if (value instanceof BytesValue b) {
                out.put(name, new SubmittedFile(null, null, b.getValue()));
            } else {
                out.put(name, value == null ? null : value.getValue());
            }
        });
        return out;
    }

    private static TypedValue asTransient(String name, TypedValue value) {
        if (value == null || value.isTransient()) {
            return value;
        }
        if (value instanceof StringValue s) {
            return Variables.stringValue(s.getValue(), true);
        }
        if (value instanceof FileValue f) {
            return Variables.fileValue(f.getFilename() == null ? name : f.getFilename()).file(bytes(f))
                    .mimeType(f.getMimeType()).encoding(f.getEncoding()).setTransient(true).create();
        }
        if (value instanceof BytesValue b) {
            return Variables.byteArrayValue(b.getValue(), true);
        }
        return Variables.untypedValue(value.getValue(), true);
    }

    private static byte[] bytes(FileValue file) {
        SubmittedFile read = SubmittedFile.of(file);
        return read == null ? new byte[0] : read.content();
    }
}
