package cn.fazhi.annualreport.deadline;

/** The dated milestones of one case; each is a process variable of type Date that BPMN due dates and timers read. */
public enum Milestone {
    MATERIALS("deadlineMaterials", "部门材料报送", "department materials"),
    FIRST_DRAFT("deadlineFirstDraft", "报告初稿", "first draft"),
    INTERNAL_REVIEW("deadlineInternalReview", "审核", "internal review"),
    REVIEW_GATE("deadlineReviewGate", "审议", "review gate"),
    ISSUANCE("deadlineIssuance", "签发制发", "sign-off and issuance"),
    FILING("deadlineFiling", "报送", "filing"),
    SECRECY_REVIEW("deadlineSecrecyReview", "保密审查", "secrecy review"),
    PUBLICATION("deadlinePublication", "政府网站公开", "publication");

    private final String variable;
    private final String labelZh;
    private final String labelEn;

    Milestone(String variable, String labelZh, String labelEn) {
        this.variable = variable;
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    /** The process variable holding this milestone's due date. */
    public String variable() {
        return variable;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }
}
