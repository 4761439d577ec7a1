package cn.fazhi.annualreport.notification.mail;

/**
 * A mail could not be rendered or sent; the attempt is recorded FAILED in the mail log with the error. Thrown out of a
 * job, it makes the job fail and retry (and raise an incident when no retries are left).
 */
public class MailDeliveryException extends RuntimeException {

    private final String dedupKey;
    private final String recipient;

    public MailDeliveryException(String dedupKey, String recipient, String message, Throwable cause) {
        super(message, cause);
        this.dedupKey = dedupKey;
        this.recipient = recipient;
    }

    public String dedupKey() {
        return dedupKey;
    }

    public String recipient() {
        return recipient;
    }
}
