package cn.fazhi.annualreport.organization;

/** How a report is reviewed before it is issued, chosen per entity. */
public enum ReviewGate {
    EXECUTIVE_MEETING("政府常务会议审议"),
    LEADERSHIP_MEETING("部门领导班子会议审议"),
    PRINCIPAL_SIGN_OFF("主要负责人审核签字");

    private final String labelZh;

    ReviewGate(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
