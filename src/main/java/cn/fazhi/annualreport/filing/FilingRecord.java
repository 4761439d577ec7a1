package cn.fazhi.annualreport.filing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A report filed with one addressee (报送 FILING) or copied to the supervising office (抄送 COPY): when and how, and its
 * receipt (回执) — recorded with the filing or later — or the exemption with its reason.
 *
 * @param recipient         the addressee, as named in the case's recipients
 * @param kind              FILING or COPY
 * @param outcome           RECEIPTED, AWAITING_RECEIPT or EXEMPT ({@link FilingOutcome})
 * @param filedOn           the day it was sent (may be null for an exemption)
 * @param channel           how ({@link FilingChannel}; may be null for an exemption)
 * @param receiptNumber     the receipt's number or who signed for it (RECEIPTED)
 * @param receiptDate       the receipt's date (RECEIPTED; null for receipts recorded before it was asked for)
 * @param exemptionReason   why no filing or receipt is owed (EXEMPT)
 * @param note              the clerk's note
 * @param recordedBy        who recorded the filing
 * @param recordedAt        when
 * @param receiptRecordedBy who recorded the receipt or exemption later (补录回执), else null
 * @param receiptRecordedAt when
 */
public record FilingRecord(String recipient, String kind, String outcome, LocalDate filedOn, String channel,
                           String receiptNumber, LocalDate receiptDate, String exemptionReason, String note,
                           String recordedBy, Instant recordedAt, String receiptRecordedBy,
                           Instant receiptRecordedAt) {

    public static final String FILING = "FILING";
    public static final String COPY = "COPY";

    /** A receipt or an exemption is recorded: nothing more is owed for this addressee. */
    public boolean settled() {
        return FilingOutcome.valueOf(outcome).settled();
    }

    public String kindZh() {
        return COPY.equals(kind) ? "抄送" : "报送";
    }

    public String outcomeZh() {
        return FilingOutcome.valueOf(outcome).labelZh();
    }

    public String channelZh() {
        return FilingChannel.label(channel);
    }
}
