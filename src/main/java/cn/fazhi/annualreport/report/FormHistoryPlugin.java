package cn.fazhi.annualreport.report;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The engine's history without its copy of every submitted form field (Camunda writes one "form property" row per
 * field of a form submission, cut at 4,000 characters — so a report section typed into the draft form, which is never
 * a variable, failed the whole submission). What a task handed in stays in the history as the variables it set, and
 * the draft and the redacted text as the application's documents.
 */
@Component
class FormHistoryPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        handlers.add(new WithoutFormProperties());
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(false);
    }

    /** Camunda's database history, form properties left out. */
    static final class WithoutFormProperties extends DbHistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent historyEvent) {
            if (!(historyEvent instanceof HistoricFormPropertyEventEntity)) {
                super.handleEvent(historyEvent);
            }
        }
    }
}
