package cn.fazhi.annualreport.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Mails;
import cn.fazhi.annualreport.testing.TestCases;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDateTime;
import java.util.Arrays;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reminder mails reach the assignee of a claimed task, and a mail server outage loses no reminder. */
@AnnualReportTest
class ReminderDeliveryTest {

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
        if (!smtp.isRunning()) {
            smtp.start();
        }
        cases.cleanUp();
    }

    @Test
    void theReminderOfAClaimedTaskGoesToItsAssigneeOnly() {
        // Given a department report whose draft task the staff member has claimed
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        Task draft = cases.task(pi, "UserTask_DraftReport");
        engine.getTaskService().claim(draft.getId(), "bayan_gaj_staff");

        // When the reminder time comes
        moveClockToReminderOf(pi);
        cases.executeDueJobs();

        // Then exactly one mail went out, to the assignee, with the task's due date and a Tasklist link to it
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(Mails.to(mails[0])).isEqualTo("bayan.gaj.staff@example.org");
        assertThat(Mails.text(mails[0])).contains("起草年度报告", "巴彦县公安局", "还剩",
                "/camunda/app/tasklist/default/#/?task=" + draft.getId());
        assertThat(Mails.html(mails[0])).contains("在任务列表中打开");
    }

    @Test
    void aMailServerOutageEndsInAnIncidentAndTheReminderIsSentOnceWhenRetried() throws Exception {
        // Given an unclaimed draft task of 巴彦县公安局 (one staff member in the drafter group) whose reminder is due
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        Job mailJob = moveClockToReminderOf(pi);

        // When the mail server is down for every retry of the reminder timer (the task's R5/PT5M)
        ManagementService management = engine.getManagementService();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        smtp.stop();
        for (int attempt = 0; attempt < 5; attempt++) {
            Job job = management.createJobQuery().jobId(mailJob.getId()).singleResult();
            assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(Exception.class);
        }

        // Then the job is out of retries and an incident shows in Cockpit; no reminder was lost
        assertThat(management.createJobQuery().jobId(mailJob.getId()).singleResult().getRetries()).isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);

        // When the mail server is back and an operator retries the job (as Cockpit's "retry" does)
        smtp.start();
        management.setJobRetries(mailJob.getId(), 1);
        management.executeJob(mailJob.getId());

        // Then the reminder arrives once and the incident is resolved
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(Mails::to))
                .containsExactly("bayan.gaj.staff@example.org");
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    private Job moveClockToReminderOf(ProcessInstance pi) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .activityId("UserTask_DraftReport").singleResult();
        assertThat(timer).as("reminder timer of the draft task").isNotNull();
        ClockUtil.setCurrentTime(timer.getDuedate());
        return timer;
    }
}
