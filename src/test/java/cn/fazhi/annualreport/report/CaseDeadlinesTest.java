package cn.fazhi.annualreport.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.calendar.CalendarChanged;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A higher-level notice moves a running case's dates, and its tasks and timers follow; so does a calendar change. */
@AnnualReportTest
class CaseDeadlinesTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final String NOTICE = "《哈尔滨市司法局关于做好2025年度法治政府建设年度报告有关工作的通知》";

    @Autowired
    ProcessEngine engine;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    ApplicationEventPublisher events;

    TestCases cases;
    ProcessInstance pi;

    @BeforeEach
    void setUp() {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        pi = cases.start("bayan-gaj", 2025); // waits at the draft, due 2026-02-06 by the statutory plan
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void aNoticeMovesTheDeadlineTheOpenTaskAndItsReminderTimer() {
        // When the owner records the city's notice bringing the first draft forward to 20 January
        ResponseEntity<Map<String, Object>> response = put("bayan_gaj_head",
                Map.of("notice", NOTICE, "dates", Map.of("FIRST_DRAFT", "2026-01-20")));

        // Then the case shows the new date and the notice
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("notice", NOTICE);
        assertThat(response.getBody().get("deadlines").toString()).contains("FIRST_DRAFT", "2026-01-20");

        // And the open draft task is due then, and its reminder timer now fires 3 working days before (15 January)
        Task draft = cases.task(pi, "UserTask_DraftReport");
        assertThat(local(draft.getDueDate())).isEqualTo(LocalDate.of(2026, 1, 20));
        assertThat(reminderTimer().getDuedate()).isEqualTo(at(2026, 1, 15, 9, 0));
    }

    @Test
    void onlyTheEntitysOwnersMayOverrideAndBadRequestsChangeNothing() {
        Date before = cases.task(pi, "UserTask_DraftReport").getDueDate();

        ResponseEntity<Map<String, Object>> staff = put("bayan_gaj_staff",
                Map.of("notice", NOTICE, "dates", Map.of("FIRST_DRAFT", "2026-01-20")));
        ResponseEntity<Map<String, Object>> unknownMilestone = put("bayan_gaj_head",
                Map.of("notice", NOTICE, "dates", Map.of("LUNCH", "2026-01-20")));
        ResponseEntity<Map<String, Object>> latePublication = put("bayan_gaj_head",
                Map.of("notice", NOTICE, "dates", Map.of("FIRST_DRAFT", "2026-01-20", "PUBLICATION", "2026-04-15")));
        ResponseEntity<Map<String, Object>> noNotice = put("bayan_gaj_head",
                Map.of("dates", Map.of("FIRST_DRAFT", "2026-01-20")));
        ResponseEntity<Map<String, Object>> ancientFiling = put("bayan_gaj_head",
                Map.of("notice", NOTICE, "dates", Map.of("FILING", "1900-01-01")));
        ResponseEntity<Map<String, Object>> longNotice = put("bayan_gaj_head",
                Map.of("notice", "《" + "通".repeat(4100) + "》", "dates", Map.of("FIRST_DRAFT", "2026-01-20")));

        assertThat(staff.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(unknownMilestone.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(latePublication.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(latePublication.getBody().get("messageZh").toString()).contains("2026-03-31");
        assertThat(noNotice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ancientFiling.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ancientFiling.getBody().get("messageZh").toString()).contains("2026-01-01", "2026-03-31");
        assertThat(longNotice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(longNotice.getBody().get("messageZh").toString()).contains("最多500字");
        assertThat(cases.task(pi, "UserTask_DraftReport").getDueDate()).isEqualTo(before);
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "deadlineOverrides")).isNull();
    }

    @Test
    void aCalendarChangeRealignsStaleTimersAndDueDates() {
        // Given a reminder timer and a due date that no longer match the case's plan
        Task draft = cases.task(pi, "UserTask_DraftReport");
        Date planned = draft.getDueDate();
        Job timer = reminderTimer();
        Date plannedReminder = timer.getDuedate();
        engine.getManagementService().setJobDuedate(timer.getId(), at(2026, 6, 1, 9, 0));
        draft.setDueDate(at(2026, 6, 1, 17, 30));
        engine.getTaskService().saveTask(draft);

        // When the official holiday data is reloaded
        events.publishEvent(new CalendarChanged(Set.of(2026)));

        // Then both are back on the working-day plan
        assertThat(cases.task(pi, "UserTask_DraftReport").getDueDate()).isEqualTo(planned);
        assertThat(reminderTimer().getDuedate()).isEqualTo(plannedReminder);
    }

    private Job reminderTimer() {
        List<Job> timers = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().list();
        return timers.stream().filter(j -> "UserTask_DraftReport".equals(engine.getManagementService()
                        .createJobDefinitionQuery().jobDefinitionId(j.getJobDefinitionId()).singleResult().getActivityId()))
                .findFirst().orElseThrow();
    }

    private ResponseEntity<Map<String, Object>> put(String user, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        return rest.exchange("/api/reports/bayan-gaj/2025/deadlines", HttpMethod.PUT, new HttpEntity<>(body, headers), JSON);
    }

    private static LocalDate local(Date date) {
        return date.toInstant().atZone(TestCases.ZONE).toLocalDate();
    }

    private static Date at(int y, int m, int d, int h, int min) {
        return Date.from(LocalDateTime.of(y, m, d, h, min).atZone(TestCases.ZONE).toInstant());
    }
}
