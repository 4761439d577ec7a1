package cn.fazhi.annualreport.report;

import java.sql.Timestamp;
import java.time.Instant;
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

    void claim(String entity, int year, String processInstanceId, String startedBy) {
        Timestamp now = Timestamp.from(Instant.now());
        try {
            jdbc.update("INSERT INTO report_case (entity_code, reporting_year, process_instance_id, started_by, started_at)"
                    + " VALUES (?, ?, ?, ?, ?)", entity, year, processInstanceId, startedBy, now);
        } catch (DuplicateKeyException e) {
            if (liveCase(entity, year).isPresent()) {
                throw ReportRequestException.alreadyExists(entity, year);
            }
            jdbc.update("UPDATE report_case SET process_instance_id = ?, started_by = ?, started_at = ?"
                    + " WHERE entity_code = ? AND reporting_year = ?", processInstanceId, startedBy, now, entity, year);
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
