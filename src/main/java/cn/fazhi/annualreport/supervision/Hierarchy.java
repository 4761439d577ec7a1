package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.organization.ReportingEntity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The chain of governments above an entity, from the registry's rows already in memory. */
final class Hierarchy {

    private Hierarchy() {
    }

    /** The entity's code, its parent's, the grand-parent's, … (a cycle, which imports refuse, ends the walk). */
    static List<String> ancestorsOrSelf(ReportingEntity entity, Map<String, ReportingEntity> byCode) {
        List<String> codes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ReportingEntity e = entity; e != null && seen.add(e.code()); e = e.parent() == null ? null : byCode.get(e.parent())) {
            codes.add(e.code());
        }
        return codes;
    }
}
