package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.archive.ArchiveInfo;
import cn.fazhi.annualreport.filing.FilingRecord;
import cn.fazhi.annualreport.publication.PublicationRecord;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One case as the owners' API shows it: its departments' material (empty for a department's own report), the
 * issued report once uploaded, and {@code archive} once the finished case's archive is stored, else null.
 */
record ReportCaseView(String entity, String entityName, int year, String businessKey, String processInstanceId,
                      String state, String phase, String reviewGate, String notice, List<Deadline> deadlines,
                      List<OpenTask> openTasks, List<CaseMaterials.DepartmentMaterial> materials,
                      IssuedReport issuedReport,
                      List<FilingRecord> filings, List<PublicationRecord> publications, ArchiveInfo archive) {

    /**
     * The sealed issued report uploaded at 签发 (null before, or if none was): what is filed, published and
     * archived; {@code hasText} false for a scan (the public text is then the issued draft version's).
     */
    record IssuedReport(String fileName, String mediaType, long sizeBytes, String sha256, boolean hasText,
                        Integer draftVersion, String uploadedBy, OffsetDateTime uploadedAt, String href) {
    }

    record Deadline(String milestone, String name, String nameEn, LocalDate date) {
    }

    /** An open task; {@code staffed} false when nobody can work on it (无人可办: its groups have no members). */
    record OpenTask(String id, String taskDefinitionKey, String name, String assignee, List<String> candidateGroups,
                    OffsetDateTime due, boolean staffed) {
    }
}
