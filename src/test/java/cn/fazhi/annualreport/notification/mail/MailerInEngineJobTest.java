package cn.fazhi.annualreport.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import com.icegreen.greenmail.util.GreenMail;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The case the mail log exists for: an async job sends a mail and then fails in a later step of the same
 * transaction, so the engine rolls back and retries the job. The mail goes out once.
 */
@AnnualReportTest
class MailerInEngineJobTest {

    static final String PROCESS = "mail-exactly-once-test";
    static volatile Mailer mailer;
    static final AtomicBoolean NEXT_STEP_FAILS = new AtomicBoolean();

    @Autowired
    ProcessEngine engine;
    @Autowired
    GreenMail smtp;
    @Autowired
    Mailer springMailer;
    @Autowired
    MailLog mailLog;

    Deployment deployment;

    @BeforeEach
    void setUp() throws Exception {
        mailer = springMailer;
        smtp.purgeEmailFromAllMailboxes();
        // asyncBefore the mail step; the mail step and the step after it run in the same job and transaction
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("ServiceTask_Mail").camundaAsyncBefore().camundaClass(SendMailStep.class.getName())
                .serviceTask("ServiceTask_Next").camundaClass(NextStep.class.getName())
                .endEvent()
                .done();
        deployment = engine.getRepositoryService().createDeployment().name(PROCESS)
                .addModelInstance(PROCESS + ".bpmn", model).deploy();
    }

    @AfterEach
    void tearDown() {
        NEXT_STEP_FAILS.set(false);
        if (!smtp.isRunning()) {
            smtp.start();
        }
        engine.getRepositoryService().deleteDeployment(deployment.getId(), true, true);
    }

    @Test
    void aJobThatFailsAfterTheMailWasSentDoesNotSendItAgainWhenRetried() {
        // Given a job that sends a mail and then fails in the next step
        String dedupKey = "REMINDER:" + UUID.randomUUID();
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(PROCESS,
                Map.of("dedupKey", dedupKey, "email", "bayan.gaj.staff@example.org"));
        NEXT_STEP_FAILS.set(true);
        ManagementService management = engine.getManagementService();
        Job job = management.createJobQuery().processInstanceId(pi.getId()).singleResult();

        // When it runs and fails twice (the engine rolls its transaction back each time)
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("next step fails");
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("next step fails");

        // Then the mail went out once, and its SENT row survived the rollbacks
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(mailLog.find(dedupKey, "bayan.gaj.staff@example.org"))
                .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo("SENT"));
        assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getExceptionMessage())
                .contains("next step fails");

        // When the next step works again and the job is retried
        NEXT_STEP_FAILS.set(false);
        management.executeJob(job.getId());

        // Then the case goes on, still with one mail
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(mailLog.find(dedupKey, "bayan.gaj.staff@example.org").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aMailServerOutageFailsTheJobAndTheRetrySendsTheMailOnce() {
        String dedupKey = "REMINDER:" + UUID.randomUUID();
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(PROCESS,
                Map.of("dedupKey", dedupKey, "email", "bayan.gaj.staff@example.org"));
        ManagementService management = engine.getManagementService();
        Job job = management.createJobQuery().processInstanceId(pi.getId()).singleResult();

        // When the SMTP server is down the job fails with MailDeliveryException, and the failure is logged
        smtp.stop();
        assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(MailDeliveryException.class);
        assertThat(mailLog.find(dedupKey, "bayan.gaj.staff@example.org"))
                .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo("FAILED"));

        // When it is back, the retry sends it once
        smtp.start();
        management.executeJob(job.getId());
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(mailLog.find(dedupKey, "bayan.gaj.staff@example.org")).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo("SENT");
            assertThat(e.attempts()).isEqualTo(2);
        });
    }

    /** The mail step, as a reminder delegate would do it. */
    public static class SendMailStep implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            String dedupKey = (String) execution.getVariable("dedupKey");
            mailer.send(Notice.builder(NoticeKind.REMINDER, dedupKey)
                    .recipient("bayan_gaj_staff", "王警官", (String) execution.getVariable("email"))
                    .reportCase("巴彦县公安局", 2025, execution.getProcessBusinessKey(), execution.getProcessInstanceId())
                    .task(null, "起草年度报告", null)
                    .build());
        }
    }

    /** The step after the mail, which may fail. */
    public static class NextStep implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            if (NEXT_STEP_FAILS.get()) {
                throw new IllegalStateException("next step fails");
            }
        }
    }
}
