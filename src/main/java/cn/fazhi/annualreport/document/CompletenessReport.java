package cn.fazhi.annualreport.document;

import java.util.List;

/**
 * The result of the statutory completeness check.
 *
 * @param items     the five statutory contents, in order
 * @param complete  whether every required item (1–4) is PRESENT and the text does not stop mid-sentence
 * @param truncated whether the text seems cut off (it ends mid-sentence or on a heading)
 * @param warnings  truncation and year/entity mismatches with the case: shown, never a refusal by themselves
 */
public record CompletenessReport(List<ItemResult> items, boolean complete, boolean truncated,
                                 List<CheckWarning> warnings) {

    public CompletenessReport {
        items = List.copyOf(items);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A result without warnings, as before the warnings existed. */
    public CompletenessReport(List<ItemResult> items, boolean complete) {
        this(items, complete, false, List.of());
    }

    /** The result for item {@code number} (1–5). */
    public ItemResult item(int number) {
        return items.stream().filter(i -> i.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No item " + number));
    }

    /** Required items not found at all: the drafter adds them or justifies their absence. */
    public List<ItemResult> missing() {
        return items.stream().filter(ItemResult::missing).toList();
    }

    /** Required items found only on weak evidence: the drafter confirms them. */
    public List<ItemResult> uncertain() {
        return items.stream().filter(ItemResult::needsConfirmation).toList();
    }
}
