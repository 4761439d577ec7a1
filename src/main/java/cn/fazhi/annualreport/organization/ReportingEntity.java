package cn.fazhi.annualreport.organization;

import java.util.List;

/**
 * A government or department that must report each year. Recipient fields are the entity's own institutions; the
 * registry derives the statutory recipients from them, the type and the parent, unless {@code recipients} is given.
 * An inactive entity (merged, abolished) keeps its history but gets no new cases.
 */
public record ReportingEntity(
        String code,
        String name,
        String shortName,
        EntityType type,
        AdminLevel level,
        String parent,
        String partyCommittee,
        String congressStandingCommittee,
        String supervisingOffice,
        String higherDepartment,
        ReviewGate reviewGate,
        String documentNumberPrefix,
        List<String> recipients,
        String copyTo,
        boolean active) {

    public ReportingEntity {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        if (shortName == null || shortName.isBlank()) {
            shortName = name;
        }
    }

    public boolean isGovernment() {
        return type == EntityType.GOVERNMENT;
    }
}
