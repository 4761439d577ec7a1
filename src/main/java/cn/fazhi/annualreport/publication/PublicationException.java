package cn.fazhi.annualreport.publication;

/**
 * A publication or URL check that failed; it fails the engine's job, which retries and finally raises an incident in
 * Cockpit with this message (Chinese, then English).
 */
class PublicationException extends RuntimeException {

    PublicationException(String messageZh, String messageEn) {
        super(messageZh + " / " + messageEn);
    }

    /** Several failures, each already "Chinese / English". */
    PublicationException(String messages) {
        super(messages);
    }

    PublicationException(String messageZh, String messageEn, Throwable cause) {
        super(messageZh + " / " + messageEn, cause);
    }
}
