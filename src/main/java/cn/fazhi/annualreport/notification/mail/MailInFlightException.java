package cn.fazhi.annualreport.notification.mail;

import java.time.OffsetDateTime;

/** Another attempt, on this node or another, has claimed the mail and may be sending it now: try again after its claim. */
public class MailInFlightException extends MailDeliveryException {

    private final OffsetDateTime claimedUntil;

    MailInFlightException(String dedupKey, String recipient, String claimant, OffsetDateTime claimedUntil) {
        super(dedupKey, recipient, "Mail " + dedupKey + " to " + recipient + " is being sent by " + claimant
                + " (claimed until " + claimedUntil + "): not sent here", null);
        this.claimedUntil = claimedUntil;
    }

    /** When the other attempt's claim runs out: then the mail is SENT, or may be sent again. */
    public OffsetDateTime claimedUntil() {
        return claimedUntil;
    }
}
