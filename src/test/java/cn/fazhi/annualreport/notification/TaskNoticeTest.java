package cn.fazhi.annualreport.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Mails;
import cn.fazhi.annualreport.testing.TestCases;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Mails on new and assigned tasks: sent after commit, once each, and surviving an SMTP outage with an incident. */
@AnnualReportTest
class TaskNoticeTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    GreenMail smtp;
    @Autowired
    NoticeDispatcher dispatcher;

    TestCases cases;

    @BeforeEach
    void setUp() throws Exception {
        cases = new TestCases(engine);
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
        dispatcher.dispatchDue(); // nothing left over from other tests
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void tearDown() {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        cases.cleanUp();
    }

    @Test
    void aNewTaskTellsItsGroupAndAClaimTellsTheAssigneeEachOnce() {
        // Given a new department case: its draft task is created for the drafters' group
        ProcessInstance pi = cases.start("bayan-gaj", 2025);

        // When the queued notices are sent (twice: nothing goes out twice)
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();

        // Then the group's member got 【待认领】 with a link to the task
        Task draft = cases.task(pi, "UserTask_DraftReport");
        MimeMessage[] created = smtp.getReceivedMessages();
        assertThat(created).hasSize(1);
        assertThat(Mails.to(created[0])).isEqualTo("bayan.gaj.staff@example.org");
        assertThat(subject(created[0])).startsWith("【待认领】").contains("起草年度报告");
        assertThat(Mails.text(created[0])).contains("/camunda/app/tasklist/default/#/?task=" + draft.getId());
        // greeting the member by the whole name (姓名 in one piece), not the user id or "科员 陶"
        assertThat(Mails.text(created[0])).startsWith("陶科员：").doesNotContain("bayan_gaj_staff", "科员 陶");
        assertThat(Mails.html(created[0])).contains("陶科员");

        // When the department head takes the task over (reassign)
        engine.getTaskService().setAssignee(draft.getId(), "bayan_gaj_head");
        dispatcher.dispatchDue();

        // Then the new assignee got 【待办】
        MimeMessage[] all = smtp.getReceivedMessages();
        assertThat(all).hasSize(2);
        assertThat(Mails.to(all[1])).isEqualTo("bayan.gaj.head@example.org");
        assertThat(subject(all[1])).startsWith("【待办】");
        assertThat(Mails.text(all[1])).startsWith("姜局长：");
    }

    @Test
    void manyNoticesQueuedAtOnceAreSentTogetherEachOnce() {
        // Given twelve new cases (a launch's worth): each queued a 【待认领】 notice for its first task's group
        List<String> entities = List.of("bayan-sfj", "bayan-gaj", "bayan-jyj", "bayan-yshj", "xinhua-sfj",
                "xinhua-scjgj", "xinhua-rsj", "xinhua-jyj", "shiyan-sfj", "shiyan-gaj", "duolun-sfj", "duolun-gaj");
        entities.forEach(entity -> cases.start(entity, 2025));

        // When the dispatcher runs (its senders work on several notices at the same time), and runs again
        int sent = dispatcher.dispatchDue();
        int sentAgain = dispatcher.dispatchDue();

        // Then every staff member got exactly one notice, and the second run had nothing left to send
        assertThat(sent).isEqualTo(entities.size());
        assertThat(sentAgain).isZero();
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(Mails::to).sorted().toList())
                .isEqualTo(entities.stream().map(e -> e.replace('-', '.') + ".staff@example.org").sorted().toList());
    }

    @Test
    void aNoticeDuringAnSmtpOutageRaisesAnIncidentAndIsDeliveredOnceWhenTheServerIsBack() {
        // Given the mail server is down when a new case's task is created
        smtp.stop();
        ProcessInstance pi = cases.start("bayan-gaj", 2025);

        // When every attempt fails (5 attempts, 5 minutes apart)
        for (int attempt = 0; attempt < 5; attempt++) {
            dispatcher.dispatchDue();
            TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 6 * (attempt + 1)));
        }

        // Then an incident shows in Cockpit on the case
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId())
                .incidentType(NoticeDispatcher.INCIDENT_TYPE).count()).isEqualTo(1);

        // When the server is back and the slower retry comes round
        smtp.start();
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 12, 0));
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();

        // Then the notice arrives exactly once and the incident is resolved
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(Mails::to)).containsExactly("bayan.gaj.staff@example.org");
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId())
                .incidentType(NoticeDispatcher.INCIDENT_TYPE).count()).isZero();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
