package cn.fazhi.annualreport.security;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;

/**
 * A rule on what people do with tasks, applied by the engine itself ({@link GuardedTaskService}), so that it holds for
 * every client — /engine-rest, Tasklist, the application's own API and Java code run as a user — and for every
 * spelling of a path. A guard refuses by throwing an {@code ApiException}; the engine then changes nothing. Calls made
 * by the application itself (no user authenticated) are not guarded.
 */
public interface TaskGuard {

    /** How a task's work is handed in. */
    enum Submission { COMPLETE, SUBMIT_FORM, RESOLVE }

    /**
     * Checks a completion, form submission or resolve; answers the variables to hand to the engine (the same, or with
     * some made transient).
     */
    default Map<String, Object> submission(Task task, Map<String, Object> variables, Submission kind,
                                           Authentication caller) {
        return variables;
    }

    /** Checks a claim of the task for {@code userId}. */
    default void claim(Task task, String userId, Authentication caller) {
    }

    /** Checks setting the assignee ({@code null}: giving the task back). */
    default void assign(Task task, String userId, Authentication caller) {
    }

    /** Checks setting the task's owner. */
    default void owner(Task task, String userId, Authentication caller) {
    }

    /** Checks a delegation to {@code userId}. */
    default void delegate(Task task, String userId, Authentication caller) {
    }

    /** Checks adding ({@code add}) or removing an identity link of a user or a group. */
    default void identityLink(Task task, String userId, String groupId, String type, boolean add,
                              Authentication caller) {
    }

    /** Checks a comment (办理意见) on the task. */
    default void comment(Task task, String message, Authentication caller) {
    }

    /** Checks a change of the task's properties ({@code changed}: the task as it would be saved). */
    default void update(Task current, Task changed, Authentication caller) {
    }

    /**
     * Variables every task shows in the task lists, by which people who are not administrators may filter task
     * queries (a condition on any other variable would tell them its value, whether they may read it or not).
     */
    default Set<String> listedVariables() {
        return Set.of();
    }

    /** The names of the task's variables the caller may read; null for all of them. */
    default Set<String> readable(Task task, Authentication caller) {
        return null;
    }
}
