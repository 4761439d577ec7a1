package cn.fazhi.annualreport.platform;

import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_ARCHIVE;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_COPY;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_DRAFT;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_FILE;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_INTERNAL_REVIEW;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_LEADERSHIP_MEETING;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_SECRECY_REVIEW;
import static cn.fazhi.annualreport.report.AnnualReportProcess.TASK_SIGN_AND_ISSUE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a finished case leaves in the authorization table: every grant to read its history goes with the case when
 * the history cleanup removes it (historyTimeToLive after the end), none stays for ever (issue 16).
 */
@AnnualReportTest
class FinishedCaseGrantsTest {

    @Autowired
    ProcessEngine engine;

    TestCases cases;

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void aFinishedCasesHistoryGrantsCarryItsRemovalTime() {
        // Given 巴彦县司法局's case of 2025, worked from kickoff to archive
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 9, 0));
        ProcessInstance pi = cases.start("bayan-sfj", 2025);
        List<Authorization> atStart = historyGrants(pi.getId());
        cases.complete(pi, TASK_DRAFT, TestCases.draft(false));
        cases.complete(pi, TASK_INTERNAL_REVIEW, TestCases.internalReview("APPROVE"));
        cases.complete(pi, TASK_LEADERSHIP_MEETING, TestCases.meeting("APPROVE"));
        cases.complete(pi, TASK_SIGN_AND_ISSUE, TestCases.issue("巴司呈〔2026〕9号"));
        cases.complete(pi, TASK_FILE, TestCases.filing("回执-9"));
        cases.complete(pi, TASK_COPY, TestCases.filing("回执-10"));
        cases.complete(pi, TASK_SECRECY_REVIEW, TestCases.secrecy());
        cases.executeDueJobs();
        cases.complete(pi, TASK_ARCHIVE, TestCases.archive());

        // When its archive is built and the case ends
        cases.executeDueJobs();

        // Then the entity's groups and the supervising offices had read grants from the start, unattached then
        HistoricProcessInstance ended = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(pi.getId()).finished().singleResult();
        assertThat(ended).as("case ended").isNotNull();
        assertThat(atStart).extracting(Authorization::getGroupId)
                .contains("bayan-sfj-owner", "bayan-owner", "harbin-owner");
        assertThat(atStart).allSatisfy(a -> assertThat(a.getRemovalTime()).isNull());
        // and now each is attached to the case and is removed with its history, ten years after the end
        Date removal = Date.from(ended.getEndTime().toInstant().plus(3650, ChronoUnit.DAYS)); // P3650D, bpmn/
        List<Authorization> history = historyGrants(pi.getId());
        assertThat(history).hasSameSizeAs(atStart).allSatisfy(a -> {
            assertThat(a.getRootProcessInstanceId()).isEqualTo(pi.getId());
            assertThat(a.getRemovalTime()).isCloseTo(removal, 1000);
        });
        // as are the grants on its tasks' history; the grants on the running case went when it ended
        List<String> taskIds = engine.getHistoryService().createHistoricTaskInstanceQuery()
                .processInstanceId(pi.getId()).list().stream().map(t -> t.getId()).toList();
        assertThat(engine.getAuthorizationService().createAuthorizationQuery()
                .resourceType(Resources.HISTORIC_TASK).list())
                .filteredOn(a -> taskIds.contains(a.getResourceId())).isNotEmpty()
                .allSatisfy(a -> assertThat(a.getRemovalTime()).isCloseTo(removal, 1000));
        assertThat(engine.getAuthorizationService().createAuthorizationQuery()
                .resourceType(Resources.PROCESS_INSTANCE).resourceId(pi.getId()).count()).isZero();
    }

    private List<Authorization> historyGrants(String processInstanceId) {
        return engine.getAuthorizationService().createAuthorizationQuery()
                .resourceType(Resources.HISTORIC_PROCESS_INSTANCE).resourceId(processInstanceId).list();
    }
}
