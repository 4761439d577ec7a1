package cn.fazhi.annualreport.document;

import cn.fazhi.annualreport.shared.Beijing;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The issued report of a case (签发的正式文本, 盖章版): the sealed PDF, OFD or .docx uploaded at 签发, in the table
 * issued_report, with its text where it has one. Once there, it is the case's official report ({@link #official}):
 * what the filing packages carry, what the secrecy review releases (its text) and what the archive keeps; without it,
 * the last draft version is.
 */
@Service
public class IssuedReports {

    private final JdbcTemplate jdbc;
    private final ReportDocuments documents;
    private final DocumentProperties properties;

    IssuedReports(JdbcTemplate jdbc, ReportDocuments documents, DocumentProperties properties) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.properties = properties;
    }

    /**
     * Checks an issued document without storing it: not empty, within the size limit, a PDF, OFD or .docx by content
     * with an extension that agrees; a sealed scan without text is taken.
     */
    public CheckedFile check(String fileName, byte[] content) {
        String name = ReportDocuments.cleanFileName(fileName);
        byte[] bytes = content == null ? new byte[0] : content;
        if (bytes.length > properties.maxSize().toBytes()) {
            throw new DocumentTooLargeException(properties.label());
        }
        DocumentFormat claimed = DocumentFormat.byExtension(name);
        DocumentText.Read read = DocumentText.readIssued(bytes, name);
        String shown = name == null ? "" : "「" + name + "」";
        if (name != null && (claimed == null || !read.format().matches(claimed))) {
            throw new UnsupportedDocumentException("文件" + shown + "的扩展名与内容不符：签发的正式文本须为 .pdf、.ofd 或 .docx",
                    "The extension of " + shown + " does not match its content: the issued report is a .pdf, .ofd or"
                            + " .docx");
        }
        return new CheckedFile(name == null ? "正式文本" + read.format().extension : name, read.format().mediaType,
                read.text());
    }

    /** Stores the case's next issued document (in the caller's transaction), for the draft version it issues. */
    public IssuedReport store(String processInstanceId, String fileName, byte[] content, String author, Instant at) {
        CheckedFile file = check(fileName, content);
        Integer last = jdbc.queryForObject("SELECT MAX(version) FROM issued_report WHERE process_instance_id = ?",
                Integer.class, processInstanceId);
        Integer draft = documents.latestText(processInstanceId).map(VersionText::version).orElse(null);
        try {
            jdbc.update("INSERT INTO issued_report (process_instance_id, version, file_name, media_type, size_bytes,"
                            + " sha256, content, extracted_text, draft_version, uploaded_by, uploaded_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    processInstanceId, last == null ? 1 : last + 1, file.fileName(), file.mediaType(),
                    (long) content.length, ReportDocuments.sha256(content), content,
                    file.text() == null || file.text().isBlank() ? null : file.text(), draft,
                    author == null ? "" : author, Timestamp.from(at));
        } catch (DuplicateKeyException e) {
            throw new InvalidDocumentException("正式文本正由他人同时上传，请刷新后查看",
                    "Someone else uploaded the issued report at the same time; reload");
        }
        return latest(processInstanceId).orElseThrow();
    }

    /** The case's issued document (its latest upload), without its bytes. */
    public Optional<IssuedReport> latest(String processInstanceId) {
        return jdbc.query("SELECT version, file_name, media_type, size_bytes, sha256, extracted_text IS NOT NULL,"
                        + " draft_version, uploaded_by, uploaded_at FROM issued_report WHERE process_instance_id = ?"
                        + " ORDER BY version DESC",
                (rs, i) -> new IssuedReport(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getBoolean(6), (Integer) rs.getObject(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant().atZone(Beijing.ZONE).toOffsetDateTime()),
                processInstanceId).stream().findFirst();
    }

    /**
     * The case's official report: the issued document if one was uploaded — its bytes, and its text, or the issued
     * draft version's text for a sealed scan without text — else the last draft version; empty without either.
     */
    public Optional<OfficialReport> official(String processInstanceId) {
        Optional<VersionText> draftText = documents.latestText(processInstanceId);
        Optional<OfficialReport> issued = jdbc.query("SELECT version, file_name, media_type, content, sha256,"
                        + " extracted_text FROM issued_report WHERE process_instance_id = ? ORDER BY version DESC",
                (rs, i) -> {
                    String text = rs.getString(6);
                    return new OfficialReport(true, new StoredDocument(rs.getInt(1), rs.getString(2),
                            rs.getString(3), rs.getBytes(4), rs.getString(5)),
                            text != null ? text : draftText.map(VersionText::text).orElse(""), text != null,
                            draftText.map(VersionText::version).orElse(0));
                }, processInstanceId).stream().findFirst();
        if (issued.isPresent()) {
            return issued;
        }
        return draftText.flatMap(t -> documents.content(processInstanceId, t.version())
                .map(file -> new OfficialReport(false, file, t.text(), true, t.version())));
    }

    /**
     * An issued document as the case shows it.
     *
     * @param draftVersion the draft version it issues (the last one when it was uploaded)
     */
    public record IssuedReport(int version, String fileName, String mediaType, long sizeBytes, String sha256,
                               boolean hasText, Integer draftVersion, String uploadedBy, OffsetDateTime uploadedAt) {
    }

    /**
     * The report that counts: the issued document ({@code issued}) or the last draft version.
     *
     * @param file         its bytes and name
     * @param text         its text (for a sealed scan: the issued draft version's text)
     * @param ownText      whether {@code text} was read from {@code file} itself
     * @param draftVersion the draft version it is, or issues
     */
    public record OfficialReport(boolean issued, StoredDocument file, String text, boolean ownText, int draftVersion) {
    }
}
