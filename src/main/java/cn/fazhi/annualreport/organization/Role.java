package cn.fazhi.annualreport.organization;

import java.util.Locale;
import java.util.Optional;

/** The roles of an entity's people; each is a Camunda group named {@code <entity code>-<role>}. */
public enum Role {
    OWNER("牵头负责人（司法局/依法治理办）"),
    DRAFTER("起草人员"),
    CONTRIBUTOR("材料报送人员"),
    LEADER("主要负责人"),
    OFFICE("办公室（会议、文秘、报送、公开）"),
    SECRECY("保密审查人员");

    private final String labelZh;

    Role(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }

    /** The Camunda group id of this role at an entity, e.g. {@code bayan-drafter}. */
    public String groupId(String entityCode) {
        return entityCode + "-" + name().toLowerCase(Locale.ROOT);
    }

    /**
     * The Camunda group's name: the entity's full name and the role, e.g. "巴彦县公安局 材料报送人员" — the short name
     * alone ("公安局") would not tell 巴彦县's from 廊坊市's.
     */
    public String groupName(ReportingEntity entity) {
        return entity.name() + " " + labelZh;
    }

    /** The entity whose group of this role the group id names ({@code bayan-gaj-owner} → {@code bayan-gaj}), if any. */
    public Optional<String> entityOf(String groupId) {
        String suffix = "-" + name().toLowerCase(Locale.ROOT);
        return groupId != null && groupId.endsWith(suffix) && groupId.length() > suffix.length()
                ? Optional.of(groupId.substring(0, groupId.length() - suffix.length()))
                : Optional.empty();
    }
}
