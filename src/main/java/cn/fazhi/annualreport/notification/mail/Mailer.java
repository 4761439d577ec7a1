package cn.fazhi.annualreport.notification.mail;

import cn.fazhi.annualreport.notification.NotificationProperties;
import cn.fazhi.annualreport.shared.Beijing;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a {@link Notice} as an HTML and plain-text mail with the deadline as an iCalendar attachment, once per dedup
 * key and recipient address, in practice even when a node dies while sending.
 *
 * <p>An attempt first claims the mail in {@code mail_log} and commits the claim (status SENDING, this node and
 * attempt, a lease of {@code report.mail.claim-lease}) before it talks to the SMTP server; it returns
 * {@link SendResult#ALREADY_SENT} if the row says SENT, and throws {@link MailInFlightException} while another
 * attempt's claim is live. It then renders the mail, connects, and sends it over a {@link Transport} of its own inside
 * a short transaction that locks the row, checks the claim is still its own, and commits SENT right after the server's
 * 250 for the message, before QUIT. A failure before
 * the 250 is recorded FAILED and releases the claim. A claim whose lease ran out without SENT is a node that died (or
 * hung) while sending: the next attempt sends the mail again with the same Message-ID — at least once — and logs it.
 * So a mail goes out twice only if its node dies between the server's 250 and the commit of SENT (docs/mail.md).
 */
@Service
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    /** The template set every notice is rendered with (the mail log's {@code template}). */
    static final String TEMPLATE = "mail/notice";
    static final String ICS_NAME = "deadline.ics";
    static final String ICS_TYPE = "text/calendar; charset=UTF-8; method=PUBLISH";
    private static final LocalTime DEFAULT_DUE_TIME = LocalTime.of(17, 30);
    private static final Duration EVENT_LENGTH = Duration.ofMinutes(30);
    /** How often an attempt looks again at a row that a concurrent first attempt of the same mail inserted. */
    private static final int CONCURRENT_ROUNDS = 3;
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MailSession session;
    private final MailTemplates templates;
    private final MailLog mailLog;
    private final TransactionTemplate ownTransaction;
    private final String from;
    private final String domain;
    private final Duration lease;
    private final String node;

    Mailer(MailSession session, MailTemplates templates, MailLog mailLog,
           PlatformTransactionManager transactionManager,
           NotificationProperties properties, MailClaimProperties claims) {
        this.session = session;
        this.templates = templates;
        this.mailLog = mailLog;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ownTransaction.setName("mail-log");
        this.from = properties.reminder().from();
        this.domain = hostOf(properties.baseUrl());
        this.lease = claims.claimLease();
        this.node = claims.node() == null || claims.node().isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() : claims.node().trim();
    }

    /**
     * Sends the notice unless the mail log has it SENT to this address already.
     *
     * @return {@link SendResult#SENT} when sent now, {@link SendResult#ALREADY_SENT} when nothing was done
     * @throws MailInFlightException when another attempt holds a live claim on the mail (nothing done; try later)
     * @throws MailDeliveryException when the mail cannot be rendered or sent (recorded FAILED with the error), or the
     *                               mail log cannot be read or written; let it fail the job so that the job retries
     */
    public SendResult send(Notice notice) {
        Objects.requireNonNull(notice, "notice");
        String recipient = notice.recipientKey();
        String claimant = node + " " + UUID.randomUUID().toString().substring(0, 8);
        SendResult before = claim(notice, recipient, claimant);
        if (before != null) {
            return before;
        }
        Attempt attempt = new Attempt();
        MimeMessage message;
        Transport transport;
        try {
            RenderedMail mail = templates.render(notice, today());
            attempt.subject = mail.subject();
            message = compose(notice, recipient, mail);
            MailSession.prepare(message);
            transport = session.connect();
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            throw failed(notice, recipient, attempt, e);
        }
        try {
            return deliver(notice, recipient, claimant, message, transport, attempt);
        } finally {
            try {
                transport.close(); // QUIT: after SENT has committed
            } catch (MessagingException | RuntimeException e) {
                log.debug("Mail {} to {}: closing the SMTP connection failed: {}", notice.dedupKey(), recipient,
                        describe(e));
            }
        }
    }

    /** Claims the mail for this attempt and commits the claim; answers ALREADY_SENT instead, or null when claimed. */
    private SendResult claim(Notice notice, String recipient, String claimant) {
        for (int round = 1; ; round++) {
            try {
                return ownTransaction.execute(tx -> claimLocked(notice, recipient, claimant));
            } catch (DataAccessException | TransactionException e) {
                if ((e instanceof DuplicateKeyException || e instanceof TransientDataAccessException)
                        && round < CONCURRENT_ROUNDS) {
                    continue; // a concurrent first attempt of the same mail inserted its row: look at it again
                }
                log.warn("Mail {} to {}: mail log unavailable, not sent: {}", notice.dedupKey(), recipient, describe(e));
                throw new MailDeliveryException(notice.dedupKey(), recipient, "Mail log unavailable for mail "
                        + notice.dedupKey() + " to " + recipient + ": " + e.getMessage(), e);
            }
        }
    }

    private SendResult claimLocked(Notice notice, String recipient, String claimant) {
        OffsetDateTime now = now();
        OffsetDateTime until = now.plus(lease);
        MailLog.Row row = mailLog.lock(notice.dedupKey(), recipient);
        if (row == null) {
            mailLog.insertClaimed(notice, recipient, claimant, until, OffsetDateTime.now(Beijing.ZONE));
            return null;
        }
        if (MailLog.SENT.equals(row.status())) {
            log.debug("Mail {} to {} was sent before: not sending again", notice.dedupKey(), recipient);
            return SendResult.ALREADY_SENT;
        }
        if (MailLog.SENDING.equals(row.status())) {
            if (row.claimedUntil() != null && row.claimedUntil().isAfter(now)) {
                throw new MailInFlightException(notice.dedupKey(), recipient, row.claimedBy(), row.claimedUntil());
            }
            log.warn("Mail {} to {}: the claim of {} ran out at {} without the mail being recorded SENT (its node died "
                    + "or hung while sending it): sending it again with the same Message-ID", notice.dedupKey(),
                    recipient, row.claimedBy(), row.claimedUntil());
        }
        mailLog.claim(notice, recipient, claimant, until, OffsetDateTime.now(Beijing.ZONE));
        return null;
    }

    /**
     * Sends the message inside a transaction opened just before, so that SENT is written and committed on a connection
     * already held the moment the server answers 250 — no wait for the pool in between. The transaction locks the
     * mail's row first and goes on only if the claim is still this attempt's: a slow attempt whose lease ran out sends
     * only if nobody has taken the mail over, and nobody can while it holds the lock.
     */
    private SendResult deliver(Notice notice, String recipient, String claimant, MimeMessage message,
                               Transport transport, Attempt attempt) {
        Outcome outcome;
        try {
            outcome = ownTransaction.execute(tx -> {
                MailLog.Row row = mailLog.lock(notice.dedupKey(), recipient);
                if (row != null && MailLog.SENT.equals(row.status())) {
                    log.info("Mail {} to {} was taken over and sent by {} while this attempt was slow: not sent "
                            + "here", notice.dedupKey(), recipient, row.claimedBy());
                    return new Outcome(SendResult.ALREADY_SENT, null);
                }
                if (row == null || !MailLog.SENDING.equals(row.status()) || !claimant.equals(row.claimedBy())) {
                    throw new MailInFlightException(notice.dedupKey(), recipient,
                            row == null ? "nobody" : row.claimedBy(),
                            row == null || row.claimedUntil() == null ? now() : row.claimedUntil());
                }
                try {
                    transport.sendMessage(message, message.getAllRecipients());
                    attempt.accepted = true;
                } catch (MessagingException | RuntimeException e) {
                    log.warn("Mail {} ({}) to {} failed: {}", notice.dedupKey(), notice.kind(), recipient, describe(e));
                    mailLog.markFailed(notice, recipient, attempt.subject, describe(e), OffsetDateTime.now(Beijing.ZONE));
                    return new Outcome(null, e);
                }
                mailLog.markSent(notice, recipient, attempt.subject, OffsetDateTime.now(Beijing.ZONE));
                return new Outcome(SendResult.SENT, null);
            });
        } catch (DataAccessException | TransactionException e) {
            if (attempt.accepted) {
                return recordAccepted(notice, recipient, attempt.subject, e);
            }
            // not sent: the claim stays until its lease runs out, then any attempt may send the mail
            log.warn("Mail {} to {}: mail log unavailable, not sent: {}", notice.dedupKey(), recipient, describe(e));
            throw new MailDeliveryException(notice.dedupKey(), recipient, "Mail log unavailable for mail "
                    + notice.dedupKey() + " to " + recipient + ": " + e.getMessage(), e);
        }
        if (outcome.failure() != null) {
            throw new MailDeliveryException(notice.dedupKey(), recipient, "Cannot send mail " + notice.dedupKey()
                    + " to " + recipient + ": " + describe(outcome.failure()), outcome.failure());
        }
        if (outcome.result() == SendResult.ALREADY_SENT) {
            return SendResult.ALREADY_SENT;
        }
        log.info("Mail {} ({}) sent to {} for task {} of {}", notice.dedupKey(), notice.kind(), recipient,
                notice.taskId(), notice.businessKey());
        return SendResult.SENT;
    }

    /** Records a failure before the mail went out (releasing the claim) and answers the exception to throw. */
    private MailDeliveryException failed(Notice notice, String recipient, Attempt attempt, Exception e) {
        log.warn("Mail {} ({}) to {} failed: {}", notice.dedupKey(), notice.kind(), recipient, describe(e));
        try {
            ownTransaction.executeWithoutResult(tx -> mailLog.markFailed(notice, recipient, attempt.subject,
                    describe(e), OffsetDateTime.now(Beijing.ZONE)));
        } catch (RuntimeException logDown) {
            log.warn("Mail {} to {}: the failure could not be recorded ({}); its claim runs out by itself",
                    notice.dedupKey(), recipient, describe(logDown));
        }
        return new MailDeliveryException(notice.dedupKey(), recipient, "Cannot send mail " + notice.dedupKey()
                + " to " + recipient + ": " + describe(e), e);
    }

    /**
     * The SMTP server accepted the mail but its SENT row did not commit: record it once more in a new transaction.
     * Should that fail too, the mail is reported SENT anyway (it went out) and the gap is logged: failing the job
     * would make its retry send the mail a second time for sure.
     */
    private SendResult recordAccepted(Notice notice, String recipient, String subject, Exception first) {
        try {
            ownTransaction.executeWithoutResult(tx -> {
                if (mailLog.lock(notice.dedupKey(), recipient) == null) {
                    mailLog.insertClaimed(notice, recipient, node, now(), OffsetDateTime.now(Beijing.ZONE));
                }
                mailLog.markSent(notice, recipient, subject, OffsetDateTime.now(Beijing.ZONE));
            });
            log.warn("Mail {} sent to {}; recording it took a second try ({})", notice.dedupKey(), recipient,
                    describe(first));
        } catch (RuntimeException e) {
            log.error("Mail {} sent to {} but NOT recorded in the mail log ({}; then {}): once its claim runs out, a "
                    + "later attempt with the same dedup key will send it again", notice.dedupKey(), recipient,
                    describe(first), describe(e));
        }
        return SendResult.SENT;
    }

    /** The clock of claims: the engine's, so that a test moves it as it moves timers. */
    private static OffsetDateTime now() {
        return ClockUtil.getCurrentTime().toInstant().atZone(Beijing.ZONE).toOffsetDateTime();
    }

    private MimeMessage compose(Notice notice, String recipient, RenderedMail mail)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new StableIdMimeMessage(session.session(), messageId(notice, recipient));
        MimeMessageHelper helper = session.helper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        InternetAddress to = new InternetAddress(notice.recipientEmail().trim(), true);
        if (notice.recipientName() != null && !notice.recipientName().isBlank()) {
            to.setPersonal(notice.recipientName().trim(), StandardCharsets.UTF_8.name());
        }
        helper.setTo(to);
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        String ics = calendar(notice);
        if (ics != null) {
            helper.addAttachment(ICS_NAME, new ByteArrayResource(ics.getBytes(StandardCharsets.UTF_8)), ICS_TYPE);
        }
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setHeader("X-Annual-Report-Notice", notice.kind().name());
        if (notice.taskId() != null && notice.taskId().chars().allMatch(c -> c > 32 && c < 127)) {
            message.setHeader("X-Annual-Report-Task", notice.taskId());
        }
        return message;
    }

    /** The deadline as a calendar event, or null without a due date. */
    String calendar(Notice notice) {
        if (notice.due() == null) {
            return null;
        }
        LocalDateTime due = notice.due().toInstant().atZone(Beijing.ZONE).toLocalDateTime();
        LocalDateTime end = due.toLocalTime().equals(LocalTime.MIDNIGHT)
                ? due.toLocalDate().atTime(DEFAULT_DUE_TIME) : due; // a date without a time: the office's closing time
        String task = notice.taskName() == null || notice.taskName().isBlank() ? "待办事项" : notice.taskName().trim();
        String caseName = (notice.entityName() == null ? "" : notice.entityName().trim())
                + (notice.year() == null ? "" : notice.year() + "年度");
        StringBuilder description = new StringBuilder();
        if (notice.entityName() != null) {
            description.append("报告单位：").append(notice.entityName().trim()).append('\n');
        }
        if (notice.year() != null) {
            description.append("报告年度：").append(notice.year()).append("年度\n");
        }
        description.append("待办事项：").append(task).append('\n');
        description.append("办理期限：").append(DUE.format(end)).append('\n');
        if (notice.link() != null && !notice.link().isBlank()) {
            description.append("在任务列表中打开：").append(notice.link().trim());
        }
        Instant now = Instant.now();
        return new IcsBuilder()
                .uid(calendarUid(notice))
                .stamp(now)
                .sequence(now.getEpochSecond() / 60) // grows with every mail: the latest deadline wins
                .between(end.minus(EVENT_LENGTH), end)
                .summary("【办理期限】" + task + (caseName.isEmpty() ? "" : "（" + caseName + "）"))
                .description(description.toString().strip())
                .url(notice.link())
                .alarm(Duration.ofDays(1), "明天到期：" + task)
                .build();
    }

    /** One calendar entry per task: every mail about the task updates it instead of adding another. */
    String calendarUid(Notice notice) {
        if (notice.taskId() != null && !notice.taskId().isBlank()
                && notice.taskId().chars().allMatch(c -> c > 32 && c < 127 && c != '@')) {
            return "annual-report-task-" + notice.taskId().trim() + "@" + domain;
        }
        return "annual-report-" + sha256(notice.dedupKey()).substring(0, 32) + "@" + domain;
    }

    /** The same mail (dedup key and address) always has the same Message-ID. */
    String messageId(Notice notice, String recipient) {
        return "<" + sha256(notice.dedupKey() + "\n" + recipient).substring(0, 40) + "."
                + notice.kind().name().toLowerCase(Locale.ROOT) + "@" + domain + ">";
    }

    private static LocalDate today() {
        return Beijing.today();
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && cause != e && depth < 5; depth++, cause = cause.getCause()) {
            text.append(" ← ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return MailLog.clip(text.toString(), MailLog.MAX_ERROR);
    }

    private static String hostOf(String baseUrl) {
        try {
            String host = URI.create(baseUrl.trim()).getHost();
            return host == null || host.isBlank() ? "annual-report.local" : host.toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "annual-report.local";
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Outcome(SendResult result, Exception failure) {
    }

    /** What one attempt got to: the subject it rendered, and whether the SMTP server accepted the mail. */
    private static final class Attempt {
        String subject;
        boolean accepted;
    }

    /** Keeps its Message-ID when sent (MimeMessage would make a new one on every save). */
    private static final class StableIdMimeMessage extends MimeMessage {

        private final String messageId;

        StableIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
