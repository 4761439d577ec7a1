package cn.fazhi.annualreport.supervision;

import java.time.Instant;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The desk's read model (tables case_progress and case_open_task), written in the engine's transaction. */
@Repository
class CaseProgress {

    static final String COMPLETED = "COMPLETED";
    static final String DELETED = "DELETED";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;

    CaseProgress(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        // inserts that may meet a row written before (a backfill racing a start) run in a savepoint, so that
        // PostgreSQL does not refuse the rest of the engine's transaction after the duplicate
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** A case started (or was found by the backfill); a row that exists already is kept. */
    void started(Started c) {
        try {
            savepoint.executeWithoutResult(s -> jdbc.update("INSERT INTO case_progress (process_instance_id,"
                            + " entity_code, reporting_year, started_at, ended_at, end_state, deadline_filing,"
                            + " deadline_publication, filing_recipients, copy_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    c.processInstanceId(), c.entityCode(), c.year(), Timestamp.from(c.startedAt()),
                    c.endedAt() == null ? null : Timestamp.from(c.endedAt()), c.endState(), date(c.filingDeadline()),
                    date(c.publicationDeadline()), cut(String.join("；", c.filingRecipients()), 4000),
                    cut(c.copyTo(), 500)));
        } catch (DuplicateKeyException e) {
            // written by the start already
        }
    }

    void deadlines(String processInstanceId, LocalDate filing, LocalDate publication) {
        jdbc.update("UPDATE case_progress SET deadline_filing = ?, deadline_publication = ? WHERE process_instance_id = ?",
                date(filing), date(publication), processInstanceId);
    }

    void ended(String processInstanceId, boolean deleted, Instant at) {
        jdbc.update("UPDATE case_progress SET ended_at = ?, end_state = ? WHERE process_instance_id = ?",
                Timestamp.from(at), deleted ? DELETED : COMPLETED, processInstanceId);
        jdbc.update("DELETE FROM case_open_task WHERE process_instance_id = ?", processInstanceId);
    }

    /** A user task opened or changed (assignee, due date): its row as it now stands. */
    void taskOpen(OpenTask t) {
        int updated = jdbc.update("UPDATE case_open_task SET name = ?, assignee = ?, due_at = ? WHERE task_id = ?",
                cut(t.name(), 500), t.assignee(), t.due() == null ? null : Timestamp.from(t.due()), t.taskId());
        if (updated == 0) {
            try {
                savepoint.executeWithoutResult(s -> jdbc.update("INSERT INTO case_open_task (task_id,"
                                + " process_instance_id, task_key, name, assignee, due_at, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?)", t.taskId(), t.processInstanceId(), t.taskKey(),
                        cut(t.name(), 500), t.assignee(), t.due() == null ? null : Timestamp.from(t.due()),
                        Timestamp.from(t.createdAt())));
            } catch (DuplicateKeyException e) {
                // written by a concurrent backfill
            }
        }
    }

    void taskClosed(String taskId) {
        jdbc.update("DELETE FROM case_open_task WHERE task_id = ?", taskId);
    }

    /** The cases the read model knows, to find the ones the backfill must add. */
    List<String> knownCases() {
        return jdbc.queryForList("SELECT process_instance_id FROM case_progress", String.class);
    }

    List<String> runningCases() {
        return jdbc.queryForList("SELECT process_instance_id FROM case_progress WHERE end_state IS NULL", String.class);
    }

    private static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A case as it starts. */
    record Started(String processInstanceId, String entityCode, int year, Instant startedAt,
                   Instant endedAt, String endState, LocalDate filingDeadline, LocalDate publicationDeadline,
                   List<String> filingRecipients, String copyTo) {
    }

    /** An open user task. */
    record OpenTask(String taskId, String processInstanceId, String taskKey, String name, String assignee,
                    Instant due, Instant createdAt) {
    }
}
