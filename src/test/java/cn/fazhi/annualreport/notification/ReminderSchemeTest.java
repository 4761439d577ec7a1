package cn.fazhi.annualreport.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Mails;
import cn.fazhi.annualreport.testing.TestCases;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole reminder scheme of one task, walked on the engine clock with a real SMTP server: 3 and 1 working days
 * before, on the due date, then every working day overdue (to the drafter, and as 督办 to the leader and the
 * supervising office) up to the maximum — each exactly once, and again for a task re-entered after a return.
 */
@AnnualReportTest
class ReminderSchemeTest {

    private static final String TIMER = "UserTask_DraftReport"; // the timer of its timeout listener

    @Autowired
    ProcessEngine engine;
    @Autowired
    GreenMail smtp;

    TestCases cases;

    @BeforeEach
    void setUp() throws Exception {
        cases = new TestCases(engine);
        smtp.purgeEmailFromAllMailboxes();
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
    }

    @Test
    void aTaskGetsEveryReminderOnceAndOverdueEscalationsReachTheLeaderAndTheSupervisingOffice() throws Exception {
        // Given the draft task of 巴彦县公安局's 2025 report, unclaimed (one drafter: bayan_gaj_staff)
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        Task draft = cases.task(pi, "UserTask_DraftReport");

        // When the engine clock walks through every reminder time, running the due jobs twice each time
        List<Date> firings = walkReminders(pi, 12);

        // Then there were 8 reminders: 3 and 1 working days before, the due date, and 5 overdue working days
        assertThat(firings).hasSize(8);
        MimeMessage[] mails = smtp.getReceivedMessages();
        List<String> toDrafter = subjectsTo(mails, "bayan.gaj.staff@example.org");
        assertThat(toDrafter).hasSize(8);
        assertThat(toDrafter.get(0)).startsWith("【催办】").contains("起草年度报告");
        assertThat(toDrafter.get(2)).startsWith("【今日到期】");
        assertThat(toDrafter.subList(3, 8)).allSatisfy(s -> assertThat(s).startsWith("【逾期】"));

        // And each overdue reminder also went, once, to the department head (leader) and the county's 依法治县办 (owner)
        assertThat(subjectsTo(mails, "bayan.gaj.head@example.org")).hasSize(5)
                .allSatisfy(s -> assertThat(s).startsWith("【逾期督办】"));
        assertThat(subjectsTo(mails, "bayan.owner@example.org")).hasSize(5);
        assertThat(mails).hasSize(18);

        // And every mail links to the task and carries the deadline as an iCalendar event
        assertThat(Mails.text(mails[0])).contains("/camunda/app/tasklist/default/#/?task=" + draft.getId());
        assertThat(Mails.attachment(mails[0], ".ics")).contains("BEGIN:VCALENDAR", "DTSTART");
    }

    @Test
    void aTaskReenteredAfterAReturnGetsItsRemindersAgainAndNoneTwice() throws Exception {
        // Given the draft was submitted after its first reminder, and returned by the reviewer
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        walkReminders(pi, 1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        cases.complete(pi, "UserTask_DraftReport", TestCases.draft(false));
        cases.complete(pi, "UserTask_InternalReview", Map.of("internalReviewDecision", "RETURN",
                "internalReviewComment", "补充数据"));
        smtp.purgeEmailFromAllMailboxes();

        // When the clock walks on through the revision's reminders
        List<Date> firings = walkReminders(pi, 12);

        // Then the re-entered task gets the reminders still ahead of it, each once: the 1-day one, the due date and
        // five overdue ones (the 3-day reminder had already gone out for the first round)
        assertThat(firings).hasSize(7);
        assertThat(subjectsTo(smtp.getReceivedMessages(), "bayan.gaj.staff@example.org")).hasSize(7);
    }

    @Test
    void aCaseStartedAfterItsStatutoryDatesIsChasedFromEachTasksOpening() throws Exception {
        // Given 巴彦县公安局's 2025 case started on Monday 7 December 2026 — the README's example: its statutory filing
        // (27 February 2026) and publication (31 March 2026) dates lie months behind; the internal steps are re-planned
        // from the kickoff — and driven to issuance on the same day
        TestCases.setClock(LocalDateTime.of(2026, 12, 7, 10, 0));
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        cases.complete(pi, "UserTask_DraftReport", TestCases.draft(false));
        cases.complete(pi, "UserTask_InternalReview", TestCases.internalReview("APPROVE"));
        cases.complete(pi, "UserTask_LeadershipMeetingReview", TestCases.meeting("APPROVE"));
        smtp.purgeEmailFromAllMailboxes();
        TestCases.setClock(LocalDateTime.of(2026, 12, 7, 11, 0));
        cases.complete(pi, "UserTask_SignAndIssue", TestCases.issue("巴公呈〔2026〕1号"));

        // When the jobs due now run (twice: retries must not resend)
        cases.executeDueJobs();
        cases.executeDueJobs();

        // Then the secrecy review and every filing task, overdue since they opened, are chased at once: an overdue
        // reminder to the secrecy reviewer and to the office, and 逾期督办 to the head and the county's 依法治县办,
        // saying how many working days the deadline lies behind
        MimeMessage[] atOnce = smtp.getReceivedMessages();

        // Then the filing tasks and the copy to the 依法治县办, overdue since they opened, are chased at once: an overdue
        // reminder to the office, and 逾期督办 to the head and the county's 依法治县办, each saying how many working days
        // the filing deadline lies behind (the secrecy review, whose date was re-planned from the kickoff, is not due)
        List<String> toOffice = subjectsTo(atOnce, "bayan.gaj.staff@example.org");
        assertThat(toOffice).filteredOn(t -> t.contains("报送年度报告")).hasSize(3)
                .allSatisfy(t -> assertThat(t).startsWith("【逾期】").containsPattern("已逾期1\\d\\d个工作日"));
        assertThat(toOffice).filteredOn(t -> t.contains("抄送依法治理办公室")).singleElement().asString()
                .startsWith("【逾期】");
        assertThat(toOffice).noneMatch(t -> t.contains("保密审查"));
        assertThat(subjectsTo(atOnce, "bayan.gaj.head@example.org")).filteredOn(t -> t.contains("抄送依法治理办公室"))
                .singleElement().asString().startsWith("【逾期督办】");
        assertThat(subjectsTo(atOnce, "bayan.owner@example.org")).filteredOn(t -> t.contains("抄送依法治理办公室"))
                .hasSize(1);
        assertThat(Arrays.stream(atOnce).filter(m -> subjectOf(m).startsWith("【逾期督办】")).map(Mails::text))
                .allSatisfy(text -> assertThat(text).containsPattern("已逾期1\\d\\d个工作日"));

        // When the clock walks on through the copy task's reminders
        List<Date> firings = walkReminders(pi, "UserTask_CopyToSupervisingOffice", 12);

        // Then it got the rest of its five overdue reminders on the next four working days at 09:00, then rests; each
        // went once to the office and, as 督办, to the head and the 依法治县办
        assertThat(firings).containsExactly(at(2026, 12, 8), at(2026, 12, 9), at(2026, 12, 10), at(2026, 12, 11));
        MimeMessage[] all = smtp.getReceivedMessages();
        for (String person : List.of("bayan.gaj.staff", "bayan.gaj.head", "bayan.owner")) {
            assertThat(subjectsTo(all, person + "@example.org")).as(person)
                    .filteredOn(t -> t.contains("抄送依法治理办公室")).hasSize(5);
        }
    }

    /** Moves the clock to each next reminder of the draft task and runs the due jobs (twice: retries must not resend). */
    private List<Date> walkReminders(ProcessInstance pi, int max) {
        return walkReminders(pi, TIMER, max);
    }

    /** Moves the clock to each next reminder of a timer and runs the due jobs (twice: retries must not resend). */
    private List<Date> walkReminders(ProcessInstance pi, String timerId, int max) {
        List<Date> firings = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                    .activityId(timerId).singleResult();
            if (timer == null || timer.getDuedate().after(Date.from(java.time.Instant.parse("2030-01-01T00:00:00Z")))) {
                break;
            }
            ClockUtil.setCurrentTime(timer.getDuedate());
            cases.executeDueJobs();
            cases.executeDueJobs();
            firings.add(timer.getDuedate());
        }
        return firings;
    }

    private static Date at(int year, int month, int day) {
        return Date.from(LocalDateTime.of(year, month, day, 9, 0).atZone(TestCases.ZONE).toInstant());
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> subjectsTo(MimeMessage[] mails, String address) {
        return Arrays.stream(mails).filter(m -> address.equals(Mails.to(m))).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
