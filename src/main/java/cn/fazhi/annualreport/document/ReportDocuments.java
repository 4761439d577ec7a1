package cn.fazhi.annualreport.document;

import cn.fazhi.annualreport.api.Bilingual;
import cn.fazhi.annualreport.shared.Beijing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versions of each case's report draft, in the application's tables report_document_version and
 * report_document_comment (never in process variables): a submitted draft is checked (size, type by content,
 * statutory completeness, justification for missing items), then stored as the case's next version with its author,
 * time, size, SHA-256, extracted text and check result; reviewers' comments are kept with the version they concern.
 */
@Service
public class ReportDocuments {

    private static final Logger log = LoggerFactory.getLogger(ReportDocuments.class);
    static final int MAX_JUSTIFICATION = 2000;
    static final int MAX_NOTE = 4000;
    static final int MAX_FILE_NAME = 200;
    private static final TypeReference<List<ItemResult>> ITEMS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final CompletenessChecker checker;
    private final DocumentProperties properties;
    private final ObjectMapper json;

    ReportDocuments(JdbcTemplate jdbc, CompletenessChecker checker, DocumentProperties properties, ObjectMapper json) {
        this.jdbc = jdbc;
        this.checker = checker;
        this.properties = properties;
        this.json = json;
    }

    /**
     * Checks a draft without storing it, as the draft task's submission is checked before the engine sees it:
     * 400 (nothing or both sent, empty, no text, missing statutory items without a justification, texts too long),
     * 413 (above {@code report.documents.max-size}), 415 (not a .docx, PDF or plain text; or a name that contradicts
     * the content). Returns the completeness check.
     */
    public CompletenessReport check(DraftSubmission submission) {
        return check(submission, ReportCase.UNKNOWN);
    }

    /** Checks a draft as {@link #check(DraftSubmission)} does, comparing its year and entity with the case's. */
    public CompletenessReport check(DraftSubmission submission, ReportCase reportCase) {
        return prepare(submission, reportCase).report();
    }

    /** Checks the draft as {@link #check} does and stores it as the case's next version, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public DocumentVersion store(String processInstanceId, String entityCode, int year, DraftSubmission submission,
                                 String author, String taskId) {
        return store(processInstanceId, entityCode, new ReportCase(year, null), submission, author, taskId);
    }

    /** Stores the draft as {@link #store(String, String, int, DraftSubmission, String, String)}, checked against the case. */
    @Transactional(propagation = Propagation.MANDATORY)
    public DocumentVersion store(String processInstanceId, String entityCode, ReportCase reportCase,
                                 DraftSubmission submission, String author, String taskId) {
        int year = reportCase.year();
        Prepared p = prepare(submission, reportCase);
        Integer last = jdbc.queryForObject(
                "SELECT MAX(version) FROM report_document_version WHERE process_instance_id = ?", Integer.class,
                processInstanceId);
        int version = last == null ? 1 : last + 1;
        String fileName = p.fileName() != null ? p.fileName() : "报告稿第" + version + "版" + p.extension();
        jdbc.update("INSERT INTO report_document_version (process_instance_id, entity_code, reporting_year, version,"
                        + " kind, file_name, media_type, size_bytes, sha256, content, extracted_text, sections,"
                        + " completeness, complete, justification, note, task_id, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                processInstanceId, entityCode, year, version, p.kind(), fileName, p.mediaType(),
                (long) p.content().length, sha256(p.content()), p.content(), p.text(),
                p.sections() == null ? null : write(p.sections()), write(p.report().items()),
                p.report().complete(), p.justification(), blankToNull(submission.note()), taskId, author,
                Timestamp.from(Beijing.now()));
        return version(processInstanceId, version).orElseThrow();
    }

    /** Every version of a case, oldest first, each with its comments (without section texts). */
    public List<DocumentVersion> versions(String processInstanceId) {
        Map<Long, List<DocumentComment>> comments = comments(processInstanceId);
        return jdbc.query("SELECT id, " + COLUMNS + ", NULL AS sections FROM report_document_version"
                        + " WHERE process_instance_id = ? ORDER BY version",
                row(comments), processInstanceId);
    }

    /** One version of a case with its comments and, for a STRUCTURED draft, the sections as written. */
    public Optional<DocumentVersion> version(String processInstanceId, int version) {
        Map<Long, List<DocumentComment>> comments = comments(processInstanceId);
        return jdbc.query("SELECT id, " + COLUMNS + ", sections FROM report_document_version"
                        + " WHERE process_instance_id = ? AND version = ?",
                row(comments), processInstanceId, version).stream().findFirst();
    }

    /** The stored file of a version. */
    public Optional<StoredDocument> content(String processInstanceId, int version) {
        return jdbc.query("SELECT version, file_name, media_type, content, sha256 FROM report_document_version"
                        + " WHERE process_instance_id = ? AND version = ?",
                (rs, i) -> new StoredDocument(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                        rs.getString(5)),
                processInstanceId, version).stream().findFirst();
    }

    /** A version as a browser shows it in its window ({@link DraftView}). */
    public Optional<DraftView> view(String processInstanceId, int version) {
        return content(processInstanceId, version).map(DraftView::of);
    }

    /**
     * Records a review comment or decision with the version it concerns, in the caller's transaction; false (and
     * nothing recorded) if the case has no such version, e.g. a case whose draft predates versioned documents.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean comment(String processInstanceId, int version, DocumentComment comment) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM report_document_version"
                + " WHERE process_instance_id = ? AND version = ?", Long.class, processInstanceId, version);
        if (ids.isEmpty()) {
            log.warn("No version {} of the draft of case {}: comment of task {} not recorded", version,
                    processInstanceId, comment.taskId());
            return false;
        }
        jdbc.update("INSERT INTO report_document_comment (version_id, process_instance_id, task_id, task_key,"
                        + " task_name, author, decision, comment_text, details, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ids.get(0), processInstanceId, comment.taskId(), comment.taskKey(), comment.taskName(),
                comment.author(), comment.decision(), truncate(comment.text(), 4000), truncate(comment.details(), 500),
                Timestamp.from(comment.at() != null ? comment.at().toInstant() : Beijing.now()));
        return true;
    }

    /**
     * The text of the case's latest version (the final report once it is issued), as extracted from the file or
     * rendered from the sections; empty if the case has no version.
     */
    public Optional<VersionText> latestText(String processInstanceId) {
        return jdbc.query("SELECT version, kind, file_name, extracted_text FROM report_document_version"
                        + " WHERE process_instance_id = ? ORDER BY version DESC",
                (rs, i) -> new VersionText(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                processInstanceId).stream().findFirst();
    }

    /**
     * The text of a report file that is not a draft version (e.g. the public text after the secrecy review), checked
     * as a draft file is — size limit (413), type by content and an extension that agrees (415), not empty (400) —
     * but without the completeness check; nothing is stored.
     */
    public String readText(String fileName, byte[] content) {
        return checkFile(fileName, content).text();
    }

    /**
     * A file that accompanies a report (a department's material, the issued report), checked as a draft file is —
     * size, type by content, an extension that agrees, not empty — with its cleaned name, media type and text.
     */
    public CheckedFile checkFile(String fileName, byte[] content) {
        String name = cleanFileName(fileName);
        Recognised file = recognise(name, content == null ? new byte[0] : content);
        return new CheckedFile(name == null ? "附件" + file.format().extension : name, file.mediaType(),
                file.read().text());
    }

    // --- checking -------------------------------------------------------------------------------------------

    private record Prepared(String kind, String fileName, String extension, String mediaType, byte[] content,
                            String text, List<String> sections, CompletenessReport report, String justification) {
    }

    private Prepared prepare(DraftSubmission s, ReportCase reportCase) {
        if (s.hasFile() && s.hasSections()) {
            throw new InvalidDocumentException("请只提交一种报告稿：上传文件或在线填写五部分内容，不能同时提交",
                    "Send either a file or the five sections, not both");
        }
        if (!s.hasFile() && !s.hasSections()) {
            throw new InvalidDocumentException("请上传报告稿文件，或在线填写报告的五部分内容",
                    "Upload the draft report, or write its five statutory sections");
        }
        if (s.justification() != null && s.justification().length() > MAX_JUSTIFICATION) {
            throw new InvalidDocumentException("缺项说明最多" + MAX_JUSTIFICATION + "字，现为" + s.justification().length() + "字",
                    "The justification has " + s.justification().length() + " characters, at most "
                            + MAX_JUSTIFICATION + " allowed");
        }
        if (s.note() != null && s.note().length() > MAX_NOTE) {
            throw new InvalidDocumentException("起草说明最多" + MAX_NOTE + "字，现为" + s.note().length() + "字",
                    "The note has " + s.note().length() + " characters, at most " + MAX_NOTE + " allowed");
        }
        Prepared p = s.hasFile() ? upload(s, reportCase) : structured(s, reportCase);
        boolean justified = s.justification() != null && !s.justification().isBlank();
        List<ItemResult> missing = p.report().missing();
        if (!missing.isEmpty() && !justified) {
            throw incomplete(missing);
        }
        // items the check is unsure of, and a text that seems cut off, are confirmed (or explained), not justified
        List<ItemResult> uncertain = p.report().uncertain();
        if ((!uncertain.isEmpty() || p.report().truncated()) && !s.confirmed() && !justified) {
            throw unconfirmed(uncertain, p.report().truncated());
        }
        return p.report().complete() || !justified ? p : new Prepared(p.kind(), p.fileName(), p.extension(),
                p.mediaType(), p.content(), p.text(), p.sections(), p.report(), s.justification().strip());
    }

    private Prepared upload(DraftSubmission s, ReportCase reportCase) {
        String name = cleanFileName(s.fileName());
        Recognised file = recognise(name, s.content());
        return new Prepared(DocumentVersion.UPLOAD, name, file.format().extension, file.mediaType(), s.content(),
                file.read().text(), null, checker.check(file.read().text(), reportCase), null);
    }

    private record Recognised(DocumentText.Read read, DocumentFormat format, String mediaType) {
    }

    /** A report file checked for size and type by content (its extension must agree), with its text. */
    private Recognised recognise(String name, byte[] content) {
        String shown = name == null ? "" : "「" + name + "」";
        if (content.length == 0) {
            throw new InvalidDocumentException("报告稿文件为空" + shown, "The draft file " + shown + " is empty");
        }
        if (content.length > properties.maxSize().toBytes()) {
            throw new DocumentTooLargeException(properties.label());
        }
        DocumentFormat claimed = DocumentFormat.byExtension(name);
        if (name != null && claimed == null && name.contains(".")) {
            throw new UnsupportedDocumentException("不支持的文件类型" + shown + "：请上传 .docx、.pdf、.txt 或 .md 文件",
                    "Unsupported file type " + shown + ": upload a .docx, .pdf, .txt or .md file");
        }
        DocumentText.Read read = DocumentText.read(content, name);
        if (claimed != null && !read.format().matches(claimed)) {
            throw new UnsupportedDocumentException("文件" + shown + "的内容与扩展名不符（内容为" + describe(read.format())
                    + "）", "The content of " + shown + " does not match its extension (it is " + read.format() + ")");
        }
        DocumentFormat format = claimed == DocumentFormat.MARKDOWN ? DocumentFormat.MARKDOWN : read.format();
        String mediaType = read.charset() == null ? format.mediaType
                : format.mediaType + ";charset=" + read.charset().name();
        return new Recognised(read, format, mediaType);
    }

    private Prepared structured(DraftSubmission s, ReportCase reportCase) {
        String text = StructuredDraft.render(s.title(), s.sections());
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        if (content.length > properties.maxSize().toBytes()) {
            throw new DocumentTooLargeException(properties.label());
        }
        String title = cleanFileName(s.title());
        return new Prepared(DocumentVersion.STRUCTURED, title == null ? null : title + ".txt", ".txt",
                "text/plain;charset=UTF-8", content, text, s.sections(), checker.checkWritten(text, reportCase), null);
    }

    private static InvalidDocumentException incomplete(List<ItemResult> missing) {
        String zh = missing.stream().map(i -> "第" + i.number() + "项“" + i.nameZh() + "”").collect(Collectors.joining("、"));
        String en = missing.stream().map(i -> "item " + i.number() + " (" + i.nameEn() + ")").collect(Collectors.joining(", "));
        List<Bilingual> details = missing.stream()
                .map(i -> new Bilingual("缺少第" + i.number() + "项：" + i.nameZh(), "Missing item " + i.number() + ": " + i.nameEn()))
                .toList();
        return new InvalidDocumentException("报告稿缺少法定内容：" + zh + "。请补充后再提交，或填写缺项说明",
                "The draft lacks statutory contents: " + en
                        + ". Add them, or give a justification (completenessJustification)", details);
    }

    private static InvalidDocumentException unconfirmed(List<ItemResult> uncertain, boolean truncated) {
        List<Bilingual> details = new ArrayList<>();
        for (ItemResult i : uncertain) {
            details.add(new Bilingual("请确认第" + i.number() + "项“" + i.nameZh() + "”：" + i.reasonZh()
                    + (i.line() == null ? "" : "（第" + i.line() + "行）"),
                    "Confirm item " + i.number() + " (" + i.nameEn() + "): " + i.reasonEn()
                            + (i.line() == null ? "" : " (line " + i.line() + ")")));
        }
        if (truncated) {
            details.add(new Bilingual("报告在句中或标题处结束，请确认上传的是全文",
                    "The report ends mid-sentence or on a heading: confirm that it is the whole report"));
        }
        String zh = uncertain.stream().map(i -> "第" + i.number() + "项").collect(Collectors.joining("、"));
        String en = uncertain.stream().map(i -> "item " + i.number()).collect(Collectors.joining(", "));
        return new InvalidDocumentException("系统无法确定报告稿是否包含"
                + (zh.isEmpty() ? "全文" : zh) + "：请核对后确认（勾选“已核对，内容齐全”）再提交，或填写说明",
                "The check is unsure of " + (en.isEmpty() ? "the whole text" : en)
                        + ": review and confirm (completenessConfirmed), or give a justification", details);
    }

    private static String describe(DocumentFormat format) {
        return switch (format) {
            case DOCX -> "Word 文档";
            case PDF -> "PDF";
            case OFD -> "OFD 版式文件";
            case TEXT, MARKDOWN -> "纯文本";
        };
    }

    /**
     * The last path segment, without control characters and without direction or other invisible format characters
     * (a right-to-left override, U+202E, shows "report[U+202E]fdp.exe" as "reportexe.pdf"), at most 200
     * characters; null if nothing is left.
     */
    static String cleanFileName(String name) {
        if (name == null) {
            return null;
        }
        String clean = name.replaceAll(".*[/\\\\]", "").replaceAll("[\\p{Cntrl}\\p{Cf}\\p{Zl}\\p{Zp}\"<>|:*?]", "")
                .strip();
        if (clean.length() > MAX_FILE_NAME) {
            clean = clean.substring(clean.length() - MAX_FILE_NAME);
        }
        return clean.isEmpty() ? null : clean;
    }

    // --- reading ----------------------------------------------------------------------------------------------

    private static final String COLUMNS = "version, kind, file_name, media_type, size_bytes, sha256, created_by,"
            + " created_at, task_id, complete, completeness, justification, note";

    private RowMapper<DocumentVersion> row(Map<Long, List<DocumentComment>> comments) {
        return (rs, i) -> new DocumentVersion(rs.getInt("version"), rs.getString("kind"), rs.getString("file_name"),
                rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getString("created_by"), at(rs.getTimestamp("created_at")), rs.getString("task_id"),
                rs.getBoolean("complete"), read(rs.getString("completeness"), ITEMS), rs.getString("justification"),
                rs.getString("note"),
                rs.getString("sections") == null ? null : read(rs.getString("sections"), STRINGS),
                comments.getOrDefault(rs.getLong("id"), List.of()));
    }

    private Map<Long, List<DocumentComment>> comments(String processInstanceId) {
        Map<Long, List<DocumentComment>> byVersion = new LinkedHashMap<>();
        jdbc.query("SELECT version_id, task_id, task_key, task_name, author, decision, comment_text, details,"
                        + " created_at FROM report_document_comment WHERE process_instance_id = ? ORDER BY id",
                rs -> {
                    byVersion.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new DocumentComment(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), at(rs.getTimestamp(9))));
                },
                processInstanceId);
        return byVersion;
    }

    private static OffsetDateTime at(Timestamp t) {
        return t == null ? null : t.toInstant().atZone(Beijing.ZONE).toOffsetDateTime();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value, e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable: " + value, e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
