package cn.fazhi.annualreport.organization;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The reporting entities, their hierarchy and their statutory recipients, as stored in the database (imported from
 * CSV by {@link EntityImporter}). Read on every call, so that every node of a cluster sees an import at once.
 */
@Service
public class EntityRegistry {

    private final EntityStore store;

    EntityRegistry(EntityStore store) {
        this.store = store;
    }

    /** Every entity, active or not, parents in the order they were first imported. */
    public List<ReportingEntity> all() {
        return store.all();
    }

    /** The entities that report this year (the annual launch starts a case for each), parents before children. */
    public List<ReportingEntity> active() {
        List<ReportingEntity> all = store.all();
        Set<String> codes = new HashSet<>();
        all.forEach(e -> codes.add(e.code()));
        List<ReportingEntity> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (ordered.size() < all.size()) {
            int before = ordered.size();
            for (ReportingEntity e : all) {
                if (!placed.contains(e.code())
                        && (e.parent() == null || placed.contains(e.parent()) || !codes.contains(e.parent()))) {
                    ordered.add(e);
                    placed.add(e.code());
                }
            }
            if (ordered.size() == before) {
                break; // cannot happen: imports refuse cycles
            }
        }
        return ordered.stream().filter(ReportingEntity::active).toList();
    }

    public Optional<ReportingEntity> find(String code) {
        return code == null ? Optional.empty() : store.find(code);
    }

    /** The departments of a government that still report: they contribute material to its report. */
    public List<ReportingEntity> departmentsOf(String governmentCode) {
        return store.children(governmentCode).stream()
                .filter(e -> e.type() == EntityType.DEPARTMENT && e.active())
                .toList();
    }

    /** The governments above an entity, nearest first (its parent, the parent's parent, …). */
    public List<ReportingEntity> ancestorsOf(ReportingEntity entity) {
        List<ReportingEntity> ancestors = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(entity.code()));
        for (String code = entity.parent(); code != null && seen.add(code); ) {
            ReportingEntity parent = store.find(code).orElse(null);
            if (parent == null) {
                break;
            }
            ancestors.add(parent);
            code = parent.parent();
        }
        return ancestors;
    }

    /**
     * The statutory recipients. A government: the same-level Party committee and people's congress standing
     * committee, and below provincial level the higher-level Party committee and government; copy to the higher-level
     * supervising office. A department: the same-level Party committee and government and the higher-level department
     * of the same line; copy to the same-level supervising office.
     */
    public Recipients recipientsOf(ReportingEntity entity) {
        return Recipients.derive(entity, entity.parent() == null ? null : store.find(entity.parent()).orElse(null));
    }

    /**
     * The Camunda group of the supervising office that watches the entity's deadlines: the higher-level government's
     * owners (its 依法治X办) for a government, the own government's owners for a department. Empty at the top.
     */
    public Optional<String> supervisingGroupOf(ReportingEntity entity) {
        return Optional.ofNullable(entity.parent()).map(Role.OWNER::groupId);
    }
}
