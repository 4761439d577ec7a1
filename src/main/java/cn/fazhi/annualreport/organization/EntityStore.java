package cn.fazhi.annualreport.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The reporting_entity table: every node reads it, so an import on one node is seen by all at once. */
@Repository
class EntityStore {

    private static final String COLUMNS = "code, name, short_name, entity_type, admin_level, parent_code, "
            + "party_committee, congress_standing_committee, supervising_office, higher_department, review_gate, "
            + "document_number_prefix, recipients, copy_to, active";

    private static final String UPDATE = "UPDATE reporting_entity SET name = ?, short_name = ?, entity_type = ?, "
            + "admin_level = ?, parent_code = ?, party_committee = ?, congress_standing_committee = ?, "
            + "supervising_office = ?, higher_department = ?, review_gate = ?, document_number_prefix = ?, "
            + "recipients = ?, copy_to = ?, active = ?, updated_at = ?, updated_by = ? WHERE code = ?";

    private final JdbcTemplate jdbc;

    EntityStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<ReportingEntity> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM reporting_entity ORDER BY sort_order, code", EntityStore::map);
    }

    Optional<ReportingEntity> find(String code) {
        return jdbc.query("SELECT " + COLUMNS + " FROM reporting_entity WHERE code = ?", EntityStore::map, code)
                .stream().findFirst();
    }

    List<ReportingEntity> children(String parentCode) {
        return jdbc.query("SELECT " + COLUMNS + " FROM reporting_entity WHERE parent_code = ? ORDER BY sort_order, code",
                EntityStore::map, parentCode);
    }

    long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM reporting_entity", Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Inserts or updates a chunk of entities with two batched statements; new ones are listed after all others, in
     * the chunk's order. Answers how many were new.
     */
    int saveAll(List<ReportingEntity> entities, String by) {
        if (entities.isEmpty()) {
            return 0;
        }
        Set<String> existing = new HashSet<>(jdbc.queryForList("SELECT code FROM reporting_entity WHERE code IN ("
                + String.join(",", Collections.nCopies(entities.size(), "?")) + ")", String.class,
                entities.stream().map(ReportingEntity::code).toArray()));
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        Integer max = jdbc.queryForObject("SELECT COALESCE(MAX(sort_order), 0) FROM reporting_entity", Integer.class);
        int next = max == null ? 1 : max + 1;
        for (ReportingEntity e : entities) {
            Object[] values = values(e, now, by);
            if (existing.contains(e.code())) {
                updates.add(values);
            } else {
                Object[] withOrder = Arrays.copyOf(values, values.length + 1);
                withOrder[values.length] = next++;
                inserts.add(withOrder);
            }
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(UPDATE, updates);
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO reporting_entity (name, short_name, entity_type, admin_level, parent_code, "
                    + "party_committee, congress_standing_committee, supervising_office, higher_department, "
                    + "review_gate, document_number_prefix, recipients, copy_to, active, updated_at, updated_by, code, "
                    + "sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        }
        return inserts.size();
    }

    private static Object[] values(ReportingEntity e, Timestamp now, String by) {
        return new Object[] {e.name(), e.shortName(), e.type().name(), e.level() == null ? null : e.level().name(),
                e.parent(), e.partyCommittee(), e.congressStandingCommittee(), e.supervisingOffice(),
                e.higherDepartment(), e.reviewGate() == null ? null : e.reviewGate().name(), e.documentNumberPrefix(),
                e.recipients().isEmpty() ? null : String.join("；", e.recipients()), e.copyTo(), e.active(), now, by,
                e.code()};
    }

    private static ReportingEntity map(ResultSet rs, int row) throws SQLException {
        String level = rs.getString("admin_level");
        String gate = rs.getString("review_gate");
        String recipients = rs.getString("recipients");
        return new ReportingEntity(rs.getString("code"), rs.getString("name"), rs.getString("short_name"),
                EntityType.valueOf(rs.getString("entity_type")), level == null ? null : AdminLevel.valueOf(level),
                rs.getString("parent_code"), rs.getString("party_committee"),
                rs.getString("congress_standing_committee"), rs.getString("supervising_office"),
                rs.getString("higher_department"), gate == null ? null : ReviewGate.valueOf(gate),
                rs.getString("document_number_prefix"), recipients == null ? List.of() : EntityCsv.split(recipients),
                rs.getString("copy_to"), rs.getBoolean("active"));
    }
}
