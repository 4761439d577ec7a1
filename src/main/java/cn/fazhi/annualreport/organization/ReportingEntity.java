package cn.fazhi.annualreport.organization;

import java.util.List;

/**
 * A government or department that must report each year. Recipient fields are the entity's own institutions; the
 * registry derives the statutory recipients from them, the type and the parent, unless {@code recipients} is given.
 */
public record ReportingEntity(
        String code,
        String name,
        String shortName,
        EntityType type,
        String level,
        String parent,
        String partyCommittee,
        String congressStandingCommittee,
        String supervisingOffice,
        String higherDepartment,
        ReviewGate reviewGate,
        String documentNumberPrefix,
        List<String> recipients,
        String copyTo,
        List<Person> people) {

    public ReportingEntity {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        people = people == null ? List.of() : List.copyOf(people);
        if (shortName == null) {
            shortName = name;
        }
    }

    public boolean isGovernment() {
        return type == EntityType.GOVERNMENT;
    }
}
