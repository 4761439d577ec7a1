package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.Refusals;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.QueryVariableValue;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Task queries (runtime and history, also when they extend a Tasklist filter) whose variable conditions a person who
 * is not an administrator may only set on the variables every task list shows ({@link TaskGuard#listedVariables}):
 * "tasks whose case has reviewGate = X" would otherwise tell a department's contributor what it may not read.
 */
final class TaskQueries extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;
    private final Supplier<List<TaskGuard>> guards;

    TaskQueries(ProcessEngineConfigurationImpl configuration, Supplier<List<TaskGuard>> guards) {
        this.configuration = configuration;
        this.guards = guards;
    }

    /**
     * A task query is itself the engine command that runs it: checked here, whichever service built it and whether
     * or not it extends a saved filter, before it reads anything.
     */
    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof TaskQueryImpl query) {
            check(query);
        } else if (command instanceof HistoricTaskInstanceQueryImpl query) {
            check(query);
        }
        return next.execute(command);
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
}
