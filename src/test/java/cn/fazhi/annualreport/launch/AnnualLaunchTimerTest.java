package cn.fazhi.annualreport.launch;

import static cn.fazhi.annualreport.launch.AnnualLaunchProcess.*;
import static cn.fazhi.annualreport.launch.LaunchTesting.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.report.ReportCaseService;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The yearly timer of annual-launch: when it fires, what it launches, how it is rescheduled, caught up and redeployed. */
@AnnualReportTest
class AnnualLaunchTimerTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    LaunchTimer launchTimer;
    @Autowired
    LaunchSchedule schedule;
    @Autowired
    LaunchService launches;
    @Autowired
    LaunchRecords records;
    @Autowired
    EntityRegistry registry;
    @Autowired
    ReportCaseService reportCases;

    LaunchTesting testing;

    @BeforeEach
    void setUp() {
        init(engine);
        testing = new LaunchTesting(engine);
    }

    @AfterEach
    void tearDown() {
        testing.cleanUp(schedule);
    }

    @Test
    void timerFiresOnTheFirstWorkingDayOfJanuaryAndWaitsForNextYearAfterwards() {
        // Given late December 2025, and the timer aligned with the working-day calendar
        TestCases.setClock(LocalDateTime.of(2025, 12, 28, 10, 0));
        launchTimer.align(Duration.ZERO);

        // Then it is due on Sunday 4 January 2026, 09:00 in China: 1–3 January are off, the 4th is a make-up working day
        assertThat(testing.timer().getDuedate()).isEqualTo(at(2026, 1, 4, 9, 0));

        // When the clock reaches 08:59 that day, nothing is launched
        TestCases.setClock(LocalDateTime.of(2026, 1, 4, 8, 59));
        assertThat(testing.runDueJobs(null)).isEmpty();
        assertThat(records.list(2025)).isEmpty();

        // When it is 09:00 and the jobs run
        TestCases.setClock(LocalDateTime.of(2026, 1, 4, 9, 0));
        assertThat(testing.runDueJobs(null)).isEmpty();

        // Then last year's (2025) cases were launched by the timer for every active entity with people for its
        // tasks, and the launch finished
        List<LaunchView> launched = launches.list(2025);
        assertThat(launched).singleElement().satisfies(v -> {
            assertThat(v.trigger()).isEqualTo("TIMER");
            assertThat(v.requestedBy()).isNull();
            assertThat(v.state()).isEqualTo(LaunchView.FINISHED);
            assertThat(v.started()).isEqualTo(registry.active().size() - LaunchTesting.NOBODY_TO_WORK.size());
            assertThat(v.skipped()).isEqualTo(LaunchTesting.NOBODY_TO_WORK.size());
            assertThat(v.failed() + v.pending()).isZero();
        });
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("annual-report")
                .processInstanceBusinessKey("bayan:2025").count()).isEqualTo(1);
        HistoricProcessInstance launch = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(launched.get(0).id()).singleResult();
        assertThat(launch.getStartActivityId()).isEqualTo(TIMER_START);
        assertThat(launch.getEndActivityId()).isEqualTo(END_LAUNCHED);
        assertThat(launch.getBusinessKey()).isEqualTo("launch:2025");

        // And the timer was evaluated again: it now waits for Monday 4 January 2027, 09:00 (1 January is New Year's Day)
        assertThat(testing.timer().getDuedate()).isEqualTo(at(2027, 1, 4, 9, 0));
    }

    @Test
    void aSecondFiringForTheSameYearLaunchesNothing() {
        // Given the timer launched 2025 on 4 January 2026
        TestCases.setClock(LocalDateTime.of(2026, 1, 4, 9, 0));
        engine.getManagementService().setJobDuedate(testing.timer().getId(), at(2026, 1, 4, 9, 0));
        testing.runDueJobs(null);
        assertThat(records.scheduledLaunchExists(2025)).isTrue();

        // When the timer fires once more the same year (a second node's catch-up, a timer set back by hand)
        TestCases.setClock(LocalDateTime.of(2026, 1, 4, 9, 30));
        Job again = testing.timer();
        engine.getManagementService().setJobDuedate(again.getId(), at(2026, 1, 4, 9, 30));
        Set<String> before = launchInstances();
        testing.runDueJobs(null);

        // Then that launch ends without recording anything: still one launch of 2025
        Set<String> started = launchInstances();
        started.removeAll(before);
        assertThat(started).hasSize(1);
        HistoricProcessInstance second = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(started.iterator().next()).singleResult();
        assertThat(second.getEndActivityId()).isEqualTo(END_NOT_LAUNCHED);
        assertThat(second.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(launches.list(2025)).hasSize(1);
        // And the timer is back on next year's moment
        assertThat(testing.timer().getDuedate()).isEqualTo(at(2027, 1, 4, 9, 0));
    }

    private Set<String> launchInstances() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).list()
                .stream().map(HistoricProcessInstance::getId).collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void aLaunchMissedWhileTheApplicationWasDownIsCaughtUpAtStart() {
        // Given Monday 5 January 2026 10:00: the application was down at Sunday's launch moment and a redeployment
        // replaced the timer, which now waits for 2027 — 2025 was never launched
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        engine.getManagementService().setJobDuedate(testing.timer().getId(), at(2027, 1, 4, 9, 0));

        // When the application starts (with the default catch-up window of 7 days)
        launchTimer.align(Duration.ofDays(7));

        // Then the timer is due at once, and running it launches 2025 as the timer would have
        assertThat(testing.timer().getDuedate()).isEqualTo(at(2026, 1, 5, 10, 0));
        assertThat(testing.runDueJobs(null)).isEmpty();
        assertThat(launches.list(2025)).singleElement().satisfies(v -> {
            assertThat(v.trigger()).isEqualTo("TIMER");
            assertThat(v.started()).isEqualTo(registry.active().size() - LaunchTesting.NOBODY_TO_WORK.size());
        });
        // And afterwards it waits for 2027; a further start-up catches nothing up
        assertThat(testing.timer().getDuedate()).isEqualTo(at(2027, 1, 4, 9, 0));
        assertThat(launchTimer.align(Duration.ofDays(7))).isEqualTo(at(2027, 1, 4, 9, 0));
        assertThat(testing.timer().getDuedate()).isEqualTo(at(2027, 1, 4, 9, 0));
    }

    @Test
    void outsideTheCatchUpWindowAStartLeavesTheTimerOnNextYear() {
        // Given 20 January 2026: more than 7 days after the 2025 launch moment, which never ran
        TestCases.setClock(LocalDateTime.of(2026, 1, 20, 10, 0));

        // When the application starts
        launchTimer.align(Duration.ofDays(7));

        // Then nothing is caught up (an administrator launches by hand if still wanted): the timer waits for 2027
        assertThat(testing.timer().getDuedate()).isEqualTo(at(2027, 1, 4, 9, 0));
        assertThat(testing.runDueJobs(null)).isEmpty();
        assertThat(records.list(2025)).isEmpty();
    }

    @Test
    void aRedeploymentReplacesTheTimerWithOneOfTheNewVersionOnTheNextMoment() throws Exception {
        // Given December 2026 and the deployed timer
        TestCases.setClock(LocalDateTime.of(2026, 12, 20, 10, 0));
        String before = testing.timer().getProcessDefinitionId();

        // When a changed process is deployed (as Modeler or the next release does)
        String deploymentId;
        try (InputStream bpmn = getClass().getResourceAsStream("/bpmn/annual-launch.bpmn")) {
            deploymentId = engine.getRepositoryService().createDeployment().name("annual-launch-redeploy-test")
                    .addInputStream("bpmn/annual-launch.bpmn", bpmn).deploy().getId();
        }
        try {
            // Then there is still exactly one timer, of the new version, due on the next launch moment
            ProcessDefinition latest = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey(PROCESS_KEY).latestVersion().singleResult();
            assertThat(latest.getDeploymentId()).isEqualTo(deploymentId);
            Job timer = testing.timer();
            assertThat(timer.getProcessDefinitionId()).isEqualTo(latest.getId()).isNotEqualTo(before);
            assertThat(timer.getDuedate()).isEqualTo(at(2027, 1, 4, 9, 0));
        } finally {
            engine.getRepositoryService().deleteDeployment(deploymentId, true);
        }

        // And when that version is removed again, the previous version's timer is back: still exactly one
        assertThat(testing.timer().getProcessDefinitionId()).isEqualTo(before);
    }

    @Test
    void aSwitchedOffTimerRecordsNoLaunch() {
        // Given report.launch.enabled=false
        LaunchService switchedOff = new LaunchService(registry, reportCases, records,
                new LaunchProperties(false, null, null, null, null), engine.getRuntimeService(),
                engine.getHistoryService(), engine.getManagementService(), engine.getIdentityService());
        TestCases.setClock(LocalDateTime.of(2026, 1, 4, 9, 0));

        // When the timer's record step runs
        LaunchService.Recorded recorded = switchedOff.record("timer-off-test", Trigger.TIMER, null, null);

        // Then nothing is launched or recorded, and the reason says why
        assertThat(recorded.launched()).isFalse();
        assertThat(recorded.year()).isEqualTo(2025);
        assertThat(recorded.reasonEn()).contains("switched off");
        assertThat(records.find("timer-off-test")).isEmpty();
    }
}
