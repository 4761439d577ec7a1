package cn.fazhi.annualreport.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Ties every grant to read a case's history to the case, when the case ends, so that the history cleanup removes the
 * grants with the case instead of keeping them for ever.
 *
 * <p>Camunda records which process instance a HISTORIC_PROCESS_INSTANCE authorization belongs to only if the
 * historic instance is already stored when the authorization is saved; the case's grants are saved in the case's
 * first transaction (PrepareCaseDelegate), before it is, so they never got a removal time and stayed after the
 * cleanup had removed their case (issue 16: the authorization table grew by the case). When a root process instance
 * ends (or is deleted), its still unattached grants are saved again: Camunda then finds the stored instance and
 * attaches them, and the end's removal time (end + historyTimeToLive) reaches them in the same transaction.
 */
@Component
class HistoricGrantsAnchor extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(new AnchorOnEnd());
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    /** On a root process instance's end, saves its unattached history grants again. */
    static final class AnchorOnEnd implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!(event instanceof HistoricProcessInstanceEventEntity instance)
                    || !event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)
                    || !instance.getProcessInstanceId().equals(instance.getRootProcessInstanceId())) {
                return;
            }
            CommandContext context = Context.getCommandContext();
            AuthorizationService authorizations = context.getProcessEngineConfiguration().getAuthorizationService();
            context.runWithoutAuthorization(() -> {
                for (Authorization grant : authorizations.createAuthorizationQuery()
                        .resourceType(Resources.HISTORIC_PROCESS_INSTANCE)
                        .resourceId(instance.getProcessInstanceId()).list()) {
                    if (grant.getRootProcessInstanceId() == null) {
                        authorizations.saveAuthorization(grant);
                    }
                }
                return null;
            });
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
