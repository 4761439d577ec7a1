package cn.fazhi.annualreport.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * One case per entity and year, enforced by the database (primary key of report_case) in the same transaction as the
 * process start, so two racing starts cannot both succeed. A case deleted in Cockpit frees its slot.
 */
@Repository
class CaseRegistry {

    private final JdbcTemplate jdbc;
    private final HistoryService historyService;

    CaseRegistry(JdbcTemplate jdbc, HistoryService historyService) {
        this.jdbc = jdbc;
        this.historyService = historyService;
    }

    Optional<String> liveCase(String entity, int year) {
        return jdbc.query("SELECT process_instance_id FROM report_case WHERE entity_code = ? AND reporting_year = ?",
                        (rs, i) -> rs.getString(1), entity, year).stream()
                .filter(this::stillExists)
                .findFirst();
    }

    /** The entities of the given ones that have a live case of the year (one query, then the history per case). */
    java.util.Set<String> withLiveCase(java.util.Collection<String> entities, int year) {
        java.util.Set<String> wanted = new java.util.HashSet<>(entities);
        java.util.Set<String> live = new java.util.HashSet<>();
        jdbc.query("SELECT entity_code, process_instance_id FROM report_case WHERE reporting_year = ?",
                        (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, year).stream()
                .filter(row -> wanted.contains(row[0]) && stillExists(row[1]))
                .forEach(row -> live.add(row[0]));
        return live;
    }

    /** Every case an entity ever had, one per year (a deleted case's slot may name an instance gone from history). */
    List<String> casesOf(String entity) {
        return jdbc.query("SELECT process_instance_id FROM report_case WHERE entity_code = ? ORDER BY reporting_year",
                (rs, i) -> rs.getString(1), entity);
    }

    /**
     * Claims the entity-year slot for the starting case, in the start's transaction. A free slot is inserted; a slot
     * whose case was deleted is taken over only if it still names that deleted case when updated. A start that finds
     * the slot taken — also by a concurrent start that commits first — is refused; no statement follows a failed
     * insert (PostgreSQL would refuse it in the aborted transaction).
     */
    void claim(String entity, int year, String processInstanceId, String startedBy) {
        Timestamp now = Timestamp.from(Instant.now());
        Optional<String> previous = jdbc.query("SELECT process_instance_id FROM report_case WHERE entity_code = ?"
                + " AND reporting_year = ?", (rs, i) -> rs.getString(1), entity, year).stream().findFirst();
        if (previous.isEmpty()) {
            try {
                jdbc.update("INSERT INTO report_case (entity_code, reporting_year, process_instance_id, started_by,"
                        + " started_at) VALUES (?, ?, ?, ?, ?)", entity, year, processInstanceId, startedBy, now);
            } catch (DuplicateKeyException e) {
                throw ReportRequestException.alreadyExists(entity, year);
            }
            return;
        }
        if (stillExists(previous.get())) {
            throw ReportRequestException.alreadyExists(entity, year);
        }
        int taken = jdbc.update("UPDATE report_case SET process_instance_id = ?, started_by = ?, started_at = ?"
                        + " WHERE entity_code = ? AND reporting_year = ? AND process_instance_id = ?",
                processInstanceId, startedBy, now, entity, year, previous.get());
        if (taken == 0) {
            throw ReportRequestException.alreadyExists(entity, year);
        }
    }

    /** A case deleted in Cockpit or through the API (terminated without reaching an end event). */
    static boolean isDeleted(HistoricProcessInstance instance) {
        return HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(instance.getState())
                || HistoricProcessInstance.STATE_INTERNALLY_TERMINATED.equals(instance.getState());
    }

    private boolean stillExists(String processInstanceId) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        return instance != null && !isDeleted(instance);
    }
}
