package cn.fazhi.annualreport.organization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** The configured reporting entities, their hierarchy and their statutory recipients. */
@Service
public class EntityRegistry {

    private final Map<String, ReportingEntity> entities;
    private final List<ReportingEntity> ordered;

    @Autowired
    EntityRegistry(OrganizationProperties properties) {
        this(read(properties.organization().entities()));
    }

    EntityRegistry(List<ReportingEntity> list) {
        Map<String, ReportingEntity> byCode = new LinkedHashMap<>();
        for (ReportingEntity e : list) {
            if (e.code() == null || !e.code().matches("[a-z0-9-]+")) {
                throw new IllegalStateException("Entity code must be lower-case letters, digits and '-': " + e.code());
            }
            if (e.type() == null || e.name() == null) {
                throw new IllegalStateException("Entity " + e.code() + " needs a name and a type");
            }
            if (byCode.put(e.code(), e) != null) {
                throw new IllegalStateException("Duplicate entity code " + e.code());
            }
        }
        for (ReportingEntity e : byCode.values()) {
            if (e.parent() != null && !byCode.containsKey(e.parent())) {
                throw new IllegalStateException("Entity " + e.code() + " has unknown parent " + e.parent());
            }
            if (e.type() == EntityType.DEPARTMENT && e.parent() == null) {
                throw new IllegalStateException("Department " + e.code() + " needs its government as parent");
            }
            ReportingEntity parent = e.parent() == null ? null : byCode.get(e.parent());
            if (parent != null && parent.type() != EntityType.GOVERNMENT) {
                throw new IllegalStateException("Entity " + e.code() + " has parent " + e.parent()
                        + ", which is not a government");
            }
        }
        checkNoCycles(byCode);
        this.entities = Map.copyOf(byCode);
        this.ordered = List.copyOf(byCode.values());
    }

    private static List<ReportingEntity> read(org.springframework.core.io.Resource resource) {
        ObjectMapper yaml = JsonMapper.builder(new YAMLFactory())
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try (InputStream in = resource.getInputStream()) {
            EntitiesFile file = yaml.readValue(in, EntitiesFile.class);
            return file.entities() == null ? List.of() : file.entities();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read reporting entities from " + resource.getDescription()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void checkNoCycles(Map<String, ReportingEntity> byCode) {
        for (ReportingEntity e : byCode.values()) {
            Set<String> seen = new HashSet<>();
            for (ReportingEntity cur = e; cur != null; cur = cur.parent() == null ? null : byCode.get(cur.parent())) {
                if (!seen.add(cur.code())) {
                    throw new IllegalStateException("Entity hierarchy has a cycle at " + cur.code());
                }
            }
        }
    }

    public List<ReportingEntity> all() {
        return ordered;
    }

    /** The entities that report this year (the annual launch starts a case for each). */
    public List<ReportingEntity> active() {
        return ordered;
    }

    public Optional<ReportingEntity> find(String code) {
        return Optional.ofNullable(code == null ? null : entities.get(code));
    }

    /** The departments of a government: they contribute material to its report. */
    public List<ReportingEntity> departmentsOf(String governmentCode) {
        return ordered.stream()
                .filter(e -> e.type() == EntityType.DEPARTMENT && governmentCode.equals(e.parent()))
                .toList();
    }

    /**
     * The statutory recipients. A government: the same-level Party committee and people's congress standing
     * committee, and below provincial level the higher-level Party committee and government; copy to the higher-level
     * supervising office. A department: the same-level Party committee and government and the higher-level department
     * of the same line; copy to the same-level supervising office.
     */
    public Recipients recipientsOf(ReportingEntity entity) {
        ReportingEntity parent = entity.parent() == null ? null : entities.get(entity.parent());
        List<String> filing = new ArrayList<>();
        String copyTo;
        if (entity.isGovernment()) {
            addIfPresent(filing, entity.partyCommittee());
            addIfPresent(filing, entity.congressStandingCommittee());
            if (parent != null) {
                addIfPresent(filing, parent.partyCommittee());
                addIfPresent(filing, parent.name());
            }
            copyTo = parent == null ? null : parent.supervisingOffice();
        } else {
            addIfPresent(filing, parent.partyCommittee());
            addIfPresent(filing, parent.name());
            addIfPresent(filing, entity.higherDepartment());
            copyTo = parent.supervisingOffice();
        }
        if (!entity.recipients().isEmpty()) {
            filing = new ArrayList<>(entity.recipients());
        }
        if (entity.copyTo() != null) {
            copyTo = entity.copyTo();
        }
        return new Recipients(filing, copyTo);
    }

    /**
     * The Camunda group of the supervising office that watches the entity's deadlines: the higher-level government's
     * owners (its 依法治X办) for a government, the own government's owners for a department. Empty at the top.
     */
    public Optional<String> supervisingGroupOf(ReportingEntity entity) {
        return Optional.ofNullable(entity.parent()).map(Role.OWNER::groupId);
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null && !value.isBlank()) {
            list.add(value);
        }
    }

    record EntitiesFile(List<ReportingEntity> entities) {
    }
}
