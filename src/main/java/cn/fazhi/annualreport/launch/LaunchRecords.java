package cn.fazhi.annualreport.launch;

import cn.fazhi.annualreport.shared.Beijing;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The launches and their per-entity outcomes in case_launch and case_launch_result (see db/schema.sql). */
@Repository
class LaunchRecords {

    private static final int REASON_LENGTH = 1000;
    private static final int LIST_LIMIT = 100;

    private final JdbcTemplate jdbc;

    LaunchRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insertLaunch(String id, int year, Trigger trigger, String requestedBy, Instant at, Integer scheduledYear) {
        jdbc.update("INSERT INTO case_launch (id, reporting_year, launch_trigger, requested_by, requested_at,"
                        + " scheduled_year) VALUES (?, ?, ?, ?, ?, ?)",
                id, year, trigger.name(), requestedBy, time(at), scheduledYear);
    }

    /** One PENDING row per entity, in launch order. */
    void insertPending(String launchId, List<String> entityCodes) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < entityCodes.size(); i++) {
            rows.add(new Object[] {launchId, entityCodes.get(i), i, Outcome.PENDING.name()});
        }
        jdbc.batchUpdate("INSERT INTO case_launch_result (launch_id, entity_code, list_order, outcome)"
                + " VALUES (?, ?, ?, ?)", rows);
    }

    /**
     * Locks the year's launches until the calling transaction ends (rows in id order: no deadlock), so that two
     * launches of the same year start their entities' cases one after the other, each seeing the other's cases.
     */
    void lockLaunchesOf(int year) {
        jdbc.queryForList("SELECT id FROM case_launch WHERE reporting_year = ? ORDER BY id FOR UPDATE", String.class,
                year);
    }

    /** Whether the timer has launched the reporting year already. */
    boolean scheduledLaunchExists(int year) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM case_launch WHERE scheduled_year = ?",
                Integer.class, year);
        return count != null && count > 0;
    }

    Optional<Launch> find(String id) {
        return jdbc.query("SELECT * FROM case_launch WHERE id = ?", LAUNCH, id).stream().findFirst();
    }

    /** The launches of a year (all years when null), newest first, at most 100. */
    List<Launch> list(Integer year) {
        String order = " ORDER BY requested_at DESC, id DESC";
        List<Launch> all = year == null
                ? jdbc.query("SELECT * FROM case_launch" + order, LAUNCH)
                : jdbc.query("SELECT * FROM case_launch WHERE reporting_year = ?" + order, LAUNCH, year);
        return all.size() > LIST_LIMIT ? all.subList(0, LIST_LIMIT) : all;
    }

    List<Result> results(String launchId) {
        return jdbc.query("SELECT * FROM case_launch_result WHERE launch_id = ? ORDER BY list_order, entity_code",
                RESULT, launchId);
    }

    Optional<Result> result(String launchId, String entityCode) {
        return jdbc.query("SELECT * FROM case_launch_result WHERE launch_id = ? AND entity_code = ?", RESULT,
                launchId, entityCode).stream().findFirst();
    }

    /** Records the outcome of an entity (a row the launch did not list is added at the end). */
    void record(String launchId, String entityCode, Outcome outcome, String processInstanceId, String reasonZh,
                String reasonEn, Instant at) {
        int updated = jdbc.update("UPDATE case_launch_result SET outcome = ?, process_instance_id = ?, reason_zh = ?,"
                        + " reason_en = ?, recorded_at = ? WHERE launch_id = ? AND entity_code = ?",
                outcome.name(), processInstanceId, cut(reasonZh), cut(reasonEn), time(at), launchId, entityCode);
        if (updated == 0) {
            Integer last = jdbc.queryForObject("SELECT MAX(list_order) FROM case_launch_result WHERE launch_id = ?",
                    Integer.class, launchId);
            jdbc.update("INSERT INTO case_launch_result (launch_id, entity_code, list_order, outcome,"
                            + " process_instance_id, reason_zh, reason_en, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    launchId, entityCode, last == null ? 0 : last + 1, outcome.name(), processInstanceId,
                    cut(reasonZh), cut(reasonEn), time(at));
        }
    }

    void finish(String id, Instant at) {
        jdbc.update("UPDATE case_launch SET finished_at = ? WHERE id = ?", time(at), id);
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : at.atZone(Beijing.ZONE).toOffsetDateTime();
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.atZoneSameInstant(Beijing.ZONE).toOffsetDateTime();
    }

    private static String cut(String text) {
        return text == null || text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH - 1) + "…";
    }

    private static final RowMapper<Launch> LAUNCH = (rs, i) -> new Launch(rs.getString("id"),
            rs.getInt("reporting_year"), Trigger.valueOf(rs.getString("launch_trigger")),
            rs.getString("requested_by"), time(rs, "requested_at"), time(rs, "finished_at"));

    private static final RowMapper<Result> RESULT = (rs, i) -> new Result(rs.getString("entity_code"),
            Outcome.valueOf(rs.getString("outcome")), rs.getString("process_instance_id"), rs.getString("reason_zh"),
            rs.getString("reason_en"), time(rs, "recorded_at"));

    /** One launch as recorded. */
    record Launch(String id, int year, Trigger trigger, String requestedBy, OffsetDateTime requestedAt,
                  OffsetDateTime finishedAt) {
    }

    /** One entity's outcome as recorded. */
    record Result(String entityCode, Outcome outcome, String processInstanceId, String reasonZh, String reasonEn,
                  OffsetDateTime recordedAt) {
    }
}
