package cn.fazhi.annualreport.document;

import java.util.List;

/**
 * The result of the statutory completeness check.
 *
 * @param items    the five statutory contents, in order
 * @param complete whether every required item (1–4) is present
 */
public record CompletenessReport(List<ItemResult> items, boolean complete) {

    public CompletenessReport {
        items = List.copyOf(items);
    }

    /** The result for item {@code number} (1–5). */
    public ItemResult item(int number) {
        return items.stream().filter(i -> i.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No item " + number));
    }
}
