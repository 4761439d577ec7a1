package cn.fazhi.annualreport.notification.mail;

import java.time.OffsetDateTime;

/**
 * One row of the mail log: one mail (dedup key) to one address, with the outcome of its latest attempt.
 *
 * @param status        {@code SENT} or {@code FAILED} (the latest attempt's outcome), or {@code SENDING}: an attempt
 *                      is under way, or its node died and the mail is sent again once {@code claimedUntil} has passed
 * @param attempts      how many times sending was tried
 * @param error         the latest failure (at most 2,000 characters); null once sent
 * @param createdAt     first attempt
 * @param lastAttemptAt latest attempt
 * @param sentAt        when the SMTP server accepted the mail; null unless SENT
 * @param claimedUntil  while SENDING: until when the attempt's node holds the mail; null otherwise
 */
public record MailLogEntry(long id, String dedupKey, String recipient, String recipientId, String kind,
                           String template, String businessKey, String processInstanceId, String taskId,
                           String subject, String status, int attempts, String error, OffsetDateTime createdAt,
                           OffsetDateTime lastAttemptAt, OffsetDateTime sentAt, OffsetDateTime claimedUntil) {
}
