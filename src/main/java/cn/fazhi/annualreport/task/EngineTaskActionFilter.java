package cn.fazhi.annualreport.task;

import cn.fazhi.annualreport.api.ApiError;
import cn.fazhi.annualreport.api.EngineRestRequests;
import cn.fazhi.annualreport.security.Callers;
import cn.fazhi.annualreport.security.SystemCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Applies {@link TaskRules} to task calls on the engine's REST API, from Tasklist and scripts alike, and answers a
 * task that is gone — completed by someone else a moment ago, or at the same moment — with a bilingual 409 instead of
 * the engine's 403/500 (docs/tasks.md, "Two people complete the same task").
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 11) // before the form check: a delegated task is refused before its form is read
class EngineTaskActionFilter extends OncePerRequestFilter {

    private static final String ENGINE = "^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)";
    private static final Pattern ACTION = Pattern.compile(ENGINE
            + "/task/([^/]+)/(claim|unclaim|assignee|delegate|resolve|identity-links|comment/create|complete|submit-form)$");
    private static final Pattern UPDATE = Pattern.compile(ENGINE + "/task/([^/]+)$");
    /** Actions on a task that is no longer open: 409 (finished, its case readable by the caller) or 404. */
    private static final Set<String> ON_OPEN_TASK =
            Set.of("claim", "unclaim", "assignee", "delegate", "resolve", "complete", "submit-form");
    private static final Set<String> COMPLETION = Set.of("complete", "submit-form");
    /** The engine's documented error codes (REST "code"): optimistic locking failure, deadlock. */
    private static final Set<Integer> CONCURRENT_CHANGE = Set.of(1, 10000);
    private static final String COMPLETED = "completed"; // HistoricTaskInstance.getDeleteReason() of a completed task
    /** How long a completion waits for another completion of the same task on this node before it goes ahead. */
    private static final Duration COMPLETION_WAIT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(EngineTaskActionFilter.class);

    /** Completions of one task run one after the other on this node; tasks share a lock only by hash. */
    private final Lock[] completions = IntStream.range(0, 64).mapToObj(i -> new ReentrantLock()).toArray(Lock[]::new);

    private final IdentityService identityService;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final TaskRules rules;
    private final ObjectMapper json = new ObjectMapper();

    EngineTaskActionFilter(IdentityService identityService, TaskService taskService, HistoryService historyService,
                           TaskRules rules) {
        this.identityService = identityService;
        this.taskService = taskService;
        this.historyService = historyService;
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
            TaskRequestException gone = action.matches() && ON_OPEN_TASK.contains(action.group(2))
                    ? gone(caller, taskId) : null;
            if (gone != null) {
                refuse(response, gone);
                return;
            }
            // not visible to the caller: the engine answers, and nothing about the task is revealed
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
        if (action.matches() && COMPLETION.contains(action.group(2))) {
            complete(cached, response, chain, caller, taskId);
        } else {
            chain.doFilter(cached, response);
        }
    }

    /**
     * A task the caller does not see: if it is no longer open at all, 409 when the caller may read its case's history
     * (it was finished: completed, or ended by the case), otherwise 404; null if it is open (not the caller's: the
     * engine refuses, as before).
     */
    private TaskRequestException gone(Authentication caller, String taskId) {
        if (SystemCall.run(identityService, () -> taskService.createTaskQuery().taskId(taskId).count()) > 0) {
            return null;
        }
        HistoricTaskInstance finished = Callers.runAs(identityService, caller,
                () -> historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult());
        if (finished == null) {
            return TaskRequestException.notFound(taskId);
        }
        return COMPLETED.equals(finished.getDeleteReason())
                ? TaskRequestException.alreadyCompleted() : TaskRequestException.noLongerOpen();
    }

    /**
     * Completes a task the caller saw open a moment ago. Completions of the same task on this node run one after the
     * other: the second finds the task completed and gets a 409 without reaching the engine (two at once would make
     * the engine's transactions collide — on H2 both can fail on each other's row locks). Between nodes, or after
     * waiting too long for the first, the engine's optimistic locking decides: its answer is held back and, if the
     * completion failed because someone else completed the task meanwhile (the engine answers "task is null", an
     * optimistic locking failure, or a 403 because the task's authorizations went with it) or changed its case at the
     * same moment, the caller gets a bilingual 409 instead; any other answer passes unchanged.
     */
    private void complete(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                          Authentication caller, String taskId) throws ServletException, IOException {
        Lock lock = completions[Math.floorMod(taskId.hashCode(), completions.length)];
        boolean locked;
        try {
            locked = lock.tryLock(COMPLETION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while waiting for another completion of task " + taskId, e);
        }
        try {
            TaskRequestException closed = closed(taskId);
            if (closed != null) {
                lost(caller, taskId, closed, "(not called: the task was closed meanwhile)");
                refuse(response, closed);
                return;
            }
            ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
            try {
                chain.doFilter(request, held);
            } catch (IOException | ServletException | RuntimeException e) {
                TaskRequestException conflict = conflictAfterFailure(taskId, null);
                if (conflict == null || response.isCommitted()) {
                    throw e;
                }
                lost(caller, taskId, conflict, e.toString());
                refuse(response, conflict);
                return;
            }
            if (held.getStatus() >= 400 && !response.isCommitted()) {
                TaskRequestException conflict = conflictAfterFailure(taskId, held.getContentAsByteArray());
                if (conflict != null) {
                    lost(caller, taskId, conflict, held.getStatus() + " "
                            + new String(held.getContentAsByteArray(), StandardCharsets.UTF_8));
                    refuse(response, conflict); // the engine's answer is dropped
                    return;
                }
            }
            held.copyBodyToResponse();
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    /** Why a completion failed, if because of someone else's work on the same task or case; null otherwise. */
    private TaskRequestException conflictAfterFailure(String taskId, byte[] engineAnswer) {
        TaskRequestException closed = closed(taskId);
        if (closed != null) {
            return closed;
        }
        return CONCURRENT_CHANGE.contains(code(engineAnswer)) ? TaskRequestException.changedMeanwhile() : null;
    }

    /**
     * Null while the task is open; otherwise why not: completed, or ended by its case. Read without the caller's
     * authorizations: the caller saw the task open a moment ago.
     */
    private TaskRequestException closed(String taskId) {
        return SystemCall.run(identityService, () -> {
            if (taskService.createTaskQuery().taskId(taskId).count() > 0) {
                return null;
            }
            HistoricTaskInstance finished = historyService.createHistoricTaskInstanceQuery().taskId(taskId)
                    .singleResult();
            return finished != null && COMPLETED.equals(finished.getDeleteReason())
                    ? TaskRequestException.alreadyCompleted() : TaskRequestException.noLongerOpen();
        });
    }

    private int code(byte[] engineAnswer) {
        if (engineAnswer == null || engineAnswer.length == 0) {
            return -1;
        }
        try {
            return json.readTree(engineAnswer).path("code").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void lost(Authentication caller, String taskId, TaskRequestException conflict, String engineAnswer) {
        LOG.info("Completion of task {} by {} refused with 409 ({}); the engine answered: {}", taskId,
                caller.getUserId(), conflict.messageEn(), engineAnswer.length() > 300
                        ? engineAnswer.substring(0, 300) + "…" : engineAnswer);
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
