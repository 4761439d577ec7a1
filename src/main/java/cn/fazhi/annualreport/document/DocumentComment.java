package cn.fazhi.annualreport.document;

import java.time.OffsetDateTime;

/**
 * A reviewer's comment or a meeting's decision on one version of the draft, recorded when the review task completes.
 *
 * @param taskId   the completed task
 * @param taskKey  its definition key, e.g. UserTask_InternalReview
 * @param taskName its name, e.g. 审核报告稿
 * @param author   who completed it
 * @param decision the decision (APPROVE, RETURN, REVISE)
 * @param text     the comment (审核意见, 会议意见, 批示意见); may be null
 * @param details  the meeting or sign-off it was taken at, e.g. "会议日期 2026-02-20；会议届次 第17届48次"; may be null
 * @param at       when (Asia/Shanghai)
 */
public record DocumentComment(String taskId, String taskKey, String taskName, String author, String decision,
                              String text, String details, OffsetDateTime at) {
}
