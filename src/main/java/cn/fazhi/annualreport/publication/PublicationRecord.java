package cn.fazhi.annualreport.publication;

import java.time.OffsetDateTime;

/**
 * A case's publication on one target, as the owners' API shows it: where and when it was published, whether its URL
 * answered, and the last failure of a retried attempt.
 *
 * @param target          PUBLIC_COLUMN (the built-in column) or the portal CMS's name
 * @param status          PENDING (waiting for the publishing job), PUBLISHED, or VERIFIED (its URL answered 2xx)
 * @param url             the published page
 * @param publishedAt     when it was published (Asia/Shanghai)
 * @param verifiedAt      when its URL answered
 * @param attempts        failed attempts so far (the engine's job retries)
 * @param lastError       the last failure, if any
 * @param title           the published title
 * @param documentNumber  the report's document number (文号)
 * @param sourceVersion   the draft version whose text was published (or redacted)
 * @param secrecyDecision PUBLISH_FULL or PUBLISH_REDACTED
 */
public record PublicationRecord(String target, String status, String url, OffsetDateTime publishedAt,
                                OffsetDateTime verifiedAt, int attempts, String lastError, String title,
                                String documentNumber, Integer sourceVersion, String secrecyDecision) {

    /** The built-in public column's target name. */
    public static final String PUBLIC_COLUMN = "PUBLIC_COLUMN";
    public static final String PENDING = "PENDING";
    public static final String PUBLISHED = "PUBLISHED";
    public static final String VERIFIED = "VERIFIED";
}
