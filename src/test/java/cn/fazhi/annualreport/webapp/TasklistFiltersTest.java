package cn.fazhi.annualreport.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tasklist's filters, evaluated as the engine does for a logged-in user, with authorization on. */
@AnnualReportTest
class TasklistFiltersTest {

    @Autowired
    ProcessEngine engine;

    @Autowired
    TasklistFilters tasklistFilters;

    TestCases cases;
    final List<String> addedUsers = new ArrayList<>();

    private static final String COLLEAGUE = "tl_colleague_drafter";

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
        addedUsers.forEach(engine.getIdentityService()::deleteUser);
    }

    @Test
    void myTasksShowsAUsersGroupTasksAndNothingOfOtherEntities() {
        // Given a department case of 巴彦县公安局 waiting for its draft, started early in January
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        ProcessInstance pi = cases.start("bayan-gaj", 2025);

        // When its drafter and a drafter of another entity open "我的待办"
        List<Task> own = listAs("bayan_gaj_staff", "我的待办");
        List<Task> foreign = listAs("xinhua_drafter", "我的待办");

        // Then the drafter sees the draft task and the other entity's drafter sees nothing of it
        assertThat(own).extracting(Task::getProcessInstanceId).containsExactly(pi.getId());
        assertThat(own).extracting(Task::getTaskDefinitionKey).containsExactly("UserTask_DraftReport");
        assertThat(foreign).isEmpty();
    }

    @Test
    void overdueAndDueSoonFollowTheEngineClock() {
        // Given a department case whose draft is due on its first-draft date
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        Task draft = cases.task(pi, "UserTask_DraftReport");

        // When the clock is a day before the due date, and then a day after it
        TestCases.setClock(LocalDateTime.ofInstant(draft.getDueDate().toInstant(), TestCases.ZONE).minusDays(1));
        List<Task> dueSoon = listAs("bayan_gaj_staff", "即将到期");
        List<Task> overdueBefore = listAs("bayan_gaj_staff", "已逾期");
        TestCases.setClock(LocalDateTime.ofInstant(draft.getDueDate().toInstant(), TestCases.ZONE).plusDays(1));
        List<Task> overdueAfter = listAs("bayan_gaj_staff", "已逾期");

        // Then the task is "due soon" first and "overdue" after its due date
        assertThat(dueSoon).extracting(Task::getId).containsExactly(draft.getId());
        assertThat(overdueBefore).isEmpty();
        assertThat(overdueAfter).extracting(Task::getId).containsExactly(draft.getId());
    }

    @Test
    void aTaskClaimedByAColleagueLeavesMyListAndAHandedOnTaskIsInTheHoldersAssignedList() {
        // Given a department case waiting for its draft, and a second drafter of the same department
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        Task draft = cases.task(pi, "UserTask_DraftReport");
        addDrafter(COLLEAGUE);

        // When both drafters look, then the colleague claims the task
        List<Task> beforeClaim = listAs("bayan_gaj_staff", TasklistFilters.MINE);
        as(COLLEAGUE, () -> engine.getTaskService().claim(draft.getId(), COLLEAGUE));
        List<Task> drafterAfterClaim = listAs("bayan_gaj_staff", TasklistFilters.MINE);
        List<Task> colleagueMine = listAs(COLLEAGUE, TasklistFilters.MINE);
        List<Task> colleagueAssigned = listAs(COLLEAGUE, TasklistFilters.ASSIGNED);

        // Then the unclaimed task was in the drafter's list, and once claimed it is only in the colleague's
        assertThat(beforeClaim).extracting(Task::getId).containsExactly(draft.getId());
        assertThat(drafterAfterClaim).isEmpty();
        assertThat(colleagueMine).extracting(Task::getId).containsExactly(draft.getId());
        assertThat(colleagueAssigned).extracting(Task::getId).containsExactly(draft.getId());

        // When the colleague hands it on (转办) to the bureau's head, who is no drafter
        as(COLLEAGUE, () -> engine.getTaskService().setAssignee(draft.getId(), "bayan_gaj_head"));

        // Then the head finds it under 由我办理 (not 我的待办: it is not a task of his post), the colleague no more
        assertThat(listAs("bayan_gaj_head", TasklistFilters.ASSIGNED)).extracting(Task::getId)
                .containsExactly(draft.getId());
        assertThat(listAs("bayan_gaj_head", TasklistFilters.MINE)).extracting(Task::getId)
                .doesNotContain(draft.getId());
        assertThat(listAs(COLLEAGUE, TasklistFilters.MINE)).isEmpty();
        assertThat(listAs(COLLEAGUE, TasklistFilters.ASSIGNED)).isEmpty();
    }

    @Test
    void aFilterAsAnEarlierVersionShippedItIsBroughtUpToDateAndOneAnAdminChangedIsKept() {
        // Given 我的待办 as stored by the version before issue 16, and 已逾期 changed by an administrator
        FilterService filters = engine.getFilterService();
        Filter mine = filters.createFilterQuery().filterName(TasklistFilters.MINE).singleResult();
        Filter overdue = filters.createFilterQuery().filterName(TasklistFilters.OVERDUE).singleResult();
        TaskQuery shippedMine = engine.getTaskService().createTaskQuery();
        shippedMine.or().taskAssigneeExpression("${currentUser()}").taskCandidateUserExpression("${currentUser()}")
                .taskCandidateGroupInExpression("${currentUserGroups()}").endOr();
        shippedMine.orderByDueDate().asc();
        TaskQuery newMine = mine.getQuery();
        TaskQuery newOverdue = overdue.getQuery();
        TaskQuery adminOverdue = engine.getTaskService().createTaskQuery().taskCandidateGroup("bayan-office");
        try {
            filters.saveFilter(mine.setQuery(shippedMine));
            filters.saveFilter(overdue.setQuery(adminOverdue));

            // When the application starts again
            tasklistFilters.run(null);

            // Then 我的待办 holds today's query, and the administrator's 已逾期 is as she left it
            assertThat(queryJson(TasklistFilters.MINE)).isEqualTo(json(newMine)).isNotEqualTo(json(shippedMine));
            assertThat(queryJson(TasklistFilters.OVERDUE)).isEqualTo(json(adminOverdue));
        } finally {
            filters.saveFilter(filters.getFilter(overdue.getId()).setQuery(newOverdue));
            filters.saveFilter(filters.getFilter(mine.getId()).setQuery(newMine));
        }
    }

    private String queryJson(String filterName) {
        return ((FilterEntity) engine.getFilterService().createFilterQuery().filterName(filterName).singleResult())
                .getQueryInternal();
    }

    private String json(TaskQuery query) {
        FilterEntity probe = (FilterEntity) engine.getFilterService().newTaskFilter("probe");
        probe.setQuery(query);
        return probe.getQueryInternal();
    }

    private void addDrafter(String userId) {
        IdentityService identity = engine.getIdentityService();
        User user = identity.newUser(userId);
        user.setFirstName("同事");
        identity.saveUser(user);
        identity.createMembership(userId, "bayan-gaj-drafter");
        addedUsers.add(userId);
    }

    private void as(String userId, Runnable action) {
        IdentityService identity = engine.getIdentityService();
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
        identity.setAuthentication(userId, groups);
        try {
            action.run();
        } finally {
            identity.clearAuthentication();
        }
    }

    private List<Task> listAs(String userId, String filterName) {
        FilterService filters = engine.getFilterService();
        IdentityService identity = engine.getIdentityService();
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
        identity.setAuthentication(userId, groups);
        try {
            Filter filter = filters.createFilterQuery().filterName(filterName).singleResult();
            assertThat(filter).as("filter %s visible to %s", filterName, userId).isNotNull();
            return filters.list(filter.getId());
        } finally {
            identity.clearAuthentication();
        }
    }
}
