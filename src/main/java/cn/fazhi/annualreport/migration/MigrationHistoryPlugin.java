package cn.fazhi.annualreport.migration;

import cn.fazhi.annualreport.report.AnnualReportProcess;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells the application when the engine migrates an annual-report case, whichever way it was started (this API, a
 * Cockpit batch, the REST API): the engine's history event "process instance migrated" becomes {@link CaseMigrated}.
 */
@Component
class MigrationHistoryPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<ApplicationEventPublisher> events;

    MigrationHistoryPlugin(ObjectProvider<ApplicationEventPublisher> events) {
        this.events = events;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(new HistoryEventHandler() {
            @Override
            public void handleEvent(HistoryEvent event) {
                if (event instanceof HistoricProcessInstanceEventEntity instance
                        && HistoryEventTypes.PROCESS_INSTANCE_MIGRATE.getEventName().equals(event.getEventType())
                        && AnnualReportProcess.PROCESS_KEY.equals(instance.getProcessDefinitionKey())) {
                    events.getObject().publishEvent(new CaseMigrated(instance.getProcessInstanceId(),
                            instance.getProcessDefinitionId()));
                }
            }

            @Override
            public void handleEvents(List<HistoryEvent> events) {
                events.forEach(this::handleEvent);
            }
        });
        configuration.setCustomHistoryEventHandlers(handlers);
    }
}
