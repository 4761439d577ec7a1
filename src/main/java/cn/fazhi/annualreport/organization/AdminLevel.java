package cn.fazhi.annualreport.organization;

/** The administrative level of an entity (行政层级): province, city (incl. 盟/州), county (incl. district, 旗), township. */
public enum AdminLevel {
    PROVINCE("省级"),
    CITY("市级"),
    COUNTY("县级"),
    TOWNSHIP("乡级");

    private final String labelZh;

    AdminLevel(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
