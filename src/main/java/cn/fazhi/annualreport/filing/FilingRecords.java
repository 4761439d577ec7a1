package cn.fazhi.annualreport.filing;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The filing receipts of the cases, in the application's table filing_receipt. */
@Repository
public class FilingRecords {

    private final JdbcTemplate jdbc;

    FilingRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<FilingRecord> forCase(String processInstanceId) {
        return jdbc.query("SELECT recipient, kind, filed_on, channel, receipt_number, note, recorded_by, recorded_at"
                        + " FROM filing_receipt WHERE process_instance_id = ? ORDER BY kind DESC, recipient",
                (rs, i) -> new FilingRecord(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant()),
                processInstanceId);
    }

    /** Records a filing; recording the same recipient again (a corrected receipt) replaces the earlier record. */
    void record(String processInstanceId, FilingRecord r) {
        jdbc.update("DELETE FROM filing_receipt WHERE process_instance_id = ? AND recipient = ?",
                processInstanceId, r.recipient());
        jdbc.update("INSERT INTO filing_receipt (process_instance_id, recipient, kind, filed_on, channel,"
                        + " receipt_number, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                processInstanceId, r.recipient(), r.kind(), Date.valueOf(r.filedOn()), r.channel(), r.receiptNumber(),
                r.note(), r.recordedBy(), Timestamp.from(r.recordedAt() == null ? Instant.now() : r.recordedAt()));
    }
}
