package cn.fazhi.annualreport.report;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The engine's history without its copy of every submitted form field and of every variable update.
 *
 * <p>Camunda's history level {@code full} writes one "form property" row per field of a form submission, cut at 4,000
 * characters — so a report section typed into the draft form, which is never a variable, failed the whole submission
 * — and one {@code ACT_HI_DETAIL} row (with a byte array for JSON values) per variable write: a third of a case's
 * history rows, read by nothing (issue 16). What the case view, the audit and the archive need stays: each variable's
 * last value ({@code ACT_HI_VARINST}), activities, tasks, identity links, the user operation log, the job log
 * (failures with their stack traces), incidents; and the draft and the redacted text as the application's documents.
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

    /** Camunda's database history, form properties and variable update details left out. */
    static final class WithoutFormProperties extends DbHistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent historyEvent) {
            if (!(historyEvent instanceof HistoricFormPropertyEventEntity)) {
                super.handleEvent(historyEvent);
            }
        }

        /** The historic variable instance is still written with each update; only its copy per update is not. */
        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity historyEvent) {
            return false;
        }
    }
}
