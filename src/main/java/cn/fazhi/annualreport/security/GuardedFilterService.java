package cn.fazhi.annualreport.security;

import java.util.List;
import org.camunda.bpm.engine.impl.FilterServiceImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.query.Query;

/**
 * The engine's filter service: a Tasklist filter's list extended by a query of the caller's (the search box) checks
 * that query's variable conditions ({@link TaskQueries}).
 */
class GuardedFilterService extends FilterServiceImpl {

    private final TaskQueries queries;

    GuardedFilterService(TaskQueries queries) {
        this.queries = queries;
    }

    @Override
    public <T, Q extends Query<?, T>> List<T> list(String filterId, Q extendingQuery) {
        check(extendingQuery);
        return super.list(filterId, extendingQuery);
    }

    @Override
    public <T, Q extends Query<?, T>> List<T> listPage(String filterId, Q extendingQuery, int firstResult,
                                                       int maxResults) {
        check(extendingQuery);
        return super.listPage(filterId, extendingQuery, firstResult, maxResults);
    }

    @Override
    public <T, Q extends Query<?, T>> T singleResult(String filterId, Q extendingQuery) {
        check(extendingQuery);
        return super.singleResult(filterId, extendingQuery);
    }

    @Override
    public Long count(String filterId, Query<?, ?> extendingQuery) {
        check(extendingQuery);
        return super.count(filterId, extendingQuery);
    }

    private void check(Query<?, ?> extendingQuery) {
        if (extendingQuery instanceof TaskQueryImpl query) {
            queries.check(query);
        }
    }
}
