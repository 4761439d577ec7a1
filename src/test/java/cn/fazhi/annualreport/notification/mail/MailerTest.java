package cn.fazhi.annualreport.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Mails;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import cn.fazhi.annualreport.notification.NotificationProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Mailer against the application's real SMTP server (GreenMail): content, attachment, exactly once, outages. */
@AnnualReportTest
class MailerTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Date DUE = Date.from(LocalDateTime.of(2026, 2, 13, 17, 30).atZone(ZONE).toInstant());

    @Autowired
    Mailer mailer;
    @Autowired
    MailLog mailLog;
    @Autowired
    GreenMail smtp;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NamedParameterJdbcTemplate namedJdbc;
    @Autowired
    MailSession mailSession;
    @Autowired
    MailClaimProperties claims;

    @BeforeEach
    void setUp() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 2, 10, 9, 0).atZone(ZONE).toInstant()));
    }

    @AfterEach
    void tearDown() {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        ClockUtil.reset();
    }

    /** A reminder of a fresh occasion (unique dedup key and task), as ReminderService would build it. */
    static Notice reminder(String recipientEmail) {
        String taskId = "task-" + UUID.randomUUID();
        return Notice.builder(NoticeKind.REMINDER, "REMINDER:" + taskId + ":2026-02-10")
                .recipient("bayan_gaj_staff", "王警官", recipientEmail)
                .reportCase("巴彦县公安局", 2025, "bayan-gaj:2025", "pi-" + taskId)
                .task(taskId, "起草年度报告", DUE)
                .workingDaysLeft(3)
                .link("http://tasklist.example.org/camunda/app/tasklist/default/#/?task=" + taskId)
                .build();
    }

    @Test
    void theMailHasHtmlAndTextInChineseWithTheLinkAndTheDeadlineAsCalendarEvent() throws Exception {
        // Given a reminder of the draft task due on Friday 2026-02-13
        Notice notice = reminder("bayan.gaj.staff@example.org");

        // When it is sent
        assertThat(mailer.send(notice)).isEqualTo(SendResult.SENT);

        // Then one mail arrived with a Chinese subject, plain and HTML parts and the Tasklist link
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails[0];
        assertThat(Mails.to(mail)).contains("bayan.gaj.staff@example.org");
        assertThat(mail.getSubject()).isEqualTo("【催办】巴彦县公安局2025年度法治政府建设年度报告：起草年度报告（2026-02-13到期）");
        assertThat(mail.getFrom()[0].toString()).contains("noreply@example.org");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.getMessageID()).isEqualTo(mailer.messageId(notice, "bayan.gaj.staff@example.org"));
        assertThat(Mails.text(mail)).contains("王警官：", "报告单位：巴彦县公安局", "报告年度：2025年度", "待办事项：起草年度报告",
                "办理期限：2026-02-13（星期五）", "剩余时间：还剩3个工作日", notice.link());
        assertThat(Mails.html(mail)).contains("在任务列表中打开", "href=\"" + notice.link() + "\"", "巴彦县公安局",
                "2026-02-13（星期五）", "还剩3个工作日");

        // and the deadline as an iCalendar attachment that calendars update per task
        Part ics = MailParts.attachment(mail, "deadline.ics");
        assertThat(ics).as("the .ics attachment").isNotNull();
        assertThat(ics.getContentType()).contains("text/calendar").containsIgnoringCase("method=PUBLISH");
        String calendar = MailParts.content(ics);
        assertThat(calendar).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(calendar.replace("\r\n", "")).doesNotContain("\n");
        List<String> lines = Arrays.asList(IcsBuilderTest.unfold(calendar).split("\r\n"));
        assertThat(lines).contains("METHOD:PUBLISH", "BEGIN:VEVENT",
                "UID:annual-report-task-" + notice.taskId() + "@tasklist.example.org",
                "DTSTART;TZID=Asia/Shanghai:20260213T170000", "DTEND;TZID=Asia/Shanghai:20260213T173000",
                "SUMMARY:【办理期限】起草年度报告（巴彦县公安局2025年度）", "URL:" + notice.link(), "TRIGGER:-P1D");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("DESCRIPTION:").contains(notice.link()));

        // and the log has it SENT with subject and case
        MailLogEntry entry = mailLog.find(notice.dedupKey(), "Bayan.Gaj.Staff@example.org").orElseThrow();
        assertThat(entry.status()).isEqualTo("SENT");
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.subject()).isEqualTo(mail.getSubject());
        assertThat(entry).extracting(MailLogEntry::kind, MailLogEntry::template, MailLogEntry::businessKey,
                        MailLogEntry::taskId, MailLogEntry::recipientId)
                .containsExactly("REMINDER", "mail/notice", "bayan-gaj:2025", notice.taskId(), "bayan_gaj_staff");
        assertThat(entry.sentAt()).isNotNull();
        assertThat(entry.error()).isNull();
    }

    @Test
    void theSameDedupKeyToTheSameAddressIsSentOnce() {
        Notice notice = reminder("bayan.gaj.staff@example.org");

        assertThat(mailer.send(notice)).isEqualTo(SendResult.SENT);
        assertThat(mailer.send(notice)).isEqualTo(SendResult.ALREADY_SENT);
        // the address in another case is the same recipient
        Notice shouting = new Notice(notice.kind(), notice.dedupKey(), notice.recipientId(), notice.recipientName(),
                " BAYAN.GAJ.STAFF@EXAMPLE.ORG ", notice.entityName(), notice.year(), notice.taskName(), notice.taskId(),
                notice.processInstanceId(), notice.businessKey(), notice.due(), notice.link(), notice.reason(), null);
        assertThat(mailer.send(shouting)).isEqualTo(SendResult.ALREADY_SENT);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(mailLog.search(MailLogQuery.all().withTaskId(notice.taskId())))
                .singleElement().satisfies(e -> {
                    assertThat(e.status()).isEqualTo("SENT");
                    assertThat(e.attempts()).isEqualTo(1);
                });
    }

    @Test
    void anotherRecipientOrAnotherOccasionIsAnotherMail() {
        Notice first = reminder("bayan.gaj.staff@example.org");
        Notice colleague = new Notice(first.kind(), first.dedupKey(), "bayan_gaj_head", "李局长", "bayan.gaj.head@example.org",
                first.entityName(), first.year(), first.taskName(), first.taskId(), first.processInstanceId(),
                first.businessKey(), first.due(), first.link(), null);
        Notice dueToday = new Notice(NoticeKind.DUE_TODAY, "DUE_TODAY:" + first.taskId(), first.recipientId(),
                first.recipientName(), first.recipientEmail(), first.entityName(), first.year(), first.taskName(),
                first.taskId(), first.processInstanceId(), first.businessKey(), first.due(), first.link(), null, 0);

        assertThat(List.of(mailer.send(first), mailer.send(colleague), mailer.send(dueToday)))
                .containsOnly(SendResult.SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(3);
        // every mail about the task carries the same calendar UID: the calendar entry is updated, not duplicated
        assertThat(Arrays.stream(smtp.getReceivedMessages())
                .map(m -> MailParts.content(MailParts.attachment(m, "deadline.ics")))
                .map(ics -> IcsBuilderTest.unfold(ics).lines().filter(l -> l.startsWith("UID:")).findFirst().orElseThrow())
                .distinct()).containsExactly("UID:annual-report-task-" + first.taskId() + "@tasklist.example.org");
    }

    @Test
    void aMailServerOutageIsRecordedFailedAndTheNextAttemptSendsIt() {
        Notice notice = reminder("bayan.gaj.staff@example.org");

        // When the SMTP server is down
        smtp.stop();
        assertThatThrownBy(() -> mailer.send(notice)).isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining(notice.dedupKey());

        // Then the attempt is logged FAILED with the error
        MailLogEntry failed = mailLog.find(notice.dedupKey(), notice.recipientEmail()).orElseThrow();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.error()).isNotBlank().hasSizeLessThanOrEqualTo(2000).containsIgnoringCase("connect");
        assertThat(failed.sentAt()).isNull();

        // When it is up again and the job retries
        smtp.start();
        assertThat(mailer.send(notice)).isEqualTo(SendResult.SENT);

        // Then the mail arrives once and the row is SENT after two attempts
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        MailLogEntry sent = mailLog.find(notice.dedupKey(), notice.recipientEmail()).orElseThrow();
        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.error()).isNull();
        assertThat(sent.sentAt()).isNotNull();
        assertThat(sent.createdAt()).isBeforeOrEqualTo(sent.lastAttemptAt());
        assertThat(mailer.send(notice)).isEqualTo(SendResult.ALREADY_SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void theSendIsRecordedEvenWhenTheCallersTransactionRollsBack() {
        Notice notice = reminder("bayan.gaj.staff@example.org");
        String marker = "rollback-marker-" + UUID.randomUUID();

        // When the caller (an engine transaction, say) sends and then rolls back
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            jdbc.update("INSERT INTO mail_log (dedup_key, recipient, kind, template, status, attempts, created_at, "
                    + "last_attempt_at) VALUES (?, 'x@example.org', 'REMINDER', 'mail/notice', 'FAILED', 0, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", marker);
            assertThat(mailer.send(notice)).isEqualTo(SendResult.SENT);
            tx.setRollbackOnly();
        });

        // Then the caller's own write is gone, but the mail's SENT row stays: the retry does not send again
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mail_log WHERE dedup_key = ?", Integer.class, marker)).isZero();
        assertThat(mailLog.find(notice.dedupKey(), notice.recipientEmail())).hasValueSatisfying(
                e -> assertThat(e.status()).isEqualTo("SENT"));
        SendResult retried = new TransactionTemplate(transactionManager).execute(tx -> mailer.send(notice));
        assertThat(retried).isEqualTo(SendResult.ALREADY_SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aMailAcceptedButNotRecordedIsRecordedOnceMoreAndNotSentAgain() {
        // Given a mail log whose first SENT update fails (a database hiccup after the SMTP server accepted the mail)
        AtomicInteger hiccups = new AtomicInteger(1);
        MailLog flaky = new MailLog(namedJdbc) {
            @Override
            void markSent(Notice notice, String recipient, String subject, OffsetDateTime now) {
                if (hiccups.getAndDecrement() > 0) {
                    throw new TransientDataAccessResourceException("database hiccup");
                }
                super.markSent(notice, recipient, subject, now);
            }
        };
        Mailer withFlakyLog = new Mailer(mailSession, new MailTemplates(), flaky, transactionManager,
                new NotificationProperties("http://tasklist.example.org", null), claims);
        Notice notice = reminder("bayan.gaj.staff@example.org");

        // When it sends
        assertThat(withFlakyLog.send(notice)).isEqualTo(SendResult.SENT);

        // Then the mail went out once and is recorded SENT all the same; the next attempt does not send it again
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(mailLog.find(notice.dedupKey(), notice.recipientEmail()))
                .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo("SENT"));
        assertThat(withFlakyLog.send(notice)).isEqualTo(SendResult.ALREADY_SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void concurrentAttemptsOfTheSameMailSendItOnce() throws Exception {
        Notice notice = reminder("bayan.gaj.staff@example.org");
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Object> call = () -> {
                    go.await();
                    try {
                        return mailer.send(notice);
                    } catch (MailDeliveryException e) {
                        return e; // lost a lock race: the job would retry and then find it SENT
                    }
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : results) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes.stream().filter(o -> o == SendResult.SENT).count()).as("outcomes %s", outcomes).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(mailer.send(notice)).isEqualTo(SendResult.ALREADY_SENT);
    }

    @Test
    void aNoticeWithoutDueDateHasNoCalendarAttachment() {
        Notice notice = Notice.builder(NoticeKind.CREATED, "CREATED:" + UUID.randomUUID())
                .recipient("bayan_gaj_staff", null, "bayan.gaj.staff@example.org")
                .task("t-" + UUID.randomUUID(), "报送部门材料：巴彦县公安局", null).build();

        assertThat(mailer.send(notice)).isEqualTo(SendResult.SENT);

        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(MailParts.attachment(mail, "deadline.ics")).isNull();
        assertThat(Mails.text(mail)).startsWith("您好：");
    }

    @Test
    void anInvalidAddressIsRecordedFailed() {
        Notice notice = Notice.builder(NoticeKind.ASSIGNED, "ASSIGNED:" + UUID.randomUUID())
                .recipient("someone", "某人", "not an address").task("t-1", "起草年度报告", DUE).build();

        assertThatThrownBy(() -> mailer.send(notice)).isInstanceOf(MailDeliveryException.class);

        assertThat(mailLog.find(notice.dedupKey(), "not an address")).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo("FAILED");
            assertThat(e.error()).contains("AddressException");
        });
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aNoticeNeedsKindKeyAndAddress() {
        assertThatThrownBy(() -> Notice.builder(null, "k").recipient(null, null, "a@b.c").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notice.builder(NoticeKind.REMINDER, " ").recipient(null, null, "a@b.c").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notice.builder(NoticeKind.REMINDER, "k").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notice.builder(NoticeKind.REMINDER, "k").recipient(null, null, "a@b.c")
                .link("javascript:alert(1)").build()).isInstanceOf(IllegalArgumentException.class);
    }
}
