package cn.fazhi.annualreport.notification;

import cn.fazhi.annualreport.notification.mail.MailDeliveryException;
import cn.fazhi.annualreport.notification.mail.MailInFlightException;
import cn.fazhi.annualreport.notification.mail.Mailer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends queued notices: right after the transaction that queued them commits, and on a schedule for retries, several at
 * a time ({@code report.notice.dispatch-threads} SMTP connections). A notice that fails {@code max-attempts} times
 * raises an incident on its execution (visible in Cockpit) and is retried at a slower pace; when it finally goes out
 * the incident is resolved. The mailer's log makes each send happen once.
 */
@Component
class NoticeDispatcher {

    static final String INCIDENT_TYPE = "failedNotification";

    private static final Logger log = LoggerFactory.getLogger(NoticeDispatcher.class);

    private final NoticeOutbox outbox;
    private final Mailer mailer;
    private final RuntimeService runtimeService;
    private final ExecutorService executor;
    /** Sends the notices of one dispatch run in parallel: one SMTP session per mail, each waits for the server. */
    private final ExecutorService senders;
    private final int maxAttempts;
    private final Duration retryInterval;
    private final Duration failedRetryInterval;
    private final boolean dispatchAfterCommit;

    NoticeDispatcher(NoticeOutbox outbox, Mailer mailer, RuntimeService runtimeService,
                     NoticeProperties properties) {
        int dispatchThreads = properties.dispatchThreads();
        if (dispatchThreads < 1 || dispatchThreads > 32) {
            throw new IllegalArgumentException("report.notice.dispatch-threads must be 1 to 32, not " + dispatchThreads);
        }
        this.outbox = outbox;
        this.mailer = mailer;
        this.runtimeService = runtimeService;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "notice-dispatcher");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger senderNumber = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(dispatchThreads, r -> {
            Thread t = new Thread(r, "notice-sender-" + senderNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.maxAttempts = properties.maxAttempts();
        this.retryInterval = properties.retryInterval();
        this.failedRetryInterval = properties.failedRetryInterval();
        this.dispatchAfterCommit = properties.dispatchAfterCommit();
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
        senders.shutdown();
    }

    /** Called after a transaction that queued notices has committed. */
    void dispatchSoon() {
        if (dispatchAfterCommit) {
            executor.execute(this::dispatchDue);
        }
    }

    @Scheduled(fixedDelayString = "${report.notice.poll-interval:PT30S}", initialDelayString = "PT30S")
    void scheduledDispatch() {
        if (dispatchAfterCommit) {
            dispatchDue();
        }
    }

    /**
     * Sends every queued notice that is due, {@code dispatch-threads} at a time, and returns when all are done:
     * answers how many went out. One run at a time on a node; each notice is sent and marked in its own transactions.
     */
    synchronized int dispatchDue() {
        Date now = ClockUtil.getCurrentTime();
        List<Future<Boolean>> sends = new ArrayList<>();
        for (NoticeOutbox.Entry entry : outbox.due(now, 200)) {
            sends.add(senders.submit(() -> dispatch(entry, now)));
        }
        int sent = 0;
        for (Future<Boolean> send : sends) {
            try {
                sent += send.get() ? 1 : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending notices", e);
            } catch (ExecutionException e) {
                // not a mail failure (those are recorded on the entry): the entry stays due and is tried again
                log.error("Sending a notice failed unexpectedly", e.getCause());
            }
        }
        return sent;
    }

    /** Sends one notice and records the outcome on its outbox entry: whether it went out. */
    private boolean dispatch(NoticeOutbox.Entry entry, Date now) {
        try {
            mailer.send(entry.notice());
            outbox.markSent(entry.id());
            resolveIncident(entry);
            return true;
        } catch (MailInFlightException e) {
            // another attempt (the other node's dispatcher, say) is sending it now: look again when its claim ends,
            // then it is SENT, or its node died and this one sends it; not a failed attempt
            Date after = Date.from(e.claimedUntil().toInstant().plusSeconds(1));
            outbox.postpone(entry.id(), after.after(now) ? after : new Date(now.getTime() + retryInterval.toMillis()));
            log.debug("Notice {} to {} is being sent elsewhere: {}", entry.notice().dedupKey(),
                    entry.notice().recipientEmail(), e.getMessage());
            return false;
        } catch (MailDeliveryException e) {
            int attempts = entry.attempts() + 1;
            boolean exhausted = attempts >= maxAttempts;
            String incident = entry.incidentId();
            if (exhausted && incident == null) {
                incident = raiseIncident(entry, e);
            }
            Date next = new Date(now.getTime() + (exhausted ? failedRetryInterval : retryInterval).toMillis());
            outbox.markAttemptFailed(entry.id(), exhausted ? NoticeOutbox.FAILED : NoticeOutbox.PENDING, attempts,
                    next, e.getMessage(), incident);
            log.warn("Notice {} to {} failed (attempt {}): {}", entry.notice().dedupKey(),
                    entry.notice().recipientEmail(), attempts, e.getMessage());
            return false;
        }
    }

    private String raiseIncident(NoticeOutbox.Entry entry, Exception e) {
        if (entry.executionId() == null) {
            return null;
        }
        try {
            Incident incident = runtimeService.createIncident(INCIDENT_TYPE, entry.executionId(),
                    "notice-outbox:" + entry.id(), "通知邮件发送失败 / notice mail failed: " + entry.notice().dedupKey()
                            + " → " + entry.notice().recipientEmail() + ": " + e.getMessage());
            return incident.getId();
        } catch (ProcessEngineException gone) {
            log.warn("Notice {} failed and its execution {} is gone: no incident", entry.notice().dedupKey(),
                    entry.executionId());
            return null;
        }
    }

    private void resolveIncident(NoticeOutbox.Entry entry) {
        if (entry.incidentId() != null) {
            try {
                runtimeService.resolveIncident(entry.incidentId());
            } catch (ProcessEngineException gone) {
                log.debug("Incident {} already gone", entry.incidentId());
            }
        }
    }
}
