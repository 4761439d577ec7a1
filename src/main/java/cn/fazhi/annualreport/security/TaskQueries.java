package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.Refusals;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.QueryVariableValue;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Task queries (runtime and history, also when they extend a Tasklist filter) whose variable conditions a person who
 * is not an administrator may only set on the variables every task list shows ({@link TaskGuard#listedVariables}):
 * "tasks whose case has reviewGate = X" would otherwise tell a department's contributor what it may not read.
 */
final class TaskQueries {

    private final ProcessEngineConfigurationImpl configuration;
    private final Supplier<List<TaskGuard>> guards;

    TaskQueries(ProcessEngineConfigurationImpl configuration, Supplier<List<TaskGuard>> guards) {
        this.configuration = configuration;
        this.guards = guards;
    }

    /** Refuses the conditions unless the caller is the application itself or an administrator, or they are listed. */
    void check(Collection<? extends QueryVariableValue> conditions) {
        Authentication caller = configuration.getIdentityService().getCurrentAuthentication();
        if (caller == null || caller.getUserId() == null || conditions.isEmpty()
                || caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
            return;
        }
        Set<String> listed = new java.util.HashSet<>();
        guards.get().forEach(g -> listed.addAll(g.listedVariables()));
        for (QueryVariableValue condition : conditions) {
            if (!listed.contains(condition.getName())) {
                throw Refusals.ofAction(GuardRefusal.unlistedVariableCondition(condition.getName(), listed));
            }
        }
    }

    void check(TaskQueryImpl query) {
        List<QueryVariableValue> conditions = new ArrayList<>();
        for (TaskQueryImpl part : query.getQueries()) {
            conditions.addAll(part.getVariables());
        }
        check(conditions);
    }

    void check(HistoricTaskInstanceQueryImpl query) {
        List<QueryVariableValue> conditions = new ArrayList<>();
        for (HistoricTaskInstanceQueryImpl part : query.getQueries()) {
            conditions.addAll(part.getVariables());
        }
        check(conditions);
    }

    /** The engine's runtime task query with the check before it runs. */
    static final class Runtime extends TaskQueryImpl {

        private final transient TaskQueries queries;

        Runtime(GuardedTaskService service, TaskQueries queries) {
            super(service.getCommandExecutor());
            this.queries = queries;
        }

        @Override
        public List<Task> executeList(CommandContext commandContext, Page page) {
            queries.check(this);
            return super.executeList(commandContext, page);
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            queries.check(this);
            return super.executeCount(commandContext);
        }
    }

    /** The engine's historic task query with the check before it runs. */
    static final class History extends HistoricTaskInstanceQueryImpl {

        private final transient TaskQueries queries;

        History(GuardedHistoryService service, TaskQueries queries) {
            super(service.getCommandExecutor());
            this.queries = queries;
        }

        @Override
        public List<HistoricTaskInstance> executeList(CommandContext commandContext, Page page) {
            queries.check(this);
            return super.executeList(commandContext, page);
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            queries.check(this);
            return super.executeCount(commandContext);
        }
    }
}
