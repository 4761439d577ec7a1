package cn.fazhi.annualreport.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Working days in BPMN on the application's real engine: {@code camunda:dueDate="5WD"} on a user task, an
 * expression that answers "&lt;n&gt;WD", and a timer {@code timeDuration} of "1WD".
 *
 * <p>Worked by hand for Friday 13 February 2026, 10:00 (Asia/Shanghai), from the State Council's 2026 notice:
 * Saturday 14 Feb is a make-up working day (1st), Sunday 15 to Monday 23 Feb are the nine days of Spring Festival,
 * then Tuesday 24 (2nd), Wednesday 25 (3rd), Thursday 26 (4th) and Friday 27 Feb (5th): "5WD" is
 * <b>2026-02-27 10:00</b>; "2WD" is 2026-02-24 10:00; "1WD" is the make-up Saturday 2026-02-14 10:00.
 */
@AnnualReportTest
class WorkingDayBpmnTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    ProcessEngineConfigurationImpl engineConfiguration;
    @Autowired
    ObjectProvider<CycleBusinessCalendar> cycleCalendars;

    private final List<String> deployments = new ArrayList<>();

    @BeforeEach
    void fridayBeforeSpringFestival() {
        identityService.clearAuthentication();
        ClockUtil.setCurrentTime(at("2026-02-13T10:00"));
    }

    @AfterEach
    void cleanUp() {
        deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
        ClockUtil.reset();
    }

    private static Date at(String shanghai) {
        return Date.from(LocalDateTime.parse(shanghai).atZone(SHANGHAI).toInstant());
    }

    private void deploy(BpmnModelInstance model) {
        deployments.add(repositoryService.createDeployment().name("working-day-test")
                .addModelInstance("working-day-test.bpmn", model).deploy().getId());
    }

    @Test
    void aUserTaskDueInFiveWorkingDaysIsDueAfterSpringFestival() {
        // Given a process whose task is due in 5 working days
        deploy(Bpmn.createExecutableProcess("wdTest").camundaHistoryTimeToLive(1)
                .startEvent().userTask("t").camundaDueDate("5WD").endEvent().done());

        // When it starts on Friday 13 Feb 2026 at 10:00
        ProcessInstance pi = runtimeService.startProcessInstanceByKey("wdTest");

        // Then the task is due Friday 27 Feb at 10:00 (14 Feb make-up day, 15–23 Feb off, 24, 25, 26, 27)
        Date due = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getDueDate();
        assertThat(due).isEqualTo(at("2026-02-27T10:00"));
    }

    @Test
    void anExpressionAnsweringWorkingDaysIsResolvedToo() {
        // Given a due date written as an expression over a process variable
        deploy(Bpmn.createExecutableProcess("wdExpression").camundaHistoryTimeToLive(1)
                .startEvent().userTask("t").camundaDueDate("${materialWorkingDays}WD").endEvent().done());

        // When it starts with 2 working days
        ProcessInstance pi = runtimeService.startProcessInstanceByKey("wdExpression",
                Map.of("materialWorkingDays", 2));

        // Then the task is due Tuesday 24 Feb at 10:00
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getDueDate())
                .isEqualTo(at("2026-02-24T10:00"));
    }

    @Test
    void aTimerOfOneWorkingDayFiresOnTheMakeUpSaturday() {
        // Given a process that waits one working day
        deploy(Bpmn.createExecutableProcess("wdTimer").camundaHistoryTimeToLive(1)
                .startEvent().intermediateCatchEvent("wait").timerWithDuration("1WD").endEvent().done());

        // When it starts on Friday 13 Feb 2026 at 10:00
        ProcessInstance pi = runtimeService.startProcessInstanceByKey("wdTimer");

        // Then its timer is due Saturday 14 Feb (a make-up working day) at 10:00, not on Monday
        Date due = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult()
                .getDuedate();
        assertThat(due).isEqualTo(at("2026-02-14T10:00"));
    }

    @Test
    void isoDueDatesStillMeanCalendarTime() {
        // Given a task due in P3D, the ISO notation of existing models
        deploy(Bpmn.createExecutableProcess("isoTest").camundaHistoryTimeToLive(1)
                .startEvent().userTask("t").camundaDueDate("P3D").endEvent().done());

        // When it starts on Friday 13 Feb 2026 at 10:00
        ProcessInstance pi = runtimeService.startProcessInstanceByKey("isoTest");

        // Then it is due three calendar days later, in the holiday
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getDueDate())
                .isEqualTo(at("2026-02-16T10:00"));
    }

    @Test
    void theEnginesCycleCalendarIsTheApplicationsWhenItHasOne() {
        // Given the engine's business calendars
        Object cycle = engineConfiguration.getBusinessCalendarManager().getBusinessCalendar("cycle");

        // Then "cycle" is a CycleBusinessCalendar (the engine casts it) that answers with the context's bean if any
        assertThat(cycle).isInstanceOf(ConfiguredCycleBusinessCalendar.class);
        CycleBusinessCalendar bean = cycleCalendars.getIfAvailable();
        CycleBusinessCalendar delegate = ((ConfiguredCycleBusinessCalendar) cycle).delegate();
        if (bean != null) {
            assertThat(delegate).isSameAs(bean);
        } else {
            assertThat(delegate.getClass()).isEqualTo(CycleBusinessCalendar.class);
        }
        assertThat(engineConfiguration.getBusinessCalendarManager().getBusinessCalendar("dueDate"))
                .isInstanceOf(WorkingDayDueDateCalendar.class);
        assertThat(engineConfiguration.getBusinessCalendarManager().getBusinessCalendar("duration"))
                .isInstanceOf(WorkingDayDurationCalendar.class);
    }
}
