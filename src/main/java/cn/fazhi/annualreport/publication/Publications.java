package cn.fazhi.annualreport.publication;

import cn.fazhi.annualreport.shared.Beijing;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The publications of the cases, in the table publication (one row per case and target). The secrecy review fixes
 * the released text for every configured target (PENDING); the publishing job publishes each pending target and
 * records its URL and time (PUBLISHED); the checking job GETs each URL and records that it answered (VERIFIED). Each
 * target's outcome — success or failure — is written in a transaction of its own, so that what a target accepted is
 * never forgotten when another target fails the job, and a retried job publishes only what is still pending.
 */
@Service
public class Publications {

    private static final Logger log = LoggerFactory.getLogger(Publications.class);
    private static final int MAX_ERROR = 2000;

    private final JdbcTemplate jdbc;
    private final List<Publisher> publishers;
    private final UrlCheck urlCheck;
    private final TransactionTemplate ownTransaction;

    Publications(JdbcTemplate jdbc, List<Publisher> publishers, UrlCheck urlCheck,
                 PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.publishers = List.copyOf(publishers);
        this.urlCheck = urlCheck;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ownTransaction.setName("publication-outcome");
    }

    /** A case's publications, the built-in column first (empty if nothing was released for publication). */
    public List<PublicationRecord> forCase(String processInstanceId) {
        return rows(processInstanceId).stream().map(Row::record).toList();
    }

    /** The text the secrecy review released for publication (the same on every target); empty if none was. */
    public Optional<String> releasedText(String processInstanceId) {
        return jdbc.queryForList("SELECT published_text FROM publication WHERE process_instance_id = ?", String.class,
                processInstanceId).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    // --- the secrecy review ---------------------------------------------------------------------------------

    /**
     * Fixes the released text for every target that publishes the entity's reports, replacing what an earlier review
     * of the case released; in the caller's (the review task's) transaction.
     *
     * @throws PublicationException when no target publishes the entity's reports
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void prepare(Release release) {
        List<Publisher> targets = publishers.stream().filter(p -> p.covers(release.entityCode())).toList();
        if (targets.isEmpty()) {
            throw new PublicationException("没有为" + release.entityName() + "配置公开渠道（公开专栏或门户网站）",
                    "No publication target covers " + release.entityCode()
                            + " (report.publication.public-column / report.publication.cms)");
        }
        withhold(release.processInstanceId());
        Timestamp now = Timestamp.from(Beijing.now());
        for (Publisher target : targets) {
            jdbc.update("INSERT INTO publication (process_instance_id, entity_code, entity_name, reporting_year, title,"
                            + " document_number, source_version, secrecy_decision, published_text, text_sha256, target,"
                            + " status, attempts, prepared_by, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                    release.processInstanceId(), release.entityCode(), release.entityName(), release.year(),
                    release.title(), release.documentNumber(), release.sourceVersion(), release.decision().name(),
                    release.text(), sha256(release.text()), target.target(), PublicationRecord.PENDING,
                    release.releasedBy(), now);
        }
    }

    /** Removes what the case had released (a later review keeps it from the public); in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void withhold(String processInstanceId) {
        jdbc.update("DELETE FROM publication WHERE process_instance_id = ?", processInstanceId);
    }

    // --- the publishing job ---------------------------------------------------------------------------------

    /**
     * Publishes the case's pending targets, each outcome recorded at once; answers the case's main publication (the
     * CMS's if there is one, else the column's).
     *
     * @throws PublicationException when any target failed (the others stay published), or nothing was released
     */
    PublicationRecord publish(String processInstanceId) {
        List<Row> rows = rows(processInstanceId);
        if (rows.isEmpty()) {
            throw new PublicationException("案件没有经保密审查放行的公开文本",
                    "Case " + processInstanceId + " has no text released by the secrecy review");
        }
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            if (!PublicationRecord.PENDING.equals(row.status())) {
                continue; // published by an earlier attempt
            }
            Instant now = Beijing.now();
            URI url;
            try {
                Publisher publisher = publishers.stream().filter(p -> p.target().equals(row.target())).findFirst()
                        .orElseThrow(() -> new PublicationException("公开渠道“" + row.target() + "”已不再配置",
                                "The publication target " + row.target() + " is no longer configured"));
                url = publisher.publish(row.report(now));
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
                recordFailure(row.id(), e.getMessage(), now);
                log.warn("Case {}: publication on {} failed: {}", processInstanceId, row.target(), e.getMessage());
                continue;
            }
            ownTransaction.executeWithoutResult(tx -> jdbc.update("UPDATE publication SET status = ?, url = ?,"
                            + " published_at = ?, last_error = NULL, last_attempt_at = ? WHERE id = ?",
                    PublicationRecord.PUBLISHED, url.toString(), Timestamp.from(now), Timestamp.from(now), row.id()));
        }
        if (!failures.isEmpty()) {
            throw new PublicationException(String.join("；", failures));
        }
        List<Row> published = rows(processInstanceId);
        return published.stream().filter(r -> !PublicationRecord.PUBLIC_COLUMN.equals(r.target())).findFirst()
                .or(() -> published.stream().findFirst()).map(Row::record).orElseThrow();
    }

    // --- the checking job -----------------------------------------------------------------------------------

    /**
     * GETs every published URL of the case that has not answered yet and records those that answer 2xx.
     *
     * @throws PublicationException when a URL does not answer, or a target is not published yet
     */
    void check(String processInstanceId) {
        List<Row> rows = rows(processInstanceId);
        if (rows.isEmpty()) {
            throw new PublicationException("案件没有已公开的报告", "Case " + processInstanceId + " has no publication");
        }
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            if (PublicationRecord.VERIFIED.equals(row.status())) {
                continue;
            }
            Instant now = Beijing.now();
            if (!PublicationRecord.PUBLISHED.equals(row.status()) || row.url() == null) {
                failures.add(row.target() + "尚未发布 / " + row.target() + " is not published yet");
                continue;
            }
            try {
                urlCheck.requireAnswer(URI.create(row.url()));
                ownTransaction.executeWithoutResult(tx -> jdbc.update("UPDATE publication SET status = ?,"
                                + " verified_at = ?, last_error = NULL, last_attempt_at = ? WHERE id = ?",
                        PublicationRecord.VERIFIED, Timestamp.from(now), Timestamp.from(now), row.id()));
            } catch (PublicationException | IllegalArgumentException e) {
                failures.add(e.getMessage());
                recordFailure(row.id(), e.getMessage(), now);
                log.warn("Case {}: the URL {} of {} does not answer: {}", processInstanceId, row.url(), row.target(),
                        e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new PublicationException(String.join("；", failures));
        }
    }

    private void recordFailure(long id, String message, Instant at) {
        String error = message == null ? "" : message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
        ownTransaction.executeWithoutResult(tx -> jdbc.update("UPDATE publication SET attempts = attempts + 1,"
                + " last_error = ?, last_attempt_at = ? WHERE id = ?", error, Timestamp.from(at), id));
    }

    // --- rows -------------------------------------------------------------------------------------------------

    private record Row(long id, String processInstanceId, String entityCode, String entityName, int year,
                       String title, String documentNumber, Integer sourceVersion, String decision, String text,
                       String target, String status, String url, OffsetDateTime publishedAt,
                       OffsetDateTime verifiedAt, int attempts, String lastError) {

        PublicationRecord record() {
            return new PublicationRecord(target, status, url, publishedAt, verifiedAt, attempts, lastError, title,
                    documentNumber, sourceVersion, decision);
        }

        PublishedReport report(Instant at) {
            return new PublishedReport(processInstanceId, entityCode, entityName, year, title, documentNumber, text, at);
        }
    }

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong("id"), rs.getString("process_instance_id"),
            rs.getString("entity_code"), rs.getString("entity_name"), rs.getInt("reporting_year"), rs.getString("title"),
            rs.getString("document_number"), (Integer) rs.getObject("source_version", Integer.class),
            rs.getString("secrecy_decision"), rs.getString("published_text"), rs.getString("target"),
            rs.getString("status"), rs.getString("url"), at(rs, "published_at"), at(rs, "verified_at"),
            rs.getInt("attempts"), rs.getString("last_error"));

    private List<Row> rows(String processInstanceId) {
        return jdbc.query("SELECT * FROM publication WHERE process_instance_id = ?"
                        + " ORDER BY CASE WHEN target = ? THEN 0 ELSE 1 END, id", ROW,
                processInstanceId, PublicationRecord.PUBLIC_COLUMN);
    }

    static OffsetDateTime at(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atZone(Beijing.ZONE).toOffsetDateTime();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
