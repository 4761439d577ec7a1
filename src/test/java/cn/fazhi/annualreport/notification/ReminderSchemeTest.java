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

    private static final String TIMER = "Timer_DraftReportReminder";

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

    /** Moves the clock to each next reminder of the draft task and runs the due jobs (twice: retries must not resend). */
    private List<Date> walkReminders(ProcessInstance pi, int max) {
        List<Date> firings = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                    .activityId(TIMER).singleResult();
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
