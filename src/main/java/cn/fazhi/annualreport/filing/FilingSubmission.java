package cn.fazhi.annualreport.filing;

import cn.fazhi.annualreport.shared.Beijing;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

/**
 * What a filing task (报送, 抄送) or a later receipt (补录回执) submitted, read from the task's variables and checked: a
 * receipt needs its number and date (not before the filing), a filing its date and channel, an exemption a reason of
 * at least {@value #MIN_REASON} characters. Values that do not belong to the chosen outcome are ignored. Every problem
 * is reported at once, in Chinese and English.
 */
record FilingSubmission(FilingOutcome outcome, LocalDate filedOn, FilingChannel channel, String receiptNumber,
                        LocalDate receiptDate, String exemptionReason, String note) {

    static final String OUTCOME = "filingOutcome";
    static final String FILED_ON = "filedOn";
    static final String CHANNEL = "filingChannel";
    static final String RECEIPT_NUMBER = "receiptNumber";
    static final String RECEIPT_DATE = "receiptDate";
    static final String EXEMPTION_REASON = "exemptionReason";
    static final String NOTE = "receiptNote";
    /** The variables of the filing forms, cleared after each completion so that no task sees another's values. */
    static final List<String> VARIABLES = List.of(OUTCOME, FILED_ON, CHANNEL, RECEIPT_NUMBER, RECEIPT_DATE,
            EXEMPTION_REASON, NOTE);

    static final int MIN_REASON = 10;
    static final int MAX_REASON = 1000;
    static final int MAX_RECEIPT_NUMBER = 100;
    static final int MAX_NOTE = 1000;


    /** A filing task's submission: filed with a receipt, filed with the receipt to come, or exempted. */
    static FilingSubmission ofFiling(Function<String, Object> values) {
        return read(values, false, null);
    }

    /**
     * A later receipt's submission: the receipt, or an exemption; {@code filedOn} is the recorded filing's date (null
     * if unknown), which the receipt's date may not precede.
     */
    static FilingSubmission ofReceipt(Function<String, Object> values, LocalDate filedOn) {
        return read(values, true, filedOn);
    }

    private static FilingSubmission read(Function<String, Object> values, boolean receiptOnly, LocalDate recordedFiling) {
        Problems p = new Problems();
        String outcomeText = text(values.apply(OUTCOME));
        FilingOutcome outcome = null;
        // the filing form of deployments before receipts could come later had no outcome, and always a receipt: a
        // case still running on such a deployment files as it did (receipted, the receipt's date not asked for)
        boolean earlierForm = outcomeText == null && !receiptOnly && text(values.apply(RECEIPT_NUMBER)) != null;
        if (earlierForm) {
            outcome = FilingOutcome.RECEIPTED;
        } else if (outcomeText == null) {
            p.add("「" + (receiptOnly ? "补录结果" : "报送结果") + "」为必填项", "'" + OUTCOME + "' is required");
        } else {
            try {
                outcome = FilingOutcome.valueOf(outcomeText);
            } catch (IllegalArgumentException e) {
                outcome = null;
            }
            if (outcome == null || (receiptOnly && outcome == FilingOutcome.AWAITING_RECEIPT)) {
                p.add("「" + (receiptOnly ? "补录结果" : "报送结果") + "」的取值无效：" + outcomeText
                                + (receiptOnly ? "（补录时须登记回执，或说明免报理由）" : ""),
                        "'" + OUTCOME + "' must be one of " + (receiptOnly ? "[RECEIPTED, EXEMPT]"
                                : "[RECEIPTED, AWAITING_RECEIPT, EXEMPT]") + ", not " + outcomeText);
                outcome = null;
            }
        }
        LocalDate filedOn = receiptOnly ? recordedFiling : date(values.apply(FILED_ON), "报送日期", FILED_ON, p);
        FilingChannel channel = null;
        String note = limited(text(values.apply(NOTE)), MAX_NOTE, "备注", NOTE, p);
        if (!receiptOnly) {
            String channelText = text(values.apply(CHANNEL));
            if (channelText != null) {
                channel = FilingChannel.of(channelText).orElse(null);
                if (channel == null) {
                    p.add("「报送渠道」的取值无效：" + channelText, "'" + CHANNEL + "' is not a known channel: " + channelText);
                }
            }
            boolean filed = outcome == FilingOutcome.RECEIPTED || outcome == FilingOutcome.AWAITING_RECEIPT;
            if (filed && !present(values.apply(FILED_ON))) {
                p.add("「报送日期」为必填项", "'" + FILED_ON + "' is required");
            }
            if (filed && channelText == null) {
                p.add("「报送渠道」为必填项", "'" + CHANNEL + "' is required");
            }
        }
        String receiptNumber = null;
        LocalDate receiptDate = null;
        String reason = null;
        if (outcome == FilingOutcome.RECEIPTED) {
            receiptNumber = limited(text(values.apply(RECEIPT_NUMBER)), MAX_RECEIPT_NUMBER, "回执编号或签收人",
                    RECEIPT_NUMBER, p);
            if (receiptNumber == null) {
                p.add("「回执编号或签收人」为必填项", "'" + RECEIPT_NUMBER + "' is required");
            }
            receiptDate = date(values.apply(RECEIPT_DATE), "回执日期", RECEIPT_DATE, p);
            if (!present(values.apply(RECEIPT_DATE)) && !earlierForm) {
                p.add("「回执日期」为必填项", "'" + RECEIPT_DATE + "' is required");
            }
            if (receiptDate != null && filedOn != null && receiptDate.isBefore(filedOn)) {
                p.add("「回执日期」" + receiptDate + "早于报送日期" + filedOn,
                        "'" + RECEIPT_DATE + "' " + receiptDate + " lies before the filing on " + filedOn);
            }
        } else if (outcome == FilingOutcome.EXEMPT) {
            reason = text(values.apply(EXEMPTION_REASON));
            if (reason == null) {
                p.add("「免报理由」为必填项：请说明为何无需报送或无需回执（如接收单位确认不需要纸质件）",
                        "'" + EXEMPTION_REASON + "' is required: say why no filing or receipt is owed");
            } else if (reason.length() < MIN_REASON) {
                p.add("「免报理由」至少" + MIN_REASON + "字，现为" + reason.length() + "字",
                        "'" + EXEMPTION_REASON + "' needs at least " + MIN_REASON + " characters, has " + reason.length());
            } else {
                reason = limited(reason, MAX_REASON, "免报理由", EXEMPTION_REASON, p);
            }
        }
        if (!p.zh.isEmpty()) {
            throw FilingRequestException.invalid(p.zh, p.en);
        }
        return new FilingSubmission(outcome, filedOn, channel, receiptNumber, receiptDate, reason, note);
    }

    private static final class Problems {
        final List<String> zh = new ArrayList<>();
        final List<String> en = new ArrayList<>();

        void add(String z, String e) {
            zh.add(z);
            en.add(e);
        }
    }

    private static boolean present(Object value) {
        return value instanceof Date || value instanceof LocalDate || text(value) != null;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private static String limited(String value, int max, String label, String key, Problems p) {
        if (value != null && value.length() > max) {
            p.add("「" + label + "」最多" + max + "字，现为" + value.length() + "字",
                    "'" + key + "' has " + value.length() + " characters, at most " + max + " allowed");
        }
        return value;
    }

    /** A date as Tasklist (yyyy-MM-dd or an ISO date-time), a Java Date or a LocalDate sends it; null if absent. */
    private static LocalDate date(Object value, String label, String key, Problems p) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date d) {
            return d.toInstant().atZone(Beijing.ZONE).toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        String s = value.toString().strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            if (s.length() > 10 && s.charAt(10) == 'T') {
                return java.time.OffsetDateTime.parse(s).atZoneSameInstant(Beijing.ZONE).toLocalDate();
            }
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s.substring(0, Math.min(10, s.length())));
            } catch (DateTimeParseException e2) {
                p.add("「" + label + "」须为日期（yyyy-MM-dd）：" + s, "'" + key + "' must be a date (yyyy-MM-dd): " + s);
                return null;
            }
        }
    }
}
