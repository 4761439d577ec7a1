package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;
import static cn.fazhi.annualreport.testing.TestCases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import cn.fazhi.annualreport.filing.FilingRecord;
import cn.fazhi.annualreport.filing.FilingRecords;
import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.TestCases;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** Every path of the annual-report process, on the real engine with the real delegates. */
@AnnualReportTest
class AnnualReportProcessTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    FilingRecords filingRecords;

    TestCases cases;

    @BeforeEach
    void setUp() {
        init(engine);
        cases = new TestCases(engine);
        setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void governmentCaseRunsFromMaterialsToArchiveThroughTheExecutiveMeeting() {
        // Given a case of 巴彦县 for 2025
        ProcessInstance pi = cases.start("bayan", 2025);

        // Then it is keyed by entity and year, and every department is asked for material
        assertThat(pi).hasBusinessKey("bayan:2025").isWaitingAt(TASK_SUBMIT_MATERIAL);
        List<Task> materials = cases.tasks(pi, TASK_SUBMIT_MATERIAL);
        assertThat(materials).extracting(Task::getName).containsExactlyInAnyOrder(
                "报送部门材料：司法局", "报送部门材料：公安局", "报送部门材料：教育局", "报送部门材料：营商环境建设监督局");
        assertThat(materials.get(0).getDueDate()).isNotNull();

        // When all departments submit, the report is drafted, reviewed and passes the executive meeting
        cases.complete(pi, TASK_SUBMIT_MATERIAL, material());
        assertThat(pi).isWaitingAt(TASK_DRAFT);
        assertThat(cases.task(pi, TASK_DRAFT)).hasCandidateGroup("bayan-drafter");
        cases.complete(pi, TASK_DRAFT, draft(false));
        assertThat(cases.task(pi, TASK_INTERNAL_REVIEW)).hasCandidateGroup("bayan-owner");
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("APPROVE"));
        assertThat(pi).isWaitingAt(TASK_EXECUTIVE_MEETING);
        cases.complete(pi, TASK_EXECUTIVE_MEETING, meeting("APPROVE"));
        cases.complete(pi, TASK_SIGN_AND_ISSUE, issue("巴政呈〔2026〕12号"));

        // Then filing goes to every statutory recipient in parallel, with the copy and the secrecy review
        assertThat(pi).isWaitingAt(TASK_FILE, TASK_COPY, TASK_SECRECY_REVIEW);
        assertThat(cases.tasks(pi, TASK_FILE)).extracting(Task::getName).containsExactlyInAnyOrder(
                "报送年度报告：中共巴彦县委", "报送年度报告：巴彦县人大常委会", "报送年度报告：中共哈尔滨市委",
                "报送年度报告：哈尔滨市人民政府");
        assertThat(cases.task(pi, TASK_COPY).getName())
                .isEqualTo("抄送依法治理办公室：中共哈尔滨市委全面依法治市委员会办公室");
        cases.complete(pi, TASK_FILE, filing("HR-2026-001"));
        cases.complete(pi, TASK_COPY, filing("YFZS-2026-007"));
        cases.complete(pi, TASK_SECRECY_REVIEW, secrecy());

        // Then the report is published asynchronously, and the case goes on once its URL answers
        assertThat(pi).isWaitingAt(SERVICE_PUBLISH_REPORT);
        cases.executeDueJobs();
        assertThat(pi).hasPassedInOrder(TASK_SECRECY_REVIEW, SERVICE_PUBLISH_REPORT, SERVICE_CHECK_PUBLICATION)
                .isWaitingAt(TASK_ARCHIVE);
        assertThat(pi).variables().containsKeys(VAR_PUBLICATION_URL, VAR_PUBLISHED_AT, VAR_PUBLICATION_VERIFIED_AT);
        assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), VAR_PUBLICATION_URL))
                .endsWith("/public/reports/bayan/2025");
        cases.complete(pi, TASK_ARCHIVE, archive());
        cases.executeDueJobs(); // the archive is built after 归档, asynchronously

        // Then the case has ended archived, with a receipt for each of the five addressees
        assertThat(pi).hasPassed(SERVICE_PUBLISH_REPORT, TASK_ARCHIVE, SERVICE_CHECK_RECEIPTS, SERVICE_ARCHIVE_CASE)
                .isEnded();
        assertThat(pi).hasNotPassed(TASK_RECORD_RECEIPT);
        assertThat(pi).hasPassedInOrder(TASK_DRAFT, TASK_INTERNAL_REVIEW, TASK_EXECUTIVE_MEETING, TASK_SIGN_AND_ISSUE);
        assertThat(pi).hasNotPassed(TASK_SOLICIT_OPINIONS, TASK_LEADERSHIP_MEETING, TASK_PRINCIPAL_SIGN_OFF);
        List<FilingRecord> receipts = filingRecords.forCase(pi.getId());
        assertThat(receipts).hasSize(5);
        assertThat(receipts).filteredOn(r -> r.kind().equals("COPY")).singleElement()
                .satisfies(r -> assertThat(r.receiptNumber()).isEqualTo("YFZS-2026-007"));
        assertThat(receipts).allSatisfy(r -> assertThat(r.filedOn()).hasToString("2026-02-26"));
    }

    @Test
    void departmentCaseHasNoMaterialsAndGoesThroughItsLeadershipMeeting() {
        // Given a case of 巴彦县公安局, a department
        ProcessInstance pi = cases.start("bayan-gaj", 2025);

        // Then drafting starts at once and the gate is the leadership meeting
        assertThat(pi).isWaitingAt(TASK_DRAFT).hasNotPassed(TASK_SUBMIT_MATERIAL);
        assertThat(pi).variables().containsEntry(VAR_REVIEW_GATE, "LEADERSHIP_MEETING");
        cases.complete(pi, TASK_DRAFT, draft(false));
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("APPROVE"));
        assertThat(cases.task(pi, TASK_LEADERSHIP_MEETING)).hasCandidateGroup("bayan-gaj-office");
        cases.complete(pi, TASK_LEADERSHIP_MEETING, meeting("APPROVE"));
        cases.complete(pi, TASK_SIGN_AND_ISSUE, Map.of("issuedBy", "姜局长", "issueDate", "2026-02-25"));

        // Then, with no number entered, the next number of the department's prefix and the issue year was assigned
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "documentNumber")).isEqualTo("巴公呈〔2026〕1号");

        // Then it files with the county Party committee, the county government and the city bureau, copy to 依法治县办
        assertThat(cases.tasks(pi, TASK_FILE)).extracting(Task::getName).containsExactlyInAnyOrder(
                "报送年度报告：中共巴彦县委", "报送年度报告：巴彦县人民政府", "报送年度报告：哈尔滨市公安局");
        assertThat(cases.task(pi, TASK_COPY).getName()).endsWith("中共巴彦县委全面依法治县委员会办公室");
        cases.complete(pi, TASK_FILE, filing("R-1"));
        cases.complete(pi, TASK_COPY, filing("R-2"));
        cases.complete(pi, TASK_SECRECY_REVIEW, secrecy());
        cases.executeDueJobs();
        cases.complete(pi, TASK_ARCHIVE, archive());
        cases.executeDueJobs();
        assertThat(pi).isEnded().hasPassed(SERVICE_CHECK_PUBLICATION, END_ARCHIVED);
    }

    @Test
    void aReportKeptFromThePublicSkipsPublicationAndTheCaseGoesOn() {
        // Given a department report after issuance
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        cases.complete(pi, TASK_DRAFT, draft(false));
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("APPROVE"));
        cases.complete(pi, TASK_LEADERSHIP_MEETING, meeting("APPROVE"));
        cases.complete(pi, TASK_SIGN_AND_ISSUE, Map.of("issuedBy", "姜局长", "issueDate", "2026-02-25"));
        cases.complete(pi, TASK_FILE, filing("R-1"));
        cases.complete(pi, TASK_COPY, filing("R-2"));

        // When the secrecy review decides it is not to be released
        cases.complete(pi, TASK_SECRECY_REVIEW, secrecyNotPublic());

        // Then nothing is published and the case goes straight on to the archive
        assertThat(pi).isWaitingAt(TASK_ARCHIVE).hasNotPassed(SERVICE_PUBLISH_REPORT, SERVICE_CHECK_PUBLICATION);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(SERVICE_PUBLISH_REPORT).count()).isZero();
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), VAR_PUBLICATION_URL)).isNull();
    }

    @Test
    void internalReviewReturnsTheDraftForRevision() {
        // Given a department report under internal review
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        cases.complete(pi, TASK_DRAFT, draft(false));

        // When the reviewer returns it
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("RETURN"));

        // Then it is back with the drafter, and the next approval moves on to the gate
        assertThat(pi).isWaitingAt(TASK_DRAFT);
        cases.complete(pi, TASK_DRAFT, draft(false));
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("APPROVE"));
        assertThat(pi).isWaitingAt(TASK_LEADERSHIP_MEETING);
    }

    @Test
    void aDraftReturnedAfterItsDeadlineGetsTimeForTheRevision() {
        // Given a department report under internal review after its first-draft date had passed
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        cases.complete(pi, TASK_DRAFT, draft(false));
        setClock(LocalDateTime.of(2026, 2, 27, 10, 0));

        // When the reviewer returns it
        cases.complete(pi, TASK_INTERNAL_REVIEW, Map.of("internalReviewDecision", "RETURN",
                "internalReviewComment", "请补充行政复议数据"));

        // Then the revision is due three working days later (28 Feb 2026 is a make-up working day), with the request
        Task revision = cases.task(pi, TASK_DRAFT);
        assertThat(revision.getDueDate().toInstant().atZone(ZONE).toLocalDate()).hasToString("2026-03-03");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "revisionRequest"))
                .isEqualTo("【审核报告稿】请补充行政复议数据");
    }

    @Test
    void executiveMeetingCanSendTheReportBackForRevision() {
        // Given a government report before its executive meeting
        ProcessInstance pi = cases.start("bayan", 2025);
        cases.complete(pi, TASK_SUBMIT_MATERIAL, material());
        cases.complete(pi, TASK_DRAFT, draft(false));
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("APPROVE"));

        // When the meeting decides "revise"
        cases.complete(pi, TASK_EXECUTIVE_MEETING, meeting("REVISE"));

        // Then it returns to drafting, not to the departments
        assertThat(pi).isWaitingAt(TASK_DRAFT);
        assertThat(cases.tasks(pi, TASK_SUBMIT_MATERIAL)).isEmpty();

        // And the drafter sees what to revise; when the revised draft comes back to the meeting, its form does not
        // carry the old answers
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "revisionRequest"))
                .isEqualTo("【政府常务会议审议】会议原则通过");
        cases.complete(pi, TASK_DRAFT, draft(false));
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("APPROVE"));
        assertThat(pi).isWaitingAt(TASK_EXECUTIVE_MEETING);
        assertThat(engine.getRuntimeService().getVariables(pi.getId()))
                .doesNotContainKeys(VAR_GATE_DECISION, "meetingSession", "meetingDate", "revisionRequest");
    }

    @Test
    void leadershipMeetingCanSendTheReportBackForRevision() {
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        cases.complete(pi, TASK_DRAFT, draft(false));
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("APPROVE"));

        cases.complete(pi, TASK_LEADERSHIP_MEETING, meeting("REVISE"));

        assertThat(pi).isWaitingAt(TASK_DRAFT);
    }

    @Test
    void principalSignOffGateApprovesOrRevises() {
        // Given 巴彦县教育局, whose gate is the principal leader's sign-off
        ProcessInstance pi = cases.start("bayan-jyj", 2025);
        cases.complete(pi, TASK_DRAFT, draft(false));
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("APPROVE"));
        assertThat(cases.task(pi, TASK_PRINCIPAL_SIGN_OFF)).hasCandidateGroup("bayan-jyj-leader");

        // When the leader sends it back, and later signs
        cases.complete(pi, TASK_PRINCIPAL_SIGN_OFF, signOff("REVISE"));
        assertThat(pi).isWaitingAt(TASK_DRAFT);
        cases.complete(pi, TASK_DRAFT, draft(false));
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("APPROVE"));
        cases.complete(pi, TASK_PRINCIPAL_SIGN_OFF, signOff("APPROVE"));

        // Then the report goes to issuance
        assertThat(pi).isWaitingAt(TASK_SIGN_AND_ISSUE);
    }

    @Test
    void kickoffCanChooseAnotherGateAndSolicitOpinions() {
        // Given a government case whose owner chose the principal sign-off and a round of opinions
        ProcessInstance pi = cases.start("bayan", 2025,
                Map.of("reviewGate", "PRINCIPAL_SIGN_OFF", "solicitOpinions", true));
        cases.complete(pi, TASK_SUBMIT_MATERIAL, material());

        // When the drafter submits asking for opinions
        cases.complete(pi, TASK_DRAFT, draft(true));

        // Then opinions are collected before the internal review, and the chosen gate follows
        assertThat(pi).isWaitingAt(TASK_SOLICIT_OPINIONS);
        cases.complete(pi, TASK_SOLICIT_OPINIONS, opinions());
        cases.complete(pi, TASK_INTERNAL_REVIEW, internalReview("APPROVE"));
        assertThat(pi).isWaitingAt(TASK_PRINCIPAL_SIGN_OFF);
    }

    @Test
    void draftingStartsWhenTheMaterialsDeadlineHasPassed() {
        // Given a government case where only one department has submitted
        ProcessInstance pi = cases.start("bayan", 2025);
        Task first = cases.tasks(pi, TASK_SUBMIT_MATERIAL).get(0);
        engine.getTaskService().complete(first.getId(), material());

        // When the materials deadline passes
        setClock(LocalDateTime.of(2026, 3, 1, 9, 0));
        cases.executeDueJobs();

        // Then the missing departments' tasks are closed and drafting starts
        assertThat(pi).hasPassed(TIMER_MATERIALS_DEADLINE).isWaitingAt(TASK_DRAFT);
        assertThat(cases.tasks(pi, TASK_SUBMIT_MATERIAL)).isEmpty();
    }

    @Test
    void secondCaseForTheSameEntityAndYearIsRefusedAndNothingIsCreated() {
        // Given a running case
        cases.start("bayan", 2025);
        long before = engine.getRuntimeService().createProcessInstanceQuery().count();

        // When a second one is started
        assertThatThrownBy(() -> cases.start("bayan", 2025))
                // Then it is refused as a conflict and no instance is added
                .isInstanceOfSatisfying(ReportRequestException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void deletedCaseFreesItsEntityAndYear() {
        // Given a case deleted by an administrator
        ProcessInstance pi = cases.start("xinhua", 2024);
        engine.getRuntimeService().deleteProcessInstance(pi.getId(), "started by mistake");

        // When the case is started again
        ProcessInstance again = cases.start("xinhua", 2024);

        // Then it runs
        assertThat(again).isActive().hasBusinessKey("xinhua:2024");
    }

    @Test
    void unknownEntityAndYearOutOfRangeAreRefused() {
        assertThatThrownBy(() -> cases.start("atlantis", 2025))
                .isInstanceOfSatisfying(ReportRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
                    assertThat(e.messageZh()).contains("未知的报告单位");
                });
        assertThatThrownBy(() -> cases.start("bayan", 2018))
                .isInstanceOfSatisfying(ReportRequestException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    }

    @Test
    void aCaseStartedAfterItsMaterialsDateStillAsksTheDepartments() {
        // Given the 2025 case of 巴彦县 started late, on Monday 23 November 2026
        setClock(LocalDateTime.of(2026, 11, 23, 9, 0));
        ProcessInstance pi = cases.start("bayan", 2025);

        // When every job that is due has run (the overdue reminders among them)
        cases.executeDueJobs();

        // Then the departments still have their tasks, due five working days after kickoff, not already closed
        assertThat(pi).isWaitingAt(TASK_SUBMIT_MATERIAL).hasNotPassed(TIMER_MATERIALS_DEADLINE);
        assertThat(cases.tasks(pi, TASK_SUBMIT_MATERIAL)).hasSize(4).allSatisfy(t ->
                assertThat(t.getDueDate().toInstant().atZone(ZONE).toLocalDate()).hasToString("2026-11-30"));
    }
}
