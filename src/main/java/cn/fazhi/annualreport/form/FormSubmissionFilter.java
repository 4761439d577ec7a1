package cn.fazhi.annualreport.form;

import cn.fazhi.annualreport.api.ApiError;
import cn.fazhi.annualreport.api.EngineRestRequests;
import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.security.Callers;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces the forms on the server: a task completion or process start sent to the engine's REST API (/engine-rest,
 * or the webapps' /camunda/api/engine used by Tasklist) by an authenticated caller is checked against the deployed
 * form of that task or start event before the engine sees it. The form is read as the caller: a task the caller may not
 * see is left to the engine to refuse, and reveals nothing. A bad submission gets HTTP 400 with the problems in Chinese and English, and the
 * engine is not touched, so nothing is half-written. Any String above 4,000 characters is refused on every engine
 * REST write, form or not.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class FormSubmissionFilter extends OncePerRequestFilter {

    private static final String ENGINE = "^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)";
    private static final Pattern TASK = Pattern.compile(ENGINE + "/task/([^/]+)/(complete|submit-form)$");
    private static final Pattern START_BY_ID = Pattern.compile(ENGINE + "/process-definition/([^/]+)/(start|submit-form)$");
    private static final Pattern START_BY_KEY = Pattern.compile(ENGINE + "/process-definition/key/([^/]+)/(start|submit-form)$");
    private static final Pattern ANY_ENGINE = Pattern.compile(ENGINE + "/.*");

    private final FormService formService;
    private final RepositoryService repositoryService;
    private final IdentityService identityService;
    private final List<StartFormCheck> startChecks;
    private final List<TaskFormCheck> taskChecks;
    private final TaskService taskService;
    private final ObjectMapper json = new ObjectMapper();

    FormSubmissionFilter(FormService formService, RepositoryService repositoryService, IdentityService identityService,
                         TaskService taskService, List<StartFormCheck> startChecks, List<TaskFormCheck> taskChecks) {
        this.taskService = taskService;
        this.taskChecks = taskChecks;
        this.formService = formService;
        this.repositoryService = repositoryService;
        this.identityService = identityService;
        this.startChecks = startChecks;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        String contentType = request.getContentType();
        return !("POST".equals(method) || "PUT".equals(method))
                || contentType == null || !contentType.toLowerCase().startsWith(MediaType.APPLICATION_JSON_VALUE)
                || !ANY_ENGINE.matcher(EngineRestRequests.path(request)).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = Callers.of(request, identityService).orElse(null);
        if (caller == null) {
            chain.doFilter(request, response); // the engine's REST API refuses anonymous callers itself
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        try {
            JsonNode root = body.length == 0 ? null : json.readTree(body);
            boolean rewritten = Callers.runAs(identityService, caller, () -> validate(EngineRestRequests.path(request), root));
            if (rewritten) {
                body = json.writeValueAsBytes(root);
            }
        } catch (ApiException e) {
            refuse(response, e.status().value(), e.getClass().getSimpleName(), e.messageZh(), e.messageEn(),
                    e instanceof FormValidationException f ? f.violations() : e.details());
            return;
        } catch (StreamConstraintsException e) {
            // a string longer than any form or file allows (Jackson's limit, raised for report files)
            refuse(response, 413, "PayloadTooLarge", "提交的内容过大", "The submission is too large: " + e.getMessage(),
                    List.of());
            return;
        } catch (IOException e) {
            // not JSON: the engine's REST API answers that itself
        }
        chain.doFilter(EngineRestRequests.withBody(request, body), response);
    }

    /**
     * Checks a submission; true if the body was rewritten (variables the task's checks declare transient marked so).
     */
    private boolean validate(String path, JsonNode root) {
        JsonNode variables = root == null ? null : root.get("variables");
        Matcher m;
        if ((m = TASK.matcher(path)).matches()) {
            String taskId = m.group(1);
            String form = deployedTaskForm(taskId);
            if (form != null) {
                Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
                List<TaskFormCheck> checks = task == null ? List.of() : taskChecks.stream()
                        .filter(c -> c.taskDefinitionKey().equals(task.getTaskDefinitionKey())).toList();
                boolean rewritten = false;
                for (TaskFormCheck check : checks) {
                    rewritten |= markTransient(variables, check.transientVariables());
                }
                SubmissionValidator.validate(FormRules.parse(form), variables);
                for (TaskFormCheck check : checks) {
                    check.check(task.getProcessInstanceId(), plainValues(variables));
                }
                return rewritten;
            }
        } else if ((m = START_BY_ID.matcher(path)).matches() || (m = START_BY_KEY.matcher(path)).matches()) {
            boolean byKey = m.pattern() == START_BY_KEY;
            String ref = m.group(1);
            ProcessDefinition definition = byKey
                    ? repositoryService.createProcessDefinitionQuery().processDefinitionKey(ref).latestVersion().singleResult()
                    : repositoryService.createProcessDefinitionQuery().processDefinitionId(ref).singleResult();
            if (definition != null) {
                String form = deployedStartForm(definition.getId());
                if (form != null) {
                    SubmissionValidator.validate(FormRules.parse(form), variables);
                }
                for (StartFormCheck check : startChecks) {
                    if (check.processDefinitionKey().equals(definition.getKey())) {
                        check.check(plainValues(variables));
                    }
                }
                return false;
            }
        }
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        SubmissionValidator.checkStringLimits(variables != null ? variables : root, zh, en);
        if (root != null && root.has("modifications")) {
            SubmissionValidator.checkStringLimits(root.get("modifications"), zh, en);
        }
        if (!zh.isEmpty()) {
            throw new FormValidationException(zh, en);
        }
        return false;
    }

    /** Sets valueInfo.transient on the named variables present in the submission; true if any was there. */
    private static boolean markTransient(JsonNode variables, java.util.Set<String> names) {
        boolean marked = false;
        if (variables instanceof ObjectNode vars) {
            for (String name : names) {
                if (vars.get(name) instanceof ObjectNode variable) {
                    JsonNode info = variable.get("valueInfo");
                    ObjectNode valueInfo = info instanceof ObjectNode o ? o : variable.putObject("valueInfo");
                    valueInfo.put("transient", true);
                    marked = true;
                }
            }
        }
        return marked;
    }

    private String deployedTaskForm(String taskId) {
        try (InputStream in = formService.getDeployedTaskForm(taskId)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (ProcessEngineException | IOException e) {
            return null; // no such task, or no deployed form: the engine answers for itself
        }
    }

    private String deployedStartForm(String definitionId) {
        try (InputStream in = formService.getDeployedStartForm(definitionId)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (ProcessEngineException | IOException e) {
            return null;
        }
    }

    /** The submitted values as plain Java values; File and Bytes variables decoded as {@link SubmittedFile}. */
    private static Map<String, Object> plainValues(JsonNode variables) {
        Map<String, Object> out = new HashMap<>();
        if (variables == null) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue().get("value");
            String type = e.getValue().path("type").asText("");
            if (("File".equalsIgnoreCase(type) || "Bytes".equalsIgnoreCase(type)) && v != null && v.isTextual()) {
                out.put(e.getKey(), file(e.getKey(), v.asText(), e.getValue().path("valueInfo")));
                continue;
            }
            Object value = v == null || v.isNull() ? null
                    : v.isBoolean() ? v.booleanValue()
                    : v.isIntegralNumber() ? v.longValue()
                    : v.isNumber() ? v.doubleValue()
                    : v.asText();
            out.put(e.getKey(), value);
        }
        return out;
    }

    private static SubmittedFile file(String name, String base64, JsonNode valueInfo) {
        try {
            byte[] content = Base64.getMimeDecoder().decode(base64);
            String mimeType = valueInfo.hasNonNull("mimeType") ? valueInfo.get("mimeType").asText()
                    : valueInfo.path("mimetype").asText(null);
            return new SubmittedFile(valueInfo.path("filename").asText(null), mimeType, content);
        } catch (IllegalArgumentException e) {
            throw new FormValidationException(List.of("「" + name + "」不是有效的文件内容（base64）"),
                    List.of("'" + name + "' is not valid base64 file content"));
        }
    }

    private void refuse(HttpServletResponse response, int status, String type, String zh, String en,
                        List<String> details) throws IOException {
        EngineRestRequests.refuse(response, json, ApiError.of(status, type, zh, en, details));
    }
}
