package cn.fazhi.annualreport.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDateTime;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tasklist's filters, evaluated as the engine does for a logged-in user, with authorization on. */
@AnnualReportTest
class TasklistFiltersTest {

    @Autowired
    ProcessEngine engine;

    TestCases cases;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
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
