package cn.fazhi.annualreport.organization;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of the registry's CSV file, each with its Chinese header (what the export writes) and English alias.
 * The role columns hold the entity's people as {@code 账号:姓名:邮箱}, several separated by {@code ;} or {@code ；}.
 */
enum EntityColumn {
    CODE("单位代码", "code", true),
    NAME("单位名称", "name", true),
    SHORT_NAME("简称", "shortName", false),
    TYPE("类型", "type", true),
    LEVEL("层级", "level", false),
    PARENT("上级单位代码", "parent", true),
    PARTY_COMMITTEE("同级党委", "partyCommittee", false),
    CONGRESS("同级人大常委会", "congressStandingCommittee", false),
    SUPERVISING_OFFICE("依法治理办公室", "supervisingOffice", false),
    HIGHER_DEPARTMENT("上级主管部门", "higherDepartment", false),
    REVIEW_GATE("审议方式", "reviewGate", false),
    DOCUMENT_NUMBER_PREFIX("文号前缀", "documentNumberPrefix", false),
    RECIPIENTS("报送对象", "recipients", false),
    COPY_TO("抄送", "copyTo", false),
    ACTIVE("启用", "active", false),
    OWNER("牵头负责人", "owner", false, Role.OWNER),
    DRAFTER("起草人员", "drafter", false, Role.DRAFTER),
    CONTRIBUTOR("材料报送人员", "contributor", false, Role.CONTRIBUTOR),
    LEADER("主要负责人", "leader", false, Role.LEADER),
    OFFICE("办公室人员", "office", false, Role.OFFICE),
    SECRECY("保密审查人员", "secrecy", false, Role.SECRECY);

    private final String headerZh;
    private final String headerEn;
    private final boolean required;
    private final Role role;

    EntityColumn(String headerZh, String headerEn, boolean required) {
        this(headerZh, headerEn, required, null);
    }

    EntityColumn(String headerZh, String headerEn, boolean required, Role role) {
        this.headerZh = headerZh;
        this.headerEn = headerEn;
        this.required = required;
        this.role = role;
    }

    String headerZh() {
        return headerZh;
    }

    String headerEn() {
        return headerEn;
    }

    /** A column the file must have (its values may still be empty, e.g. the parent of a province). */
    boolean required() {
        return required;
    }

    /** The role whose people the column lists, if it is a role column. */
    Optional<Role> role() {
        return Optional.ofNullable(role);
    }

    static Optional<EntityColumn> ofHeader(String header) {
        String h = header.strip();
        return Arrays.stream(values())
                .filter(c -> c.headerZh.equals(h) || c.headerEn.toLowerCase(Locale.ROOT).equals(h.toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
