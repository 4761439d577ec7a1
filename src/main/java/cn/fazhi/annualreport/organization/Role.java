package cn.fazhi.annualreport.organization;

import java.util.Locale;

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
}
