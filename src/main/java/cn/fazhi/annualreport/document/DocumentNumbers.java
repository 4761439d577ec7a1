package cn.fazhi.annualreport.document;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Document numbers (文号) per prefix and year, kept in the database: the next number comes from a counter row that the
 * issuing transaction locks, so numbers are unique and without gaps even when issuances run concurrently on several
 * nodes (a rolled-back issuance gives its number back). A manual number is checked for form and uniqueness; a
 * cancelled number is recorded and never given out again.
 */
@Service
public class DocumentNumbers {

    /** 发文机关代字〔年份〕序号号; the full-width brackets 〔〕 are the official form. */
    static final Pattern FORMAT = Pattern.compile("^(\\S+?)〔(\\d{4})〕([1-9]\\d{0,5})号$");

    private static final RowMapper<DocumentNumber> ROW = (rs, i) -> new DocumentNumber(rs.getString("number"),
            rs.getString("prefix"), rs.getInt("issue_year"), rs.getInt("sequence"),
            rs.getString("process_instance_id"), rs.getString("origin"), rs.getString("status"),
            rs.getString("assigned_by"), rs.getTimestamp("assigned_at").toInstant(), rs.getString("cancel_reason"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;

    DocumentNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        // an INSERT that may hit a unique key runs inside a savepoint of the caller's transaction: PostgreSQL refuses
        // every later statement of a transaction in which one failed, unless it was rolled back to a savepoint
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Gives out the next number of the prefix and year, within the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String assign(String prefix, int year, String processInstanceId, String by) {
        if (prefix == null || prefix.isBlank() || prefix.length() > 50) {
            throw new IllegalArgumentException("A document number needs a prefix of at most 50 characters: " + prefix);
        }
        while (true) {
            int sequence = next(prefix, year);
            String number = prefix + "〔" + year + "〕" + sequence + "号";
            if (inserted(number, prefix, year, sequence, processInstanceId, DocumentNumber.ASSIGNED, by)) {
                return number;
            }
            // entered by hand earlier: that sequence is used, take the next one
        }
    }

    /** Records a number entered by hand, after checking its form and that it was never used. */
    @Transactional(propagation = Propagation.MANDATORY)
    public DocumentNumber registerManual(String number, String processInstanceId, String by) {
        Matcher m = parse(number);
        if (!inserted(number, m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                processInstanceId, DocumentNumber.MANUAL, by)) {
            throw DocumentNumberException.taken(number);
        }
        return find(number).orElseThrow();
    }

    /** Checks a manual number without recording it: its form, and that it is free. */
    public void checkManual(String number) {
        parse(number);
        if (find(number).isPresent()) {
            throw DocumentNumberException.taken(number);
        }
    }

    /** Cancels an issued number (e.g. a document withdrawn); the number stays recorded and is not used again. */
    @Transactional
    public DocumentNumber cancel(String number, String reason, String by) {
        int updated = jdbc.update("UPDATE document_number SET status = ?, cancel_reason = ?, cancelled_at = ?"
                        + " WHERE number = ? AND status = ?", DocumentNumber.CANCELLED,
                (reason == null ? "" : reason) + (by == null ? "" : "（" + by + "）"), Timestamp.from(Instant.now()),
                number, DocumentNumber.ISSUED);
        if (updated == 0) {
            find(number).orElseThrow(() -> DocumentNumberException.unknown(number));
        }
        return find(number).orElseThrow();
    }

    public Optional<DocumentNumber> find(String number) {
        return jdbc.query("SELECT * FROM document_number WHERE number = ?", ROW, number).stream().findFirst();
    }

    public List<DocumentNumber> list(String prefix, int year) {
        return jdbc.query("SELECT * FROM document_number WHERE prefix = ? AND issue_year = ? ORDER BY sequence", ROW,
                prefix, year);
    }

    private int next(String prefix, int year) {
        // the UPDATE locks the counter row until the issuing transaction ends: concurrent issuances queue here
        if (jdbc.update("UPDATE document_number_counter SET last_sequence = last_sequence + 1"
                + " WHERE prefix = ? AND issue_year = ?", prefix, year) == 0) {
            try {
                savepoint.executeWithoutResult(s -> jdbc.update("INSERT INTO document_number_counter (prefix,"
                        + " issue_year, last_sequence) VALUES (?, ?, 1)", prefix, year));
            } catch (DuplicateKeyException e) {
                // a concurrent issuance created the counter first (and committed): count on from it
                jdbc.update("UPDATE document_number_counter SET last_sequence = last_sequence + 1"
                        + " WHERE prefix = ? AND issue_year = ?", prefix, year);
            }
        }
        return jdbc.queryForObject("SELECT last_sequence FROM document_number_counter WHERE prefix = ? AND issue_year = ?",
                Integer.class, prefix, year);
    }

    /** Records the number; false when it was recorded before (the caller's transaction stays usable). */
    private boolean inserted(String number, String prefix, int year, int sequence, String processInstanceId,
                             String origin, String by) {
        try {
            savepoint.executeWithoutResult(s -> jdbc.update("INSERT INTO document_number (number, prefix, issue_year,"
                            + " sequence, process_instance_id, origin, status, assigned_by, assigned_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", number, prefix, year, sequence, processInstanceId,
                    origin, DocumentNumber.ISSUED, by, Timestamp.from(Instant.now())));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static Matcher parse(String number) {
        Matcher m = number == null ? null : FORMAT.matcher(number.trim());
        if (m == null || !m.matches()) {
            throw DocumentNumberException.malformed(number);
        }
        return m;
    }
}
