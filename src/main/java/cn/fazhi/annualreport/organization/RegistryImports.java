package cn.fazhi.annualreport.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The registry_import table: the background imports, their progress and outcome, shared by every node. */
@Repository
class RegistryImports {

    static final int MAX_ERRORS = 1000;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String COLUMNS = "id, status, file_name, entities_total, people_total, entities_done, "
            + "people_done, created, updated, users_created, users_updated, memberships_added, memberships_removed, "
            + "message_zh, message_en, requested_by, requested_at, started_at, finished_at, node, heartbeat_at, "
            + "attempts";

    private final JdbcTemplate jdbc;

    RegistryImports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An import as stored: counts are null until it succeeded, the message set when it failed. */
    record Job(String id, String status, String fileName, int entitiesTotal, int peopleTotal, int entitiesDone,
               int peopleDone, Integer created, Integer updated, Integer usersCreated, Integer usersUpdated,
               Integer membershipsAdded, Integer membershipsRemoved, String messageZh, String messageEn,
               String requestedBy, OffsetDateTime requestedAt, OffsetDateTime startedAt, OffsetDateTime finishedAt,
               String node, OffsetDateTime heartbeatAt, int attempts) {

        boolean finished() {
            return "SUCCEEDED".equals(status) || "FAILED".equals(status);
        }
    }

    String create(String fileName, byte[] content, int entities, int people, String by, Instant now) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO registry_import (id, status, file_name, content, entities_total, people_total, "
                + "entities_done, people_done, requested_by, requested_at, attempts) "
                + "VALUES (?, 'QUEUED', ?, ?, ?, ?, 0, 0, ?, ?, 0)", id, fileName, content, entities, people, by,
                time(now));
        return id;
    }

    /**
     * Takes an import for this node: a queued one, or a running one whose node stopped beating before
     * {@code staleBefore}, while no other import runs with a live heartbeat. Answers whether this node has it.
     */
    boolean claim(String id, String node, Instant now, Instant staleBefore) {
        return jdbc.update("UPDATE registry_import SET status = 'RUNNING', node = ?, heartbeat_at = ?, "
                + "started_at = ?, attempts = attempts + 1, entities_done = 0, people_done = 0 "
                + "WHERE id = ? AND (status = 'QUEUED' OR (status = 'RUNNING' AND heartbeat_at < ?)) "
                + "AND NOT EXISTS (SELECT 1 FROM registry_import o WHERE o.status = 'RUNNING' AND o.id <> ? "
                + "AND o.heartbeat_at >= ?)", node, time(now), time(now), id, time(staleBefore), id,
                time(staleBefore)) == 1;
    }

    /** The imports some node should run: queued, or running without a heartbeat since {@code staleBefore}. */
    List<Job> due(Instant staleBefore) {
        return jdbc.query("SELECT " + COLUMNS + " FROM registry_import WHERE status = 'QUEUED' "
                + "OR (status = 'RUNNING' AND heartbeat_at < ?) ORDER BY requested_at", RegistryImports::map,
                time(staleBefore));
    }

    /** The running node's heartbeat with its progress; false once the import is no longer this node's. */
    boolean beat(String id, String node, int entitiesDone, int peopleDone, Instant now) {
        return jdbc.update("UPDATE registry_import SET heartbeat_at = ?, entities_done = ?, people_done = ? "
                + "WHERE id = ? AND node = ? AND status = 'RUNNING'", time(now), entitiesDone, peopleDone, id,
                node) == 1;
    }

    /**
     * Records the success, in the import's transaction. Refuses (and so rolls the import back) if the import is no
     * longer this node's: another node took it over after this one's heartbeat stopped.
     */
    void succeed(String id, String node, EntityImporter.Result result, int entities, int people, Instant now) {
        int rows = jdbc.update("UPDATE registry_import SET status = 'SUCCEEDED', entities_done = ?, people_done = ?, "
                        + "created = ?, updated = ?, users_created = ?, users_updated = ?, memberships_added = ?, "
                        + "memberships_removed = ?, finished_at = ?, heartbeat_at = ? "
                        + "WHERE id = ? AND node = ? AND status = 'RUNNING'", entities, people, result.created(),
                result.updated(), result.usersCreated().size(), result.usersUpdated(), result.membershipsAdded(),
                result.membershipsRemoved(), time(now), time(now), id, node);
        if (rows != 1) {
            throw new IllegalStateException("Registry import " + id + " was taken over by another node");
        }
    }

    /** Records a failure with its reason and the lines at fault, if any; only by the node that runs it. */
    void fail(String id, String node, String zh, String en, List<LineError> errors, Instant now) {
        int rows = jdbc.update("UPDATE registry_import SET status = 'FAILED', message_zh = ?, message_en = ?, "
                + "finished_at = ? WHERE id = ? AND (node = ? OR node IS NULL) AND status IN ('QUEUED', 'RUNNING')",
                cut(zh), cut(en), time(now), id, node);
        if (rows == 1) {
            List<LineError> kept = errors.stream().limit(MAX_ERRORS).toList();
            List<Object[]> lines = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                LineError e = kept.get(i);
                lines.add(new Object[] {id, i, e.line(), cut(e.messageZh()), cut(e.messageEn())});
            }
            jdbc.batchUpdate("INSERT INTO registry_import_error (import_id, seq, line, message_zh, message_en) "
                    + "VALUES (?, ?, ?, ?, ?)", lines);
        }
    }

    /** Fails an import whose attempts are used up, if it is still as it was found. */
    boolean failInterrupted(Job job, String zh, String en, Instant now) {
        return jdbc.update("UPDATE registry_import SET status = 'FAILED', message_zh = ?, message_en = ?, "
                + "finished_at = ? WHERE id = ? AND status = ? AND attempts = ?", zh, en, time(now), job.id(),
                job.status(), job.attempts()) == 1;
    }

    Optional<Job> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM registry_import WHERE id = ?", RegistryImports::map, id)
                .stream().findFirst();
    }

    List<Job> recent(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM registry_import ORDER BY requested_at DESC "
                + "FETCH FIRST " + limit + " ROWS ONLY", RegistryImports::map);
    }

    byte[] content(String id) {
        return jdbc.queryForObject("SELECT content FROM registry_import WHERE id = ?", byte[].class, id);
    }

    List<LineError> errors(String id) {
        return jdbc.query("SELECT line, message_zh, message_en FROM registry_import_error WHERE import_id = ? "
                + "ORDER BY seq", (rs, i) -> new LineError(rs.getInt(1), rs.getString(2), rs.getString(3)), id);
    }

    private static String cut(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1999) + "…";
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : at.atZone(CHINA).toOffsetDateTime();
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.atZoneSameInstant(CHINA).toOffsetDateTime();
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Job map(ResultSet rs, int row) throws SQLException {
        return new Job(rs.getString("id"), rs.getString("status"), rs.getString("file_name"),
                rs.getInt("entities_total"), rs.getInt("people_total"), rs.getInt("entities_done"),
                rs.getInt("people_done"), integer(rs, "created"), integer(rs, "updated"),
                integer(rs, "users_created"), integer(rs, "users_updated"), integer(rs, "memberships_added"),
                integer(rs, "memberships_removed"), rs.getString("message_zh"), rs.getString("message_en"),
                rs.getString("requested_by"), time(rs, "requested_at"), time(rs, "started_at"),
                time(rs, "finished_at"), rs.getString("node"), time(rs, "heartbeat_at"), rs.getInt("attempts"));
    }
}
