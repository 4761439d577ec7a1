package cn.fazhi.annualreport.notification.mail;

import cn.fazhi.annualreport.shared.Beijing;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The mail log ({@code mail_log}): one row per dedup key and recipient address (unique), updated on every attempt.
 * Reads are public; the writes belong to {@link Mailer}, which makes them in transactions of their own.
 */
@Repository
public class MailLog {

    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    /** Claimed by an attempt that is sending the mail now, or was until its node died ({@code claimed_until}). */
    static final String SENDING = "SENDING";
    static final int MAX_ERROR = 2000;
    static final int MAX_SUBJECT = 1000;

    private static final String COLUMNS = "id, dedup_key, recipient, recipient_id, kind, template, business_key, "
            + "process_instance_id, task_id, subject, status, attempts, error, created_at, last_attempt_at, sent_at, "
            + "claimed_until";

    private final NamedParameterJdbcTemplate jdbc;

    MailLog(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The row of a dedup key and address (any case), if any attempt was recorded. */
    public Optional<MailLogEntry> find(String dedupKey, String recipientEmail) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mail_log WHERE dedup_key = :key AND recipient = :recipient",
                new MapSqlParameterSource("key", dedupKey).addValue("recipient", normalize(recipientEmail)),
                MailLog::entry).stream().findFirst();
    }

    /**
     * Rows matching the query, newest attempt first, mails being sent ({@code SENDING}) among them. No visibility
     * restriction: for the application's own use and administrators.
     */
    public List<MailLogEntry> search(MailLogQuery query) {
        return search(query, null, null);
    }

    /**
     * Rows matching the query that {@code viewer} may see: those addressed to her and those of the given process
     * instances. A null viewer sees every row.
     */
    List<MailLogEntry> search(MailLogQuery query, String viewer, Collection<String> readableInstances) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM mail_log WHERE 1 = 1");
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (query.recipient() != null) {
            sql.append(" AND (recipient = :recipientKey OR recipient_id = :recipient)");
            params.addValue("recipientKey", normalize(query.recipient())).addValue("recipient", query.recipient().trim());
        }
        if (query.businessKey() != null) {
            sql.append(" AND business_key = :businessKey");
            params.addValue("businessKey", query.businessKey());
        }
        if (query.taskId() != null) {
            sql.append(" AND task_id = :taskId");
            params.addValue("taskId", query.taskId());
        }
        if (query.processInstanceId() != null) {
            sql.append(" AND process_instance_id = :pid");
            params.addValue("pid", query.processInstanceId());
        }
        if (query.status() != null) {
            sql.append(" AND status = :status");
            params.addValue("status", query.status().toUpperCase(Locale.ROOT));
        }
        if (query.kind() != null) {
            sql.append(" AND kind = :kind");
            params.addValue("kind", query.kind().toUpperCase(Locale.ROOT));
        }
        if (viewer != null) {
            sql.append(" AND (recipient_id = :viewer");
            params.addValue("viewer", viewer);
            if (readableInstances != null && !readableInstances.isEmpty()) {
                sql.append(" OR process_instance_id IN (:readable)");
                params.addValue("readable", readableInstances);
            }
            sql.append(')');
        }
        sql.append(" ORDER BY last_attempt_at DESC, id DESC LIMIT :limit");
        params.addValue("limit", query.limit());
        return jdbc.query(sql.toString(), params, MailLog::entry);
    }

    // --- writes of Mailer, inside its own transaction ---------------------------------------------------------

    /** Locks the row of this mail and answers its status and claim; null if there is no row yet. */
    Row lock(String dedupKey, String recipient) {
        return jdbc.query("SELECT status, claimed_by, claimed_until FROM mail_log WHERE dedup_key = :key "
                        + "AND recipient = :recipient FOR UPDATE",
                new MapSqlParameterSource("key", dedupKey).addValue("recipient", recipient),
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), time(rs, "claimed_until")))
                .stream().findFirst().orElse(null);
    }

    /** The first attempt's row, claimed; a concurrent first attempt of the same mail fails on the unique key. */
    void insertClaimed(Notice notice, String recipient, String claimant, OffsetDateTime until, OffsetDateTime now) {
        jdbc.update("INSERT INTO mail_log (dedup_key, recipient, recipient_id, kind, template, business_key, "
                        + "process_instance_id, task_id, status, attempts, created_at, last_attempt_at, claimed_by, "
                        + "claimed_until) VALUES (:key, :recipient, :recipientId, :kind, :template, :businessKey, :pid, "
                        + ":taskId, :status, 0, :now, :now, :claimant, :until)",
                about(notice, recipient).addValue("status", SENDING).addValue("now", now)
                        .addValue("claimant", clip(claimant, 255)).addValue("until", until));
    }

    /** A later attempt claims the (locked) row. */
    void claim(Notice notice, String recipient, String claimant, OffsetDateTime until, OffsetDateTime now) {
        jdbc.update("UPDATE mail_log SET status = :status, claimed_by = :claimant, claimed_until = :until, "
                        + "last_attempt_at = :now WHERE dedup_key = :key AND recipient = :recipient",
                about(notice, recipient).addValue("status", SENDING).addValue("now", now)
                        .addValue("claimant", clip(claimant, 255)).addValue("until", until));
    }

    void markSent(Notice notice, String recipient, String subject, OffsetDateTime now) {
        jdbc.update("UPDATE mail_log SET status = :status, attempts = attempts + 1, error = NULL, subject = :subject, "
                        + "sent_at = :now, last_attempt_at = :now, claimed_until = NULL, recipient_id = :recipientId, "
                        + "kind = :kind, template = :template, business_key = :businessKey, process_instance_id = :pid, task_id = :taskId "
                        + "WHERE dedup_key = :key AND recipient = :recipient",
                about(notice, recipient).addValue("status", SENT).addValue("subject", clip(subject, MAX_SUBJECT))
                        .addValue("now", now));
    }

    void markFailed(Notice notice, String recipient, String subject, String error, OffsetDateTime now) {
        jdbc.update("UPDATE mail_log SET status = :status, attempts = attempts + 1, error = :error, "
                        + "subject = COALESCE(:subject, subject), last_attempt_at = :now, claimed_until = NULL, "
                        + "recipient_id = :recipientId, "
                        + "kind = :kind, template = :template, business_key = :businessKey, process_instance_id = :pid, "
                        + "task_id = :taskId WHERE dedup_key = :key AND recipient = :recipient",
                about(notice, recipient).addValue("status", FAILED).addValue("error", clip(error, MAX_ERROR))
                        .addValue("subject", clip(subject, MAX_SUBJECT)).addValue("now", now));
    }

    private static MapSqlParameterSource about(Notice notice, String recipient) {
        return new MapSqlParameterSource("key", notice.dedupKey()).addValue("recipient", recipient)
                .addValue("recipientId", clip(notice.recipientId(), 255)).addValue("kind", notice.kind().name())
                .addValue("template", Mailer.TEMPLATE).addValue("businessKey", clip(notice.businessKey(), 255))
                .addValue("pid", clip(notice.processInstanceId(), 64)).addValue("taskId", clip(notice.taskId(), 64));
    }

    static String normalize(String address) {
        return address == null ? null : address.trim().toLowerCase(Locale.ROOT);
    }

    static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /** A row's status and who claims it until when (null when no attempt is under way). */
    record Row(String status, String claimedBy, OffsetDateTime claimedUntil) {
    }

    private static MailLogEntry entry(ResultSet rs, int row) throws SQLException {
        return new MailLogEntry(rs.getLong("id"), rs.getString("dedup_key"), rs.getString("recipient"),
                rs.getString("recipient_id"), rs.getString("kind"), rs.getString("template"),
                rs.getString("business_key"), rs.getString("process_instance_id"), rs.getString("task_id"),
                rs.getString("subject"), rs.getString("status"), rs.getInt("attempts"), rs.getString("error"),
                time(rs, "created_at"), time(rs, "last_attempt_at"), time(rs, "sent_at"),
                SENDING.equals(rs.getString("status")) ? time(rs, "claimed_until") : null);
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.atZoneSameInstant(Beijing.ZONE).toOffsetDateTime();
    }
}
