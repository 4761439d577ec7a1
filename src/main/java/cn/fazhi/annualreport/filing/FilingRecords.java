package cn.fazhi.annualreport.filing;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The filing records of the cases, in the application's table filing_receipt: one per case and addressee, with its
 * receipt or exemption. Written in the completing task's transaction, so a refused completion leaves nothing.
 */
@Repository
public class FilingRecords {

    private static final String COLUMNS = "recipient, kind, outcome, filed_on, channel, receipt_number, receipt_date,"
            + " exemption_reason, note, recorded_by, recorded_at, receipt_recorded_by, receipt_recorded_at";

    private final JdbcTemplate jdbc;

    FilingRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every record of a case: the filings (报送) by addressee, then the copy (抄送). */
    public List<FilingRecord> forCase(String processInstanceId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM filing_receipt WHERE process_instance_id = ?"
                + " ORDER BY kind DESC, recipient", FilingRecords::row, processInstanceId);
    }

    public Optional<FilingRecord> find(String processInstanceId, String recipient) {
        return jdbc.query("SELECT " + COLUMNS + " FROM filing_receipt WHERE process_instance_id = ? AND recipient = ?",
                FilingRecords::row, processInstanceId, recipient).stream().findFirst();
    }

    /**
     * The addressees, of those given, that still owe the case a receipt: no record, or filed with the receipt
     * outstanding. Empty when every one has a receipt or a recorded exemption. In the order given.
     */
    public List<String> missingReceipts(String processInstanceId, List<String> addressees) {
        Map<String, FilingRecord> byRecipient = new LinkedHashMap<>();
        forCase(processInstanceId).forEach(r -> byRecipient.put(r.recipient(), r));
        return addressees.stream().filter(a -> a != null && !a.isBlank())
                .filter(a -> byRecipient.get(a) == null || !byRecipient.get(a).settled())
                .distinct().toList();
    }

    /** Records a filing; recording the same addressee again (a corrected filing) replaces the earlier record. */
    @Transactional(propagation = Propagation.MANDATORY)
    void record(String processInstanceId, FilingRecord r, String taskId) {
        jdbc.update("DELETE FROM filing_receipt WHERE process_instance_id = ? AND recipient = ?",
                processInstanceId, r.recipient());
        jdbc.update("INSERT INTO filing_receipt (process_instance_id, recipient, kind, outcome, filed_on, channel,"
                        + " receipt_number, receipt_date, exemption_reason, note, task_id, recorded_by, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                processInstanceId, r.recipient(), r.kind(), r.outcome(), date(r.filedOn()), r.channel(),
                r.receiptNumber(), date(r.receiptDate()), r.exemptionReason(), r.note(), taskId, r.recordedBy(),
                Timestamp.from(r.recordedAt() == null ? Instant.now() : r.recordedAt()));
    }

    /**
     * Completes a filing recorded with its receipt outstanding: with the receipt, or with an exemption and its reason.
     * The filing itself (date, channel, who recorded it) stays as it was; a note, if given, replaces the earlier one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void settle(String processInstanceId, String recipient, FilingOutcome outcome, String receiptNumber,
                LocalDate receiptDate, String exemptionReason, String note, String by, Instant at) {
        int updated = jdbc.update("UPDATE filing_receipt SET outcome = ?, receipt_number = ?, receipt_date = ?,"
                        + " exemption_reason = ?, note = COALESCE(?, note), receipt_recorded_by = ?,"
                        + " receipt_recorded_at = ? WHERE process_instance_id = ? AND recipient = ?",
                outcome.name(), receiptNumber, date(receiptDate), exemptionReason, note, by, Timestamp.from(at),
                processInstanceId, recipient);
        if (updated == 0) {
            throw FilingRequestException.noFilingRecord(recipient);
        }
    }

    private static FilingRecord row(ResultSet rs, int i) throws SQLException {
        Timestamp receiptAt = rs.getTimestamp("receipt_recorded_at");
        return new FilingRecord(rs.getString("recipient"), rs.getString("kind"), rs.getString("outcome"),
                local(rs.getDate("filed_on")), rs.getString("channel"), rs.getString("receipt_number"),
                local(rs.getDate("receipt_date")), rs.getString("exemption_reason"), rs.getString("note"),
                rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("receipt_recorded_by"), receiptAt == null ? null : receiptAt.toInstant());
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static LocalDate local(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
