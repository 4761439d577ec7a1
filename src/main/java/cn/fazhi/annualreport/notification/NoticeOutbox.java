package cn.fazhi.annualreport.notification;

import cn.fazhi.annualreport.notification.mail.Notice;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Notices waiting to be sent, written in the engine's transaction and read after it committed. */
@Repository
class NoticeOutbox {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;
    private final ObjectMapper json;

    NoticeOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        // the INSERT runs inside a savepoint of the engine's transaction: after a duplicate, PostgreSQL would refuse
        // every further statement of the transaction (and the task's completion with it) unless rolled back to one
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Queues a notice; the same notice to the same person is queued once. */
    void enqueue(Notice notice, String executionId, Date now) {
        try {
            String text = json.writeValueAsString(notice);
            savepoint.executeWithoutResult(s -> jdbc.update("INSERT INTO notice_outbox (dedup_key, recipient,"
                            + " notice_json, process_instance_id, execution_id, status, attempts, next_attempt_at,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
                    notice.dedupKey(), notice.recipientEmail(), text, notice.processInstanceId(), executionId, PENDING,
                    new Timestamp(now.getTime()), new Timestamp(now.getTime())));
        } catch (DuplicateKeyException e) {
            // queued before (e.g. the same assignment saved twice): once is enough
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot queue notice " + notice.dedupKey(), e);
        }
    }

    List<Entry> due(Date now, int limit) {
        return jdbc.query("SELECT id, notice_json, execution_id, status, attempts, incident_id FROM notice_outbox"
                        + " WHERE status IN ('" + PENDING + "', '" + FAILED + "') AND next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at, id",
                (rs, i) -> new Entry(rs.getLong(1), read(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6)),
                new Timestamp(now.getTime())).stream().limit(limit).toList();
    }

    void markSent(long id) {
        jdbc.update("UPDATE notice_outbox SET status = ?, last_error = NULL WHERE id = ?", SENT, id);
    }

    /** Tries the entry again later without counting an attempt, unless it has been sent meanwhile. */
    void postpone(long id, Date nextAttempt) {
        jdbc.update("UPDATE notice_outbox SET next_attempt_at = ? WHERE id = ? AND status <> ?",
                new Timestamp(nextAttempt.getTime()), id, SENT);
    }

    void markAttemptFailed(long id, String status, int attempts, Date nextAttempt, String error, String incidentId) {
        jdbc.update("UPDATE notice_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,"
                        + " incident_id = ? WHERE id = ?", status, attempts, new Timestamp(nextAttempt.getTime()),
                error == null ? null : error.substring(0, Math.min(error.length(), 2000)), incidentId, id);
    }

    private Notice read(String text) {
        try {
            return json.readValue(text, Notice.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable queued notice", e);
        }
    }

    /** One queued notice. */
    record Entry(long id, Notice notice, String executionId, String status, int attempts, String incidentId) {
    }
}
