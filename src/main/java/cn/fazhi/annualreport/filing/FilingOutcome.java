package cn.fazhi.annualreport.filing;

/** What a filing with one addressee came to: a receipt (回执), a receipt still to come, or a recorded exemption. */
public enum FilingOutcome {

    /** Filed, and the receipt (number and date) is recorded. */
    RECEIPTED("已报送，已取得回执", "filed, receipt recorded"),
    /** Filed; the receipt is recorded later (补录回执). The case cannot finish while any addressee is in this state. */
    AWAITING_RECEIPT("已报送，回执待返回", "filed, receipt outstanding"),
    /** Exempted with a reason, e.g. the addressee confirmed it needs no paper copy (免于报送). */
    EXEMPT("免于报送（已说明理由）", "exempted, with a reason");

    private final String labelZh;
    private final String labelEn;

    FilingOutcome(String labelZh, String labelEn) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }

    /** A receipt or an exemption: nothing more is owed for this addressee. */
    public boolean settled() {
        return this != AWAITING_RECEIPT;
    }
}
