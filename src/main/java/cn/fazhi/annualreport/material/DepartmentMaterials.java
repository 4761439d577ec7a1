package cn.fazhi.annualreport.material;

import cn.fazhi.annualreport.document.CheckedFile;
import cn.fazhi.annualreport.document.ReportDocuments;
import cn.fazhi.annualreport.shared.Beijing;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The departments' material of a case, in the application's own table (department_material), never in process
 * variables: each department's versions side by side, so no department's text overwrites another's, and a
 * resubmission is the next version. The attachment is checked as a draft file is.
 */
@Service
public class DepartmentMaterials {

    static final int MAX_SUMMARY = 50_000;
    static final int MAX_CONTACT = 100;
    /** Control characters other than tab, line feed and carriage return: never in a department's text. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");
    /** What a text of nothing but is empty: white space and invisible format characters (zero-width space …). */
    private static final Pattern INVISIBLE = Pattern.compile("[\\s\\p{Cf}\\p{Z}]+");

    private final JdbcTemplate jdbc;
    private final ReportDocuments documents;

    DepartmentMaterials(JdbcTemplate jdbc, ReportDocuments documents) {
        this.jdbc = jdbc;
        this.documents = documents;
    }

    /** Checks a submission without storing it; answers its attachment as checked (null without one). */
    public CheckedFile check(MaterialSubmission submission) {
        String summary = submission.summary() == null ? "" : submission.summary().strip();
        String contact = submission.contact() == null ? "" : submission.contact().strip();
        if (CONTROL.matcher(summary).find() || CONTROL.matcher(contact).find()) {
            throw MaterialException.invalid("材料正文或联系人中有控制字符（不可见的特殊字符），请删除后再报送",
                    "The material or the contact contains control characters");
        }
        if (INVISIBLE.matcher(summary).replaceAll("").isEmpty()) {
            summary = "";
        }
        if (INVISIBLE.matcher(contact).replaceAll("").isEmpty()) {
            contact = "";
        }
        if (summary.isEmpty()) {
            throw MaterialException.invalid("请填写本部门法治政府建设工作情况", "The department's material text is required");
        }
        if (summary.length() > MAX_SUMMARY) {
            throw MaterialException.invalid("材料正文最多" + MAX_SUMMARY + "字，现为" + summary.length() + "字；更长的请作为附件上传",
                    "The material has " + summary.length() + " characters, at most " + MAX_SUMMARY
                            + " allowed; attach longer texts as a file");
        }
        if (contact.isEmpty()) {
            throw MaterialException.invalid("请填写联系人及电话", "A contact is required");
        }
        if (contact.length() > MAX_CONTACT) {
            throw MaterialException.invalid("联系人及电话最多" + MAX_CONTACT + "字", "The contact has more than "
                    + MAX_CONTACT + " characters");
        }
        return submission.hasFile() ? documents.checkFile(submission.fileName(), submission.content()) : null;
    }

    /** Stores the department's next version of its material for the case (in the caller's transaction). */
    public MaterialVersion store(String processInstanceId, String department, MaterialSubmission submission,
                                 String author, String taskId, boolean late, Instant at) {
        CheckedFile file = check(submission);
        Integer last = jdbc.queryForObject("SELECT MAX(version) FROM department_material WHERE process_instance_id = ?"
                + " AND department_code = ?", Integer.class, processInstanceId, department);
        int version = last == null ? 1 : last + 1;
        byte[] content = submission.hasFile() ? submission.content() : null;
        try {
            jdbc.update("INSERT INTO department_material (process_instance_id, department_code, version, summary,"
                            + " contact, file_name, media_type, size_bytes, sha256, content, late, task_id,"
                            + " submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    processInstanceId, department, version, submission.summary().strip(), submission.contact().strip(),
                    file == null ? null : file.fileName(), file == null ? null : file.mediaType(),
                    content == null ? null : (long) content.length, content == null ? null : sha256(content), content,
                    late, taskId, author == null ? "" : author, Timestamp.from(at));
        } catch (DuplicateKeyException e) {
            throw MaterialException.conflict("本部门材料正由他人同时报送，请刷新后查看，需要时再次报送",
                    "Someone else submitted this department's material at the same time; reload and submit again"
                            + " if needed");
        }
        return versions(processInstanceId, department).get(0);
    }

    /** The latest version of each department's material, by department. */
    public Map<String, MaterialVersion> latest(String processInstanceId) {
        Map<String, MaterialVersion> out = new LinkedHashMap<>();
        for (MaterialVersion v : jdbc.query("SELECT " + COLUMNS + " FROM department_material"
                + " WHERE process_instance_id = ? ORDER BY department_code, version DESC", this::row, processInstanceId)) {
            out.putIfAbsent(v.department(), v);
        }
        return out;
    }

    /** Every version of a department's material, newest first. */
    public List<MaterialVersion> versions(String processInstanceId, String department) {
        return jdbc.query("SELECT " + COLUMNS + " FROM department_material WHERE process_instance_id = ?"
                + " AND department_code = ? ORDER BY version DESC", this::row, processInstanceId, department);
    }

    /** Every version of every department's material, by department and version. */
    public List<MaterialVersion> all(String processInstanceId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM department_material WHERE process_instance_id = ?"
                + " ORDER BY department_code, version", this::row, processInstanceId);
    }

    /** The attachment of one version, if it has one. */
    public Optional<Attachment> attachment(String processInstanceId, String department, int version) {
        return jdbc.query("SELECT file_name, media_type, content FROM department_material WHERE process_instance_id = ?"
                        + " AND department_code = ? AND version = ? AND content IS NOT NULL",
                (rs, i) -> new Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3)),
                processInstanceId, department, version).stream().findFirst();
    }

    /** An attachment's name, type and bytes. */
    public record Attachment(String fileName, String mediaType, byte[] content) {
    }

    private static final String COLUMNS = "department_code, version, summary, contact, file_name, media_type,"
            + " size_bytes, sha256, submitted_by, submitted_at, late, task_id";

    private MaterialVersion row(ResultSet rs, int i) throws SQLException {
        Long size = rs.getObject("size_bytes") == null ? null : rs.getLong("size_bytes");
        Timestamp at = rs.getTimestamp("submitted_at");
        return new MaterialVersion(rs.getString("department_code"), rs.getInt("version"), rs.getString("summary"),
                rs.getString("contact"), rs.getString("file_name"), rs.getString("media_type"),
                size, rs.getString("sha256"), rs.getString("submitted_by"),
                OffsetDateTime.ofInstant(at.toInstant(), Beijing.ZONE), rs.getBoolean("late"), rs.getString("task_id"));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
