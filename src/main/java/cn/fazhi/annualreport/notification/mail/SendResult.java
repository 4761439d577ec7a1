package cn.fazhi.annualreport.notification.mail;

/** What {@link Mailer#send(Notice)} did. A failure is not a result: it throws {@link MailDeliveryException}. */
public enum SendResult {
    /** The mail was accepted by the SMTP server now and is recorded SENT in the mail log. */
    SENT,
    /** The mail log already had this dedup key and recipient as SENT: nothing was sent. */
    ALREADY_SENT
}
