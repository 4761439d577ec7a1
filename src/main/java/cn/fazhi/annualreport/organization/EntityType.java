package cn.fazhi.annualreport.organization;

/** A reporting entity is a local government (县级以上地方政府) or a government department (政府部门). */
public enum EntityType {
    GOVERNMENT("政府"),
    DEPARTMENT("部门");

    private final String labelZh;

    EntityType(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
