package cn.fazhi.annualreport.document;

/** What the check concluded about one statutory item. */
public enum ItemState {
    /** Found, with evidence the rules are sure of. */
    PRESENT,
    /** Not found. */
    ABSENT,
    /** Only weak evidence: the drafter is asked to confirm. */
    UNCERTAIN
}
