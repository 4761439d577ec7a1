package cn.fazhi.annualreport.task;

import cn.fazhi.annualreport.api.ApiError;
import cn.fazhi.annualreport.api.EngineRestRequests;
import cn.fazhi.annualreport.security.Callers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Applies {@link TaskRules} to task calls on the engine's REST API, from Tasklist and scripts alike. */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 11) // before the form check: a delegated task is refused before its form is read
class EngineTaskActionFilter extends OncePerRequestFilter {

    private static final String ENGINE = "^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)";
    private static final Pattern ACTION = Pattern.compile(ENGINE
            + "/task/([^/]+)/(claim|unclaim|assignee|delegate|resolve|identity-links|comment/create|complete|submit-form)$");
    private static final Pattern UPDATE = Pattern.compile(ENGINE + "/task/([^/]+)$");

    private final IdentityService identityService;
    private final TaskService taskService;
    private final TaskRules rules;
    private final ObjectMapper json = new ObjectMapper();

    EngineTaskActionFilter(IdentityService identityService, TaskService taskService, TaskRules rules) {
        this.identityService = identityService;
        this.taskService = taskService;
        this.rules = rules;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = EngineRestRequests.path(request);
        return switch (request.getMethod()) {
            case "POST" -> !ACTION.matcher(path).matches();
            case "PUT" -> !UPDATE.matcher(path).matches();
            default -> true;
        };
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
        HttpServletRequest cached = EngineRestRequests.withBody(request, body);
        JsonNode root;
        try {
            root = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            chain.doFilter(cached, response); // not JSON: the engine answers that itself
            return;
        }
        String path = EngineRestRequests.path(request);
        Matcher action = ACTION.matcher(path);
        Matcher update = UPDATE.matcher(path);
        String taskId = action.matches() ? action.group(1) : update.matches() ? update.group(1) : null;
        Task task = taskId == null ? null : Callers.runAs(identityService, caller,
                () -> taskService.createTaskQuery().taskId(taskId).singleResult());
        if (task == null) {
            // not there or not visible to the caller: the engine answers, and nothing about the task is revealed
            chain.doFilter(cached, response);
            return;
        }
        try {
            if (action.matches()) {
                check(caller, task, action.group(2), root);
            } else {
                checkUpdate(caller, task, root);
            }
        } catch (TaskRequestException e) {
            refuse(response, e);
            return;
        }
        chain.doFilter(cached, response);
    }

    private void check(Authentication caller, Task task, String action, JsonNode body) {
        switch (action) {
            case "claim" -> rules.requireClaimable(caller, task, text(body, "userId"));
            case "unclaim" -> rules.checkUnclaim(caller, task, rules.entityOf(task));
            case "assignee" -> {
                String userId = text(body, "userId");
                if (userId == null) {
                    rules.checkUnclaim(caller, task, rules.entityOf(task));
                } else if (!userId.equals(task.getAssignee())) {
                    rules.checkReassign(caller, task, rules.entityOf(task), userId);
                }
            }
            case "delegate" -> rules.checkDelegate(caller, task, rules.entityOf(task), text(body, "userId"));
            case "resolve" -> rules.requireResolver(caller, task);
            case "identity-links" -> {
                String entity = rules.entityOf(task);
                String userId = text(body, "userId");
                String groupId = text(body, "groupId");
                if (IdentityLinkType.ASSIGNEE.equals(text(body, "type")) && userId != null) {
                    rules.checkReassign(caller, task, entity, userId);
                } else {
                    rules.requireMayHandOn(caller, task, entity);
                    if (userId != null) {
                        rules.requireTarget(userId, entity);
                    } else if (groupId != null) {
                        rules.requireGroupOf(groupId, entity);
                    }
                }
            }
            case "comment/create" -> TaskRules.text(text(body, "message"), true);
            case "complete", "submit-form" -> rules.requireNotDelegatedForCompletion(task);
            default -> {
            }
        }
    }

    /** PUT /task/{id} (Tasklist: due and follow-up dates) must not change the assignee or owner past the rules. */
    private void checkUpdate(Authentication caller, Task task, JsonNode body) {
        String entity = rules.entityOf(task);
        if (body.has("assignee")) {
            String assignee = text(body, "assignee");
            if (assignee == null && task.getAssignee() != null) {
                rules.checkUnclaim(caller, task, entity);
            } else if (assignee != null && !assignee.equals(task.getAssignee())) {
                rules.checkReassign(caller, task, entity, assignee);
            }
        }
        if (body.has("owner")) {
            String owner = text(body, "owner");
            if (owner != null && !owner.equals(task.getOwner())) {
                rules.requireMayHandOn(caller, task, entity);
                rules.requireTarget(owner, entity);
            }
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private void refuse(HttpServletResponse response, TaskRequestException e) throws IOException {
        EngineRestRequests.refuse(response, json, ApiError.of(e.status().value(), e.getClass().getSimpleName(),
                e.messageZh(), e.messageEn(), null));
    }
}
