package cn.fazhi.annualreport.security;

import java.util.List;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.FilterServiceImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.query.Query;

/**
 * The engine's filter service: running a Tasklist filter checks the variable conditions ({@link TaskQueries}) of the
 * filter's saved query and of the query that extends it (Tasklist's search box). The filter's query runs inside the
 * filter's command, past the interceptor that checks every other task query.
 */
class GuardedFilterService extends FilterServiceImpl {

    private final TaskQueries queries;

    GuardedFilterService(TaskQueries queries) {
        this.queries = queries;
    }

    @Override
    public <T> List<T> list(String filterId) {
        check(filterId, null);
        return super.list(filterId);
    }

    @Override
    public <T> List<T> listPage(String filterId, int firstResult, int maxResults) {
        check(filterId, null);
        return super.listPage(filterId, firstResult, maxResults);
    }

    @Override
    public <T> T singleResult(String filterId) {
        check(filterId, null);
        return super.singleResult(filterId);
    }

    @Override
    public Long count(String filterId) {
        check(filterId, null);
        return super.count(filterId);
    }

    @Override
    public <T, Q extends Query<?, T>> List<T> list(String filterId, Q extendingQuery) {
        check(filterId, extendingQuery);
        return super.list(filterId, extendingQuery);
    }

    @Override
    public <T, Q extends Query<?, T>> List<T> listPage(String filterId, Q extendingQuery, int firstResult,
                                                       int maxResults) {
        check(filterId, extendingQuery);
        return super.listPage(filterId, extendingQuery, firstResult, maxResults);
    }

    @Override
    public <T, Q extends Query<?, T>> T singleResult(String filterId, Q extendingQuery) {
        check(filterId, extendingQuery);
        return super.singleResult(filterId, extendingQuery);
    }

    @Override
    public Long count(String filterId, Query<?, ?> extendingQuery) {
        check(filterId, extendingQuery);
        return super.count(filterId, extendingQuery);
    }

    private void check(String filterId, Query<?, ?> extendingQuery) {
        if (extendingQuery instanceof TaskQueryImpl query) {
            queries.check(query);
        }
        Filter filter = filterId == null ? null : getFilter(filterId);
        if (filter != null && filter.getQuery() instanceof TaskQueryImpl saved) {
            queries.check(saved);
        }
    }
}
