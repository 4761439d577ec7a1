package cn.fazhi.annualreport.notification.mail;

/**
 * A filter over the mail log; null fields do not filter. Rows come newest first (latest attempt), at most
 * {@code limit} of them.
 *
 * @param recipient         an address (any case) or a Camunda user id
 * @param businessKey       the case, e.g. {@code bayan:2025}
 * @param status            {@code SENT} or {@code FAILED}
 * @param kind              a {@link NoticeKind} name
 */
public record MailLogQuery(String recipient, String businessKey, String taskId, String processInstanceId,
                           String status, String kind, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public MailLogQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
    }

    public static MailLogQuery all() {
        return new MailLogQuery(null, null, null, null, null, null, DEFAULT_LIMIT);
    }

    public MailLogQuery withRecipient(String recipient) {
        return new MailLogQuery(recipient, businessKey, taskId, processInstanceId, status, kind, limit);
    }

    public MailLogQuery withBusinessKey(String businessKey) {
        return new MailLogQuery(recipient, businessKey, taskId, processInstanceId, status, kind, limit);
    }

    public MailLogQuery withTaskId(String taskId) {
        return new MailLogQuery(recipient, businessKey, taskId, processInstanceId, status, kind, limit);
    }

    public MailLogQuery withProcessInstanceId(String processInstanceId) {
        return new MailLogQuery(recipient, businessKey, taskId, processInstanceId, status, kind, limit);
    }

    public MailLogQuery withKind(String kind) {
        return new MailLogQuery(recipient, businessKey, taskId, processInstanceId, status, kind, limit);
    }

    public MailLogQuery withStatus(String status) {
        return new MailLogQuery(recipient, businessKey, taskId, processInstanceId, status, kind, limit);
    }

    public MailLogQuery withLimit(int limit) {
        return new MailLogQuery(recipient, businessKey, taskId, processInstanceId, status, kind, limit);
    }
}
