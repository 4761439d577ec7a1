package cn.fazhi.annualreport.launch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.TestCases;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.JdbcTemplate;
import java.util.Set;

/** Test helpers of the launch tests: run jobs as the job executor would (failures included), find the timer, clean up. */
final class LaunchTesting {

    /**
     * The demo registry's governments that list only their owner (the provinces and cities above the counties): a
     * launch skips them, naming the roles nobody holds, since their cases' tasks would reach nobody.
     */
    static final Set<String> NOBODY_TO_WORK = Set.of("hebei", "harbin", "pingdingshan", "hubei", "xilinguole");

    private final ProcessEngine engine;
    private final TestCases cases;
    private final JdbcTemplate jdbc;

    LaunchTesting(ProcessEngine engine) {
        this.engine = engine;
        this.cases = new TestCases(engine);
        this.jdbc = new JdbcTemplate(
                ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource());
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /**
     * Executes the due jobs (of one process instance, or all when null) until none is due, like the job executor: a
     * failing job is left to the engine's retry handling. Answers the failures.
     */
    List<String> runDueJobs(String processInstanceId) {
        ManagementService management = engine.getManagementService();
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            var query = management.createJobQuery().executable();
            if (processInstanceId != null) {
                query.processInstanceId(processInstanceId);
            }
            List<Job> due = query.list();
            if (due.isEmpty()) {
                break;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException e) {
                    failures.add(job.getId() + ": " + e.getMessage());
                }
            }
        }
        return failures;
    }

    /** Moves the engine clock on by minutes. */
    static void clockPlusMinutes(int minutes) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plusSeconds(60L * minutes)));
    }

    /** The yearly timer: exactly one job, of the latest annual-launch version. */
    Job timer() {
        List<Job> timers = engine.getManagementService().createJobQuery()
                .processDefinitionKey(AnnualLaunchProcess.PROCESS_KEY).timers().list();
        assertThat(timers).as("timer start jobs of annual-launch").hasSize(1);
        return timers.get(0);
    }

    /** Deletes the cases and launches, resets the clock and puts the timer back on its real next moment. */
    void cleanUp(LaunchSchedule schedule) {
        cases.cleanUp();
        jdbc.update("DELETE FROM case_launch_result");
        jdbc.update("DELETE FROM case_launch");
        Date next = Date.from(schedule.nextAfter(Instant.now()).toInstant());
        for (Job job : engine.getManagementService().createJobQuery()
                .processDefinitionKey(AnnualLaunchProcess.PROCESS_KEY).timers().list()) {
            engine.getManagementService().setJobDuedate(job.getId(), next);
        }
    }

    static Date at(int y, int m, int d, int h, int min) {
        return Date.from(LocalDateTime.of(y, m, d, h, min).atZone(TestCases.ZONE).toInstant());
    }
}
