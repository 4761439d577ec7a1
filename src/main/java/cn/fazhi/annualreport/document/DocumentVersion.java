package cn.fazhi.annualreport.document;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One version of a case's report draft as stored: an uploaded file (UPLOAD) or a draft written in the five statutory
 * sections (STRUCTURED, stored as the plain-text report rendered from them), with its completeness check.
 *
 * @param version       1, 2, 3 … within the case
 * @param kind          UPLOAD or STRUCTURED
 * @param fileName      the file name (downloads use it)
 * @param mediaType     the media type recognised from the content, e.g. application/pdf, text/plain;charset=UTF-8
 * @param sizeBytes     the size of the stored file
 * @param sha256        the SHA-256 of the stored file, lower-case hex
 * @param createdBy     who submitted it
 * @param createdAt     when (Asia/Shanghai)
 * @param taskId        the draft task it was submitted with
 * @param complete      whether the statutory items 1–4 were all found
 * @param completeness  the check's result per statutory item
 * @param justification the drafter's reason for missing items (only kept for an incomplete draft)
 * @param note          the drafter's note (起草说明)
 * @param sections      the five sections of a STRUCTURED draft as written (null in lists and for uploads)
 * @param comments      the reviewers' comments and decisions on this version, oldest first
 */
public record DocumentVersion(int version, String kind, String fileName, String mediaType, long sizeBytes,
                              String sha256, String createdBy, OffsetDateTime createdAt, String taskId,
                              boolean complete, List<ItemResult> completeness, String justification, String note,
                              List<String> sections, List<DocumentComment> comments) {

    public static final String UPLOAD = "UPLOAD";
    public static final String STRUCTURED = "STRUCTURED";

    /** The missing required statutory items, e.g. ["二、存在的不足和原因"] (not those the check was unsure of). */
    public List<ItemResult> missing() {
        return completeness.stream().filter(ItemResult::missing).toList();
    }

    /** The required items the check was unsure of, which the drafter confirmed (or explained) when submitting. */
    public List<ItemResult> uncertain() {
        return completeness.stream().filter(ItemResult::needsConfirmation).toList();
    }

    /**
     * The check's result as the review forms show it (Markdown, Chinese): complete or not, each item with the heading
     * or passage found, and the drafter's justification for missing items.
     */
    public String completenessSummaryZh() {
        StringBuilder s = new StringBuilder();
        String uncertainItems = uncertain().stream().map(i -> "第" + i.number() + "项")
                .collect(Collectors.joining("、"));
        if (complete) {
            s.append("**法定内容检查：五项法定内容中必备的前四项齐全**");
        } else if (!missing().isEmpty()) {
            s.append("**法定内容检查：缺少").append(missing().stream().map(i -> "第" + i.number() + "项")
                    .collect(Collectors.joining("、"))).append("**");
        } else if (!uncertainItems.isEmpty()) {
            s.append("**法定内容检查：").append(uncertainItems).append("系统无法确定，起草人已核对确认**");
        } else {
            s.append("**法定内容检查：报告稿似乎不完整（在句中结束），起草人已核对确认**");
        }
        s.append("（第").append(version).append("版，").append(fileName).append("）\n\n");
        for (ItemResult item : completeness) {
            // "**缺少**：" not "**缺少：**": CommonMark closes no emphasis between a full-width colon and a digit
            s.append("- ").append(item.present() ? "已报告：" : item.needsConfirmation() ? "**待确认**："
                            : item.required() ? "**缺少**：" : "未报告（非必备）：")
                    .append(item.number()).append(". ").append(item.nameZh());
            if (item.state() != ItemState.ABSENT && item.evidence() != null) {
                s.append("（第").append(item.line()).append("行“").append(item.evidence().strip()).append("”）");
            }
            s.append('\n');
        }
        if (!complete && justification != null && !justification.isBlank()) {
            s.append("\n**起草人对缺项的说明**：").append(justification.strip()).append('\n');
        }
        return s.toString();
    }
}
