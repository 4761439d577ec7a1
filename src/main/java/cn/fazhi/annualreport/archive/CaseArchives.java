package cn.fazhi.annualreport.archive;

import cn.fazhi.annualreport.api.Downloads;
import cn.fazhi.annualreport.document.DocumentVersion;
import cn.fazhi.annualreport.document.IssuedReports;
import cn.fazhi.annualreport.document.ReportDocuments;
import cn.fazhi.annualreport.document.StoredDocument;
import cn.fazhi.annualreport.filing.FilingPackages;
import cn.fazhi.annualreport.filing.FilingRecord;
import cn.fazhi.annualreport.filing.FilingRecords;
import cn.fazhi.annualreport.material.DepartmentMaterials;
import cn.fazhi.annualreport.material.MaterialVersion;
import cn.fazhi.annualreport.organization.PersonNames;
import cn.fazhi.annualreport.publication.Publications;
import cn.fazhi.annualreport.shared.Beijing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.camunda.bpm.engine.HistoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One archive per finished case (归档包), a zip built once when the case ends and kept in the application's table
 * case_archive — so every download is the same bytes, and it outlives the engine's history cleanup. It holds the
 * final report as stored, the review and meeting records, the document number and issuance, the filing records with
 * their receipts or exemptions, the publication record, the case's history and the departments' material (every
 * version, with its attachments), with a manifest of every file's size
 * and SHA-256. A case whose report is missing, or whose addressees do not all have a receipt or an exemption, is not
 * archived: the refusal fails the archiving job (retried, then an incident in Cockpit).
 */
@Service
public class CaseArchives {

    private static final Logger log = LoggerFactory.getLogger(CaseArchives.class);

    static final String MANIFEST = "00-归档说明.txt";
    static final String REPORT_PREFIX = "01-正式报告-";
    static final String REVIEW_RECORDS = "02-审核与审议记录.md";
    static final String ISSUANCE = "03-文号与签发.txt";
    static final String RECEIPTS = "04-报送记录与回执.csv";
    static final String PUBLICATION = "05-公开记录.txt";
    static final String HISTORY = "06-案件历史.csv";
    static final String MATERIALS = "07-部门材料.md";
    static final String MATERIAL_ATTACHMENT_PREFIX = "08-部门材料附件-";
    static final String SECRECY = "09-保密审查记录.txt";
    static final String PUBLISHED_TEXT = "10-公开文本.txt";
    static final String COVER_LETTER_PREFIX = "11-";

    private final JdbcTemplate jdbc;
    private final ReportDocuments documents;
    private final FilingRecords filings;
    private final HistoryService history;
    private final DepartmentMaterials materials;
    private final PersonNames names;
    private final IssuedReports issued;
    private final Publications publications;
    private final FilingPackages packages;

    CaseArchives(JdbcTemplate jdbc, ReportDocuments documents, FilingRecords filings, HistoryService history,
                 DepartmentMaterials materials, PersonNames names, IssuedReports issued, Publications publications,
                 FilingPackages packages) {
        this.issued = issued;
        this.publications = publications;
        this.packages = packages;
        this.jdbc = jdbc;
        this.documents = documents;
        this.filings = filings;
        this.history = history;
        this.materials = materials;
        this.names = names;
    }

    /**
     * Builds and stores the archive of a finished case, in the caller's transaction; an archive stored before is
     * kept as it is (never rebuilt).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ArchiveInfo archive(CaseFacts facts) {
        String pid = facts.processInstanceId();
        Optional<ArchiveInfo> existing = info(pid);
        if (existing.isPresent()) {
            return existing.get();
        }
        List<DocumentVersion> versions = documents.versions(pid);
        if (versions.isEmpty()) {
            throw new IllegalStateException("Case " + facts.businessKey() + " has no report version: nothing to archive");
        }
        List<String> missing = filings.missingReceipts(pid, facts.addressees());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Case " + facts.businessKey() + " cannot be archived: no receipt or"
                    + " exemption recorded for " + missing);
        }
        DocumentVersion last = versions.get(versions.size() - 1);
        IssuedReports.OfficialReport official = issued.official(pid).orElseThrow();
        StoredDocument report = official.file();
        Instant now = Beijing.now();

        Map<String, byte[]> files = new LinkedHashMap<>();
        String reportEntry = REPORT_PREFIX + Downloads.safeFileName(report.fileName());
        files.put(reportEntry, report.content());
        Function<String, String> person = this::person;
        files.put(REVIEW_RECORDS, ArchiveTexts.reviewRecords(facts, versions, person));
        files.put(ISSUANCE, ArchiveTexts.issuance(facts));
        List<FilingRecord> filed = filings.forCase(pid);
        files.put(RECEIPTS, ArchiveTexts.receipts(filed, person));
        files.put(PUBLICATION, ArchiveTexts.publication(facts));
        files.put(HISTORY, CaseHistoryCsv.build(history, pid, person));
        if (!facts.departments().isEmpty()) {
            List<MaterialVersion> all = materials.all(pid);
            files.put(MATERIALS, ArchiveTexts.materials(facts, all, person));
            for (MaterialVersion v : all) {
                if (v.hasAttachment()) {
                    materials.attachment(pid, v.department(), v.version()).ifPresent(a -> files.put(
                            MATERIAL_ATTACHMENT_PREFIX + v.department() + "-v" + v.version() + "-"
                                    + Downloads.safeFileName(a.fileName()), a.content()));
                }
            }
        }
        String released = publications.releasedText(pid).orElse(null);
        files.put(SECRECY, ArchiveTexts.secrecy(facts, released));
        if (released != null) {
            files.put(PUBLISHED_TEXT, ArchiveTexts.publishedText(released));
        }
        LocalDate letterDate = facts.issueDate() != null ? facts.issueDate()
                : LocalDate.ofInstant(now, Beijing.ZONE);
        for (FilingRecord r : filed.stream().sorted(java.util.Comparator.comparingInt(
                (FilingRecord x) -> facts.addressees().indexOf(x.recipient()))).toList()) {
            boolean copy = FilingRecord.COPY.equals(r.kind());
            files.put(COVER_LETTER_PREFIX + (copy ? "抄送函-" : "报送函-") + Downloads.safeFileName(r.recipient()) + ".docx",
                    packages.coverLetter(facts.entityName(), facts.year(), facts.documentNumber(), r.recipient(), copy,
                            letterDate));
        }

        Map<String, byte[]> zipped = new LinkedHashMap<>();
        zipped.put(MANIFEST, manifest(facts, files, reportEntry, last, official, now));
        zipped.putAll(files);
        byte[] zip = zip(zipped, LocalDateTime.ofInstant(now, Beijing.ZONE));
        String fileName = Downloads.safeFileName(ArchiveTexts.title(facts) + "-归档") + ".zip";
        String sha256 = sha256(zip);
        jdbc.update("INSERT INTO case_archive (process_instance_id, entity_code, reporting_year, file_name, size_bytes,"
                        + " sha256, entries, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                pid, facts.entityCode(), facts.year(), fileName, (long) zip.length, sha256,
                String.join("\n", zipped.keySet()), zip, Timestamp.from(now));
        log.info("Archived case {} ({} bytes, sha256 {})", facts.businessKey(), zip.length, sha256);
        return info(pid).orElseThrow();
    }

    /** A person as the archive names them: 姓名（user id）; the id alone for someone no longer registered. */
    private String person(String userId) {
        if (userId == null || userId.isBlank()) {
            return userId;
        }
        return names.withId(userId);
    }

    /** The stored archive of a case, without its bytes. */
    public Optional<ArchiveInfo> info(String processInstanceId) {
        return jdbc.query("SELECT file_name, size_bytes, sha256, created_at, entries, entity_code, reporting_year"
                + " FROM case_archive WHERE process_instance_id = ?", CaseArchives::info, processInstanceId).stream()
                .findFirst();
    }

    /** The stored archive of a case with its bytes. */
    public Optional<StoredArchive> content(String processInstanceId) {
        return jdbc.query("SELECT file_name, size_bytes, sha256, created_at, entries, entity_code, reporting_year,"
                        + " content FROM case_archive WHERE process_instance_id = ?",
                (rs, i) -> new StoredArchive(info(rs, i),
                        rs.getString("entity_code") + "-" + rs.getInt("reporting_year") + "-archive.zip",
                        rs.getBytes("content")),
                processInstanceId).stream().findFirst();
    }

    private static ArchiveInfo info(ResultSet rs, int i) throws SQLException {
        return new ArchiveInfo(rs.getString("file_name"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getTimestamp("created_at").toInstant().atZone(Beijing.ZONE).toOffsetDateTime(),
                List.of(rs.getString("entries").split("\n")),
                "/api/reports/" + rs.getString("entity_code") + "/" + rs.getInt("reporting_year") + "/archive");
    }

    private static byte[] manifest(CaseFacts f, Map<String, byte[]> files, String reportEntry, DocumentVersion report,
                                   IssuedReports.OfficialReport official, Instant now) {
        StringBuilder s = new StringBuilder();
        s.append(ArchiveTexts.title(f)).append(" 归档包\n\n");
        s.append("报告单位：").append(f.entityName()).append("（").append(f.entityCode()).append("）\n");
        s.append("报告年度：").append(f.year()).append('\n');
        s.append("案件：").append(f.businessKey()).append("（流程实例 ").append(f.processInstanceId()).append("）\n");
        s.append("文号：").append(f.documentNumber() == null ? "" : f.documentNumber()).append('\n');
        for (CaseFacts.Fact fact : f.archiving()) {
            s.append(fact.label()).append("：").append(fact.value() == null ? "" : fact.value()).append('\n');
        }
        s.append("生成时间：").append(Csv.time(now)).append("（北京时间）\n\n");
        s.append("内容（文件名、字节数、SHA-256）：\n");
        s.append(MANIFEST).append("  本说明\n");
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            s.append(e.getKey()).append("  ").append(e.getValue().length).append("  ").append(sha256(e.getValue()));
            if (e.getKey().equals(reportEntry) && official.issued()) {
                s.append("  （正式报告：签发时上传的盖章版 ").append(official.file().fileName()).append("，签发第")
                        .append(official.draftVersion()).append("版报告稿")
                        .append(official.ownText() ? "" : "；扫描件无文字，公开文本取自该版报告稿").append("）");
            } else if (e.getKey().equals(reportEntry)) {
                s.append("  （正式报告：第").append(report.version()).append("版原始文件 ").append(report.fileName())
                        .append("；签发时未上传盖章版）");
            }
            s.append('\n');
        }
        return ArchiveTexts.crlf(s);
    }

    /** A zip of the files in order, every entry with the archive's time (UTF-8 names). */
    private static byte[] zip(Map<String, byte[]> files, LocalDateTime time) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTimeLocal(time);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the archive", e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
