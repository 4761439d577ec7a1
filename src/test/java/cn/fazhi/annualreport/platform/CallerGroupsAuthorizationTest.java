package cn.fazhi.annualreport.platform;

import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_DRAFT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's authorization checks with the caller's own groups ({@link CallerGroupsAuthorization}): a clerk sees
 * her entity's tasks and no other's, also when she is in a group that holds no grant, and the check no longer reads
 * every group that holds one.
 */
@AnnualReportTest
class CallerGroupsAuthorizationTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    IdentityService identityService;

    TestCases cases;

    @AfterEach
    void tearDown() {
        identityService.clearAuthentication();
        cases.cleanUp();
    }

    @Test
    void aClerkSeesHerEntitysTasksAndNoOtherWhateverElseSheIsIn() {
        // Given 巴彦县司法局's and 巴彦县公安局's cases, each waiting for its draft
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 9, 0));
        ProcessInstance justice = cases.start("bayan-sfj", 2025);
        ProcessInstance police = cases.start("bayan-gaj", 2025);

        // When 司法局's clerk, logged in with her groups and one more that holds no grant at all, lists the tasks
        List<String> groups = new ArrayList<>(identityService.createGroupQuery().groupMember("bayan_sfj_staff").list()
                .stream().map(Group::getId).toList());
        groups.add("zz-group-without-grants");
        identityService.setAuthentication("bayan_sfj_staff", groups);
        List<Task> visible = engine.getTaskService().createTaskQuery().processInstanceIdIn(justice.getId(),
                police.getId()).list();
        long draftsOfHerGroups = engine.getTaskService().createTaskQuery().taskCandidateGroupIn(groups)
                .processInstanceIdIn(justice.getId(), police.getId()).count();
        identityService.clearAuthentication();

        // Then she sees her entity's draft, not the police's
        assertThat(visible).extracting(Task::getProcessInstanceId, Task::getTaskDefinitionKey)
                .containsExactly(tuple(justice.getId(), TASK_DRAFT));
        assertThat(draftsOfHerGroups).isEqualTo(1);
        // and the engine's checks run with the application's authorization manager, which keeps her groups as they are
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        List<String> checked = configuration.getCommandExecutorTxRequired().execute((Command<List<String>>) context ->
                context.getAuthorizationManager().filterAuthenticatedGroupIds(groups));
        assertThat(checked).containsExactlyElementsOf(groups);
    }
}
