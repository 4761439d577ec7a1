package cn.fazhi.annualreport.organization;

import java.util.ArrayList;
import java.util.List;

/** Where a report goes: the statutory recipients (报送) and the supervising office that receives a copy (抄送). */
public record Recipients(List<String> filing, String copyTo) {

    public Recipients {
        filing = List.copyOf(filing);
    }

    /** The recipients of an entity derived from its type and parent, unless the entity lists its own. */
    static Recipients derive(ReportingEntity entity, ReportingEntity parent) {
        List<String> filing = new ArrayList<>();
        String copyTo = parent == null ? null : parent.supervisingOffice();
        if (entity.isGovernment()) {
            addIfPresent(filing, entity.partyCommittee());
            addIfPresent(filing, entity.congressStandingCommittee());
            if (parent != null) {
                addIfPresent(filing, parent.partyCommittee());
                addIfPresent(filing, parent.name());
            }
        } else if (parent != null) {
            addIfPresent(filing, parent.partyCommittee());
            addIfPresent(filing, parent.name());
            addIfPresent(filing, entity.higherDepartment());
        }
        if (!entity.recipients().isEmpty()) {
            filing = new ArrayList<>(entity.recipients());
        }
        if (entity.copyTo() != null && !entity.copyTo().isBlank()) {
            copyTo = entity.copyTo();
        }
        return new Recipients(filing, copyTo);
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null && !value.isBlank()) {
            list.add(value);
        }
    }
}
