package cn.fazhi.annualreport.document;

/**
 * One of the five statutory contents of a 法治政府建设年度报告 and whether the report covers it.
 *
 * @param number   1–5, in the order of 《法治政府建设与责任落实督察工作规定》 Art. 25
 * @param nameZh   the statutory wording
 * @param nameEn   an English name
 * @param present  whether the checker found the item
 * @param required whether the report is incomplete without it (items 1–4; item 5 "other matters" is optional)
 * @param evidence the heading, or a snippet (≤ 80 characters) of the paragraph, where it was found; null if absent
 * @param line     the 1-based line of the evidence in the (extracted) text; null if absent
 */
public record ItemResult(int number, String nameZh, String nameEn, boolean present, boolean required,
                         String evidence, Integer line) {
}
