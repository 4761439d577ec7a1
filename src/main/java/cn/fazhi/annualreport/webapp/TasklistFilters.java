package cn.fazhi.annualreport.webapp;

import cn.fazhi.annualreport.organization.Grants;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates Tasklist's filters (Tasklist shows no task without one), readable by every user: 我的待办 (assigned to me or
 * to one of my groups), 即将到期 (due within three days), 已逾期 (overdue). Existing filters of the same name are kept.
 */
@Component
@Order(30)
class TasklistFilters implements ApplicationRunner {

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
        ensure("我的待办", "分配给我或我所在岗位的待办事项", -10, "#1f6fb2", mine());
        ensure("即将到期", "三天内到期的待办事项", -5, "#e08a00",
                mine().dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(3).toDate()}"));
        ensure("已逾期", "已超过办理期限的待办事项", 0, "#c9302c", mine().dueBeforeExpression("${now()}"));
    }

    private TaskQuery mine() {
        TaskQuery query = taskService.createTaskQuery();
        query.or()
                .taskAssigneeExpression("${currentUser()}")
                .taskCandidateUserExpression("${currentUser()}")
                .taskCandidateGroupInExpression("${currentUserGroups()}")
                .endOr();
        query.orderByDueDate().asc();
        return query;
    }

    private void ensure(String name, String description, int priority, String color, TaskQuery query) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name);
            filter.setOwner("admin");
            filter.setQuery(query);
            filter.setProperties(Map.of(
                    "description", description,
                    "priority", priority,
                    "color", color,
                    "refresh", true,
                    "variables", List.of(
                            Map.of("name", CaseVariables.ENTITY_NAME, "label", "报告单位"),
                            Map.of("name", CaseVariables.REPORTING_YEAR, "label", "报告年度"))));
            filterService.saveFilter(filter);
        }
        grants.grantAll(Resources.FILTER, filter.getId(), Permissions.READ);
    }
}
