package cn.fazhi.annualreport.notification.mail;

import java.util.Date;
import java.util.Locale;

/**
 * One mail to one person about one task: what {@link Mailer#send(Notice)} sends at most once per
 * {@code dedupKey} and recipient address.
 *
 * @param kind              why the mail goes out (subject tag and opening sentence)
 * @param dedupKey          identifies the occasion, e.g. {@code REMINDER:<taskId>:2026-02-10}; the same key to the
 *                          same address is sent once only (at most 255 characters)
 * @param recipientId       the Camunda user id of the recipient, if any (the mail log shows it; a user sees the
 *                          log rows addressed to her)
 * @param recipientName     how the mail greets the recipient; the user id or a neutral greeting if absent
 * @param recipientEmail    the address; required
 * @param entityName        报告单位, e.g. 巴彦县公安局
 * @param year              报告年度, e.g. 2025
 * @param taskName          待办事项, the task's name
 * @param taskId            the task's id: makes the calendar entry's UID, so that later mails about the same task
 *                          update the entry instead of adding another
 * @param processInstanceId the case's process instance
 * @param businessKey       the case's business key, e.g. {@code bayan:2025}
 * @param due               the task's due date; without it the mail has no calendar attachment
 * @param link              the Tasklist link that opens the task (http or https)
 * @param reason            optional text shown as 督办事由, e.g. 逾期3个工作日，按规定抄报分管领导和依法治县办
 * @param workingDaysLeft   working days until the due date (negative when overdue) if the caller knows them; when
 *                          null the mail counts calendar days from the engine clock's today (Asia/Shanghai)
 */
public record Notice(NoticeKind kind, String dedupKey, String recipientId, String recipientName,
                     String recipientEmail, String entityName, Integer year, String taskName, String taskId,
                     String processInstanceId, String businessKey, Date due, String link, String reason,
                     Integer workingDaysLeft) {

    /** Longest dedup key the mail log keeps. */
    public static final int MAX_DEDUP_KEY_LENGTH = 255;

    public Notice {
        if (kind == null) {
            throw new IllegalArgumentException("A notice needs a kind");
        }
        if (dedupKey == null || dedupKey.isBlank()) {
            throw new IllegalArgumentException("A notice needs a dedup key");
        }
        if (dedupKey.length() > MAX_DEDUP_KEY_LENGTH) {
            throw new IllegalArgumentException("Dedup key longer than " + MAX_DEDUP_KEY_LENGTH + " characters: " + dedupKey);
        }
        if (recipientEmail == null || recipientEmail.isBlank()) {
            throw new IllegalArgumentException("A notice needs a recipient address (dedup key " + dedupKey + ")");
        }
        if (link != null && !link.isBlank()) {
            String lower = link.trim().toLowerCase(Locale.ROOT);
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                throw new IllegalArgumentException("A notice's link must be http or https: " + link);
            }
        }
        due = due == null ? null : new Date(due.getTime());
    }

    /** The Notice without {@code workingDaysLeft} (calendar days are shown). */
    public Notice(NoticeKind kind, String dedupKey, String recipientId, String recipientName, String recipientEmail,
                  String entityName, Integer year, String taskName, String taskId, String processInstanceId,
                  String businessKey, Date due, String link, String reason) {
        this(kind, dedupKey, recipientId, recipientName, recipientEmail, entityName, year, taskName, taskId,
                processInstanceId, businessKey, due, link, reason, null);
    }

    @Override
    public Date due() {
        return due == null ? null : new Date(due.getTime());
    }

    /** The address as the mail log keys it: trimmed and in lower case. */
    public String recipientKey() {
        return recipientEmail.trim().toLowerCase(Locale.ROOT);
    }

    public static Builder builder(NoticeKind kind, String dedupKey) {
        return new Builder(kind, dedupKey);
    }

    /** Builds a {@link Notice} field group by field group. */
    public static final class Builder {

        private final NoticeKind kind;
        private final String dedupKey;
        private String recipientId;
        private String recipientName;
        private String recipientEmail;
        private String entityName;
        private Integer year;
        private String taskName;
        private String taskId;
        private String processInstanceId;
        private String businessKey;
        private Date due;
        private String link;
        private String reason;
        private Integer workingDaysLeft;

        private Builder(NoticeKind kind, String dedupKey) {
            this.kind = kind;
            this.dedupKey = dedupKey;
        }

        public Builder recipient(String id, String name, String email) {
            this.recipientId = id;
            this.recipientName = name;
            this.recipientEmail = email;
            return this;
        }

        public Builder reportCase(String entityName, Integer year, String businessKey, String processInstanceId) {
            this.entityName = entityName;
            this.year = year;
            this.businessKey = businessKey;
            this.processInstanceId = processInstanceId;
            return this;
        }

        public Builder task(String id, String name, Date due) {
            this.taskId = id;
            this.taskName = name;
            this.due = due;
            return this;
        }

        public Builder workingDaysLeft(Integer workingDaysLeft) {
            this.workingDaysLeft = workingDaysLeft;
            return this;
        }

        public Builder link(String link) {
            this.link = link;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Notice build() {
            return new Notice(kind, dedupKey, recipientId, recipientName, recipientEmail, entityName, year, taskName,
                    taskId, processInstanceId, businessKey, due, link, reason, workingDaysLeft);
        }
    }
}
