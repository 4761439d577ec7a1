package cn.fazhi.annualreport.publication;

/** The secrecy review's conclusion (保密审查结论), the form's {@code secrecyDecision}. */
enum SecrecyDecision {

    /** 不涉密，全文公开: the final version is published as it is. */
    PUBLISH_FULL,
    /** 删除涉密内容后公开: only the redacted text the reviewer supplies is published. */
    PUBLISH_REDACTED,
    /** 不予公开 (e.g. it concerns state secrets): nothing is published. */
    NOT_PUBLIC;

    static SecrecyDecision of(Object value) {
        if (value instanceof String s) {
            for (SecrecyDecision d : values()) {
                if (d.name().equals(s.trim())) {
                    return d;
                }
            }
        }
        throw new SecrecyReviewException("「审查结论」须为：不涉密，全文公开（PUBLISH_FULL）、删除涉密内容后公开（PUBLISH_REDACTED）"
                + "或不予公开（NOT_PUBLIC），实为：" + value,
                "'secrecyDecision' must be PUBLISH_FULL, PUBLISH_REDACTED or NOT_PUBLIC, not " + value);
    }

    boolean publishes() {
        return this != NOT_PUBLIC;
    }
}
