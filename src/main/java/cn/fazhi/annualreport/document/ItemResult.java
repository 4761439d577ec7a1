package cn.fazhi.annualreport.document;

/**
 * One of the five statutory contents of a 法治政府建设年度报告 and whether the report covers it.
 *
 * @param number   1–5, in the order of 《法治政府建设与责任落实督察工作规定》 Art. 25
 * @param nameZh   the statutory wording
 * @param nameEn   an English name
 * @param present  whether the checker is sure it found the item (state PRESENT)
 * @param required whether the report is incomplete without it (items 1–4; item 5 "other matters" is optional)
 * @param evidence the heading, or a snippet (≤ 80 characters) of the paragraph, where it was (possibly) found; null if
 *                 absent
 * @param line     the 1-based line of the evidence in the original (extracted) text; null if absent
 * @param state    PRESENT, ABSENT or UNCERTAIN (results stored before states existed read as PRESENT or ABSENT)
 * @param reasonZh why the check decided so, in Chinese
 * @param reasonEn the same in English
 */
public record ItemResult(int number, String nameZh, String nameEn, boolean present, boolean required,
                         String evidence, Integer line, ItemState state, String reasonZh, String reasonEn) {

    public ItemResult {
        if (state == null) {
            state = present ? ItemState.PRESENT : ItemState.ABSENT;
        }
        present = state == ItemState.PRESENT;
    }

    /** A result in the form used before the three states (present or absent, no reason). */
    public ItemResult(int number, String nameZh, String nameEn, boolean present, boolean required, String evidence,
                      Integer line) {
        this(number, nameZh, nameEn, present, required, evidence, line, null, null, null);
    }

    /** Whether the drafter must confirm the item before submitting (required and uncertain). */
    public boolean needsConfirmation() {
        return required && state == ItemState.UNCERTAIN;
    }

    /** Whether the item is required and not found at all. */
    public boolean missing() {
        return required && state == ItemState.ABSENT;
    }
}
