package cn.fazhi.annualreport.supervision;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * One year's cases as the read model, the filing records and the publications hold them: four set-based queries,
 * whatever the number of cases.
 */
@Repository
class YearData {

    private final JdbcTemplate jdbc;

    YearData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The year's cases by entity code (a deleted case does not count; a case restarted after it does). */
    Map<String, Case> load(int year) {
        Map<String, Case> byEntity = new HashMap<>();
        Map<String, Case> byId = new HashMap<>();
        jdbc.query("SELECT process_instance_id, entity_code, started_at, ended_at, end_state, deadline_filing,"
                + " deadline_publication, filing_recipients, copy_to FROM case_progress WHERE reporting_year = ?"
                + " AND (end_state IS NULL OR end_state = '" + CaseProgress.COMPLETED + "')", rs -> {
            Case c = new Case(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)),
                    CaseProgress.COMPLETED.equals(rs.getString(5)), day(rs.getDate(6)), day(rs.getDate(7)),
                    split(rs.getString(8)), rs.getString(9), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            Case earlier = byEntity.get(c.entityCode());
            if (earlier == null || earlier.startedAt().isBefore(c.startedAt())) {
                byEntity.put(c.entityCode(), c);
            }
            byId.put(c.processInstanceId(), c);
        }, year);
        jdbc.query("SELECT t.process_instance_id, t.task_id, t.task_key, t.name, t.assignee, t.due_at, t.created_at"
                + " FROM case_open_task t JOIN case_progress c ON c.process_instance_id = t.process_instance_id"
                + " WHERE c.reporting_year = ? AND c.end_state IS NULL", rs -> {
            Case c = byId.get(rs.getString(1));
            if (c != null) {
                c.openTasks().add(new Task(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))));
            }
        }, year);
        jdbc.query("SELECT f.process_instance_id, f.recipient, f.kind, f.outcome, f.filed_on FROM filing_receipt f"
                + " JOIN case_progress c ON c.process_instance_id = f.process_instance_id WHERE c.reporting_year = ?",
                rs -> {
                    Case c = byId.get(rs.getString(1));
                    if (c != null) {
                        c.filings().add(new Filed(rs.getString(2), rs.getString(3), rs.getString(4),
                                day(rs.getDate(5))));
                    }
                }, year);
        jdbc.query("SELECT process_instance_id, target, status, url, published_at FROM publication"
                + " WHERE reporting_year = ? ORDER BY id", rs -> {
            Case c = byId.get(rs.getString(1));
            if (c != null) {
                c.publications().add(new Published(rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs.getTimestamp(5))));
            }
        }, year);
        return byEntity;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static LocalDate day(java.sql.Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split("；"));
    }

    /** A case of the year. */
    record Case(String processInstanceId, String entityCode, Instant startedAt, Instant endedAt, boolean completed,
                LocalDate filingDeadline, LocalDate publicationDeadline, List<String> filingRecipients, String copyTo,
                List<Task> openTasks, List<Filed> filings, List<Published> publications) {
    }

    /** An open user task of a case. */
    record Task(String id, String key, String name, String assignee, Instant due, Instant createdAt) {
    }

    /** A filing record: addressee, FILING or COPY, its outcome and the day it was sent. */
    record Filed(String recipient, String kind, String outcome, LocalDate filedOn) {
    }

    /** A publication of the case's report on one target. */
    record Published(String target, String status, String url, Instant publishedAt) {
    }
}
