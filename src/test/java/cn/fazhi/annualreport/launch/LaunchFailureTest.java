package cn.fazhi.annualreport.launch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDateTime;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One entity failing does not undo or hold up the others: a technical failure rolls its case back, is retried and ends
 * as an incident; once fixed and retried it is STARTED (never "skipped"). A refusal by the rules is FAILED at once.
 */
@AnnualReportTest
class LaunchFailureTest {

    /** A technical failure for one entity only: the database refuses to record its start (as a broken disk would). */
    private static final String BREAK_BAYAN_JYJ = "ALTER TABLE case_launch_result ADD CONSTRAINT test_launch_failure"
            + " CHECK (NOT (entity_code = 'bayan-jyj' AND outcome = 'STARTED'))";
    private static final String REPAIR = "ALTER TABLE case_launch_result DROP CONSTRAINT IF EXISTS test_launch_failure";

    @Autowired
    ProcessEngine engine;
    @Autowired
    LaunchService launches;
    @Autowired
    LaunchSchedule schedule;
    @Autowired
    EntityRegistry registry;

    LaunchTesting testing;

    @BeforeEach
    void setUp() {
        testing = new LaunchTesting(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        testing.jdbc().execute(REPAIR);
        testing.cleanUp(schedule);
    }

    @Test
    void aTechnicalFailureIsRetriedThenAnIncidentWhileTheOthersStartAndAfterTheFixItIsStarted() {
        int active = registry.active().size() - LaunchTesting.NOBODY_TO_WORK.size(); // the others are SKIPPED
        // Given bayan-jyj never had a 2025 case, and a launch of 2025 in which recording bayan-jyj's start fails
        testing.jdbc().update("DELETE FROM report_case WHERE entity_code = 'bayan-jyj' AND reporting_year = 2025");
        testing.jdbc().execute(BREAK_BAYAN_JYJ);
        String id = launches.launch(2025, "admin");

        // When the jobs run: one attempt fails
        assertThat(testing.runDueJobs(id)).hasSize(1);

        // Then every other entity is STARTED; bayan-jyj is PENDING, to be retried, and its case was rolled back
        LaunchView afterFirst = launches.view(id);
        assertThat(afterFirst.started()).isEqualTo(active - 1);
        assertThat(result(afterFirst, "bayan-jyj").outcome()).isEqualTo("PENDING");
        assertThat(result(afterFirst, "bayan-jyj").reasonEn()).contains("will be retried (2 retries left)");
        assertThat(casesOf("bayan-jyj")).isZero();
        assertThat(testing.jdbc().queryForObject("SELECT COUNT(*) FROM report_case WHERE entity_code = 'bayan-jyj'"
                + " AND reporting_year = 2025", Integer.class)).isZero();

        // When the two retries, five minutes apart, fail as well
        LaunchTesting.clockPlusMinutes(5);
        assertThat(testing.runDueJobs(id)).hasSize(1);
        LaunchTesting.clockPlusMinutes(5);
        assertThat(testing.runDueJobs(id)).hasSize(1);

        // Then the job has raised an incident in Cockpit, and the launch shows bayan-jyj FAILED with the reason
        Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(id).singleResult();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo(AnnualLaunchProcess.TASK_START_ENTITY_CASE);
        LaunchView failed = launches.view(id);
        assertThat(failed.state()).isEqualTo(LaunchView.RUNNING);
        assertThat(failed.failed()).isEqualTo(1);
        assertThat(failed.started()).isEqualTo(active - 1);
        LaunchView.EntityResult jyj = result(failed, "bayan-jyj");
        assertThat(jyj.outcome()).isEqualTo("FAILED");
        assertThat(jyj.reasonZh()).contains("技术故障", incident.getId());
        // (the constraint's name as the database reports it: H2 upper-cases unquoted names, PostgreSQL lower-cases them)
        assertThat(jyj.reasonEn()).contains("Technical failure").containsIgnoringCase("test_launch_failure");
        assertThat(casesOf("bayan-jyj")).isZero();

        // When the administrator repairs the cause and retries the job in Cockpit
        testing.jdbc().execute(REPAIR);
        Job job = engine.getManagementService().createJobQuery().processInstanceId(id).withException().singleResult();
        engine.getManagementService().setJobRetries(job.getId(), 1);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(id).count()).isZero();
        LaunchTesting.clockPlusMinutes(5);
        assertThat(testing.runDueJobs(id)).isEmpty();

        // Then bayan-jyj is STARTED (not "skipped": its earlier starts were rolled back), the incident is resolved and
        // the launch finished with every entity started
        LaunchView done = launches.view(id);
        assertThat(result(done, "bayan-jyj").outcome()).isEqualTo("STARTED");
        assertThat(casesOf("bayan-jyj")).isEqualTo(1);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(id).count()).isZero();
        assertThat(done.state()).isEqualTo(LaunchView.FINISHED);
        assertThat(done.started()).isEqualTo(active);
    }

    @Test
    void aRefusalByTheRulesIsFailedWithItsReasonWithoutAnIncident() {
        // Given a launch of 2025 whose jobs ran
        String id = launches.launch(2025, "admin");
        testing.runDueJobs(id);

        // When an entity code the registry no longer knows comes to be started (removed after the launch listed it)
        launches.startCase(id, 2025, "atlantis");

        // Then it is FAILED with the rules' reason in both languages, and no incident was raised
        LaunchView.EntityResult atlantis = result(launches.view(id), "atlantis");
        assertThat(atlantis.outcome()).isEqualTo("FAILED");
        assertThat(atlantis.reasonZh()).isEqualTo("未知的报告单位：atlantis");
        assertThat(atlantis.reasonEn()).isEqualTo("Unknown reporting entity: atlantis");
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();

        // And starting an entity that has its outcome already changes nothing
        String bayanCase = result(launches.view(id), "bayan").processInstanceId();
        launches.startCase(id, 2025, "bayan");
        assertThat(result(launches.view(id), "bayan").outcome()).isEqualTo("STARTED");
        assertThat(result(launches.view(id), "bayan").processInstanceId()).isEqualTo(bayanCase);
    }

    @Test
    void aLaunchDeletedInCockpitLeavesItsUnstartedEntitiesFailed() {
        // Given a launch of 2025 whose jobs have not run yet
        String id = launches.launch(2025, "admin");

        // When an administrator deletes it in Cockpit
        engine.getRuntimeService().deleteProcessInstance(id, "cancelled in Cockpit");

        // Then the launch is TERMINATED and each entity FAILED, saying why
        LaunchView view = launches.view(id);
        assertThat(view.state()).isEqualTo(LaunchView.TERMINATED);
        assertThat(view.failed()).isEqualTo(view.total()).isEqualTo(registry.active().size());
        assertThat(view.results()).allSatisfy(r -> assertThat(r.reasonEn()).contains("terminated"));
    }

    private long casesOf(String entity) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("annual-report")
                .processInstanceBusinessKey(entity + ":2025").count();
    }

    private static LaunchView.EntityResult result(LaunchView view, String entity) {
        return view.results().stream().filter(r -> entity.equals(r.entity())).findFirst().orElseThrow();
    }
}
