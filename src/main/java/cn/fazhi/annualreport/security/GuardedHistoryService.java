package cn.fazhi.annualreport.security;

import org.camunda.bpm.engine.history.HistoricTaskInstanceQuery;
import org.camunda.bpm.engine.impl.HistoryServiceImpl;

/** The engine's history service, whose task queries check their variable conditions ({@link TaskQueries}). */
class GuardedHistoryService extends HistoryServiceImpl {

    private final TaskQueries queries;

    GuardedHistoryService(TaskQueries queries) {
        this.queries = queries;
    }

    @Override
    public HistoricTaskInstanceQuery createHistoricTaskInstanceQuery() {
        return new TaskQueries.History(this, queries);
    }
}
