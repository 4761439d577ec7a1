package cn.fazhi.annualreport.webapp;

import cn.fazhi.annualreport.organization.Grants;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates Tasklist's filters (Tasklist shows no task without one), readable by every user: 我的待办 (the tasks of my
 * posts and those offered to me by name, unclaimed or claimed by me), 由我办理 (every task assigned to me),
 * 即将到期 (mine, due within three days) and 已逾期 (mine, overdue). A filter an administrator changed is kept; one
 * still as an earlier version shipped it is brought up to date.
 *
 * <p>我的待办 asks for the candidate links (the user and her groups, indexed) and then for the assignee (me or nobody).
 * Until issue 16 it asked for "assignee = me OR a candidate link of mine": an OR across the task and its identity
 * links that PostgreSQL answers by joining every open task — 38 ms for each of the list and its count with 10,000 open
 * tasks, growing with them. The difference: a task handed to somebody outside its candidate groups (转办 to another
 * person of the entity) is in her 由我办理, not in her 我的待办, nor in 即将到期 or 已逾期, which narrow 我的待办.
 */
@Component
@Order(30)
class TasklistFilters implements ApplicationRunner {

    static final String MINE = "我的待办";
    static final String ASSIGNED = "由我办理";
    static final String DUE_SOON = "即将到期";
    static final String OVERDUE = "已逾期";

    private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);
    private static final String DUE_SOON_AFTER = "${now()}";
    private static final String DUE_SOON_BEFORE = "${dateTime().plusDays(3).toDate()}";

    private final FilterService filterService;
    private final TaskService taskService;
    private final Grants grants;

    TasklistFilters(FilterService filterService, TaskService taskService, Grants grants) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.grants = grants;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure(MINE, "我所在岗位和点名交给我的待办事项（未认领或由我认领）", -10, "#1f6fb2", this::mine,
                this::mineUntilIssue16);
        ensure(ASSIGNED, "已由我认领或转办给我的待办事项，包括我所在岗位以外的", -8, "#3c8d40", this::assignedToMe, null);
        ensure(DUE_SOON, "三天内到期的待办事项", -5, "#e08a00",
                () -> mine().dueAfterExpression(DUE_SOON_AFTER).dueBeforeExpression(DUE_SOON_BEFORE),
                () -> mineUntilIssue16().dueAfterExpression(DUE_SOON_AFTER).dueBeforeExpression(DUE_SOON_BEFORE));
        ensure(OVERDUE, "已超过办理期限的待办事项", 0, "#c9302c", () -> mine().dueBeforeExpression("${now()}"),
                () -> mineUntilIssue16().dueBeforeExpression("${now()}"));
    }

    /** A candidate as the user or through one of her groups (the engine adds them), not claimed by somebody else. */
    private TaskQuery mine() {
        TaskQuery query = taskService.createTaskQuery()
                .taskCandidateUserExpression("${currentUser()}")
                .includeAssignedTasks();
        query.or().taskAssigneeExpression("${currentUser()}").taskUnassigned().endOr();
        query.orderByDueDate().asc();
        return query;
    }

    private TaskQuery assignedToMe() {
        TaskQuery query = taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}");
        query.orderByDueDate().asc();
        return query;
    }

    /** 我的待办 as shipped until issue 16: recognised so that it is replaced, never used for a new filter. */
    private TaskQuery mineUntilIssue16() {
        TaskQuery query = taskService.createTaskQuery();
        query.or()
                .taskAssigneeExpression("${currentUser()}")
                .taskCandidateUserExpression("${currentUser()}")
                .taskCandidateGroupInExpression("${currentUserGroups()}")
                .endOr();
        query.orderByDueDate().asc();
        return query;
    }

    private void ensure(String name, String description, int priority, String color, Supplier<TaskQuery> query,
                        Supplier<TaskQuery> shippedBefore) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name);
            filter.setOwner("admin");
            filter.setQuery(query.get());
            filter.setProperties(Map.of(
                    "description", description,
                    "priority", priority,
                    "color", color,
                    "refresh", true,
                    "variables", List.of(
                            Map.of("name", CaseVariables.ENTITY_NAME, "label", "报告单位"),
                            Map.of("name", CaseVariables.REPORTING_YEAR, "label", "报告年度"))));
            filterService.saveFilter(filter);
        } else if (shippedBefore != null && sameQuery(filter, shippedBefore.get())) {
            filter.setQuery(query.get());
            Map<String, Object> properties = new LinkedHashMap<>(filter.getProperties());
            properties.put("description", description);
            filter.setProperties(properties);
            filterService.saveFilter(filter);
            LOG.info("Tasklist filter {} brought up to date: it was the query an earlier version shipped", name);
        }
        grants.grantAll(Resources.FILTER, filter.getId(), Permissions.READ);
    }

    /** Whether the stored filter holds exactly this query, as the engine stores it. */
    private boolean sameQuery(Filter stored, TaskQuery query) {
        FilterEntity probe = (FilterEntity) filterService.newTaskFilter("probe");
        probe.setQuery(query);
        return stored instanceof FilterEntity entity
                && Objects.equals(entity.getQueryInternal(), probe.getQueryInternal());
    }
}
