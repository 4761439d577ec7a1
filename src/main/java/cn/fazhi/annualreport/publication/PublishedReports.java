package cn.fazhi.annualreport.publication;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * What the public column shows, read from the publication table: only reports published on the column (PUBLISHED or
 * VERIFIED) — never a pending text, a case kept from the public, or another target's row. Where a reporting year was
 * published twice (a case deleted and run again), the later publication counts.
 */
@Repository
class PublishedReports {

    /** A published report on the column. */
    record Entry(String processInstanceId, String entityCode, String entityName, int year, String title,
                 String documentNumber, String text, OffsetDateTime publishedAt) {
    }

    /** An entity with reports on the column. */
    record EntitySummary(String entityCode, String entityName, int reports, int latestYear,
                         OffsetDateTime latestPublishedAt) {
    }

    /** The latest column publication of each entity and year. */
    private static final String LATEST = " FROM publication p WHERE p.target = 'PUBLIC_COLUMN'"
            + " AND p.status IN ('PUBLISHED', 'VERIFIED') AND NOT EXISTS (SELECT 1 FROM publication q"
            + " WHERE q.target = p.target AND q.status IN ('PUBLISHED', 'VERIFIED') AND q.entity_code = p.entity_code"
            + " AND q.reporting_year = p.reporting_year"
            + " AND (q.published_at > p.published_at OR (q.published_at = p.published_at AND q.id > p.id)))";

    /** Lists need no text. */
    private static final String SUMMARY = "SELECT p.process_instance_id, p.entity_code, p.entity_name, p.reporting_year,"
            + " p.title, p.document_number, NULL AS published_text, p.published_at";
    private static final String FULL = "SELECT p.process_instance_id, p.entity_code, p.entity_name, p.reporting_year,"
            + " p.title, p.document_number, p.published_text, p.published_at";

    private static final RowMapper<Entry> ENTRY = (rs, i) -> new Entry(rs.getString("process_instance_id"),
            rs.getString("entity_code"), rs.getString("entity_name"), rs.getInt("reporting_year"),
            rs.getString("title"), rs.getString("document_number"), rs.getString("published_text"),
            Publications.at(rs, "published_at"));

    private final JdbcTemplate jdbc;

    PublishedReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The entities with reports, by name. */
    List<EntitySummary> entities() {
        List<Entry> all = jdbc.query(SUMMARY + LATEST + " ORDER BY p.entity_code, p.reporting_year DESC",
                ENTRY);
        java.util.Map<String, EntitySummary> byEntity = new java.util.LinkedHashMap<>();
        for (Entry e : all) {
            EntitySummary s = byEntity.get(e.entityCode());
            if (s == null) {
                byEntity.put(e.entityCode(), new EntitySummary(e.entityCode(), e.entityName(), 1, e.year(),
                        e.publishedAt()));
            } else {
                byEntity.put(e.entityCode(), new EntitySummary(s.entityCode(), s.entityName(), s.reports() + 1,
                        s.latestYear(), s.latestPublishedAt()));
            }
        }
        return byEntity.values().stream()
                .sorted(java.util.Comparator.comparing(EntitySummary::entityName,
                                java.text.Collator.getInstance(java.util.Locale.CHINA))
                        .thenComparing(EntitySummary::entityCode))
                .toList();
    }

    /** An entity's reports, latest year first. */
    List<Entry> ofEntity(String entityCode) {
        return jdbc.query(SUMMARY + LATEST + " AND p.entity_code = ? ORDER BY p.reporting_year DESC", ENTRY, entityCode);
    }

    Optional<Entry> find(String entityCode, int year) {
        return jdbc.query(FULL + LATEST + " AND p.entity_code = ? AND p.reporting_year = ?", ENTRY, entityCode, year)
                .stream().findFirst();
    }

    /** The latest publications with their text, newest first. */
    List<Entry> latest(int limit) {
        return jdbc.query(FULL + LATEST + " ORDER BY p.published_at DESC, p.id DESC LIMIT " + Math.max(1, limit), ENTRY);
    }

    /** Where the same case was also published on the portal CMS (an http(s) URL), if it was. */
    Optional<PortalCopy> portalCopy(String processInstanceId) {
        return jdbc.query("SELECT target, url FROM publication WHERE process_instance_id = ? AND target <> 'PUBLIC_COLUMN'"
                                + " AND status IN ('PUBLISHED', 'VERIFIED') ORDER BY id",
                        (rs, i) -> new PortalCopy(rs.getString(1), rs.getString(2)), processInstanceId).stream()
                .filter(c -> CmsPublisher.httpUrl(c.url()) != null).findFirst();
    }

    /** The report's page on the portal. */
    record PortalCopy(String name, String url) {
    }
}
