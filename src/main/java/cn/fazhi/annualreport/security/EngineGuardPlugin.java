package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Refusals;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts the application's rules into the engine: the task and form services guarded by the {@link TaskGuard}s, the
 * runtime service starting cases only at their start event for people (GuardedRuntimeService), task queries — of
 * the task and history services and of Tasklist's filters alike — conditioned only on listed variables
 * (TaskQueries), no REVOKE authorizations (GuardedAuthorizationService), and
 * refusals raised inside the engine (a check in a delegate or listener) kept as the answer to the request being run.
 */
@Component
class EngineGuardPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<TaskGuard> guards;

    EngineGuardPlugin(ObjectProvider<TaskGuard> guards) {
        this.guards = guards;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        GuardedTaskService tasks = new GuardedTaskService(configuration, () -> guards.orderedStream().toList());
        configuration.setTaskService(tasks);
        configuration.setFormService(new GuardedFormService(tasks));
        configuration.setRuntimeService(new GuardedRuntimeService(configuration));
        configuration.setAuthorizationService(new GuardedAuthorizationService());
        TaskQueries queries = new TaskQueries(configuration, () -> guards.orderedStream().toList());
        configuration.setFilterService(new GuardedFilterService(queries));
        List<CommandInterceptor> outermost = new ArrayList<>();
        outermost.add(new RefusalRecorder());
        outermost.add(queries);
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            outermost.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        configuration.setCustomPreCommandInterceptorsTxRequired(outermost);
    }

    /**
     * Refuses to start on a database that holds REVOKE authorizations (saved before they were refused) while the
     * engine does not check them: a revoke the engine ignores would grant what an administrator meant to take away.
     */
    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        if (!ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER.equals(
                configuration.getAuthorizationCheckRevokes())) {
            return;
        }
        long revokes = engine.getAuthorizationService().createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_REVOKE).count();
        if (revokes > 0) {
            throw new IllegalStateException(revokes + " REVOKE authorizations are stored, but the engine does not"
                    + " check revokes (authorizationCheckRevokes: never): delete them (Camunda Admin, Authorizations)"
                    + " after narrowing the grants they were meant to limit, or set"
                    + " camunda.bpm.generic-properties.properties.authorizationCheckRevokes=auto");
        }
    }

    /** Keeps a refusal thrown inside an engine command as the answer to the engine REST request on this thread. */
    static final class RefusalRecorder extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (ApiException refusal) {
                Refusals.record(refusal);
                throw refusal;
            } catch (RuntimeException e) {
                Refusals.behind(e).ifPresent(Refusals::record);
                throw e;
            }
        }
    }
}
