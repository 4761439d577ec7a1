package cn.fazhi.annualreport.filing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The rules of a filing or later-receipt submission, as the form check and the task listener both apply them. */
class FilingSubmissionTest {

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void aFilingWithItsReceiptIsReadWithDatesAndChannel() {
        // Given a filing through the electronic exchange with its receipt
        Map<String, Object> v = values("filingOutcome", "RECEIPTED", "filedOn", "2026-02-26",
                "filingChannel", "ELECTRONIC", "receiptNumber", " HR-2026-001 ", "receiptDate", "2026-02-27T00:00:00.000+0800");

        // When it is read
        FilingSubmission s = FilingSubmission.ofFiling(v::get);

        // Then every value is there, trimmed and typed
        assertThat(s.outcome()).isEqualTo(FilingOutcome.RECEIPTED);
        assertThat(s.filedOn()).isEqualTo(LocalDate.of(2026, 2, 26));
        assertThat(s.channel()).isEqualTo(FilingChannel.ELECTRONIC);
        assertThat(s.receiptNumber()).isEqualTo("HR-2026-001");
        assertThat(s.receiptDate()).isEqualTo(LocalDate.of(2026, 2, 27));
    }

    @Test
    void aReceiptNeedsItsNumberAndADateNotBeforeTheFiling() {
        // Given a filing marked "receipt recorded" without a number, and one whose receipt predates it
        Map<String, Object> noNumber = values("filingOutcome", "RECEIPTED", "filedOn", "2026-02-26",
                "filingChannel", "ELECTRONIC");
        Map<String, Object> early = values("filingOutcome", "RECEIPTED", "filedOn", "2026-02-26",
                "filingChannel", "POST", "receiptNumber", "R-1", "receiptDate", "2026-02-20");

        // When / Then each is refused as a 400 naming every problem in both languages
        assertThatThrownBy(() -> FilingSubmission.ofFiling(noNumber::get))
                .isInstanceOfSatisfying(FilingRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.messageZh()).contains("回执编号或签收人", "回执日期");
                    assertThat(e.messageEn()).contains("receiptNumber", "receiptDate");
                    assertThat(e.details()).hasSize(2);
                });
        assertThatThrownBy(() -> FilingSubmission.ofFiling(early::get))
                .isInstanceOfSatisfying(FilingRequestException.class,
                        e -> assertThat(e.messageZh()).contains("早于报送日期"));
    }

    @Test
    void aFilingAwaitingItsReceiptNeedsDateAndChannelOnly() {
        // Given a filing whose receipt has not come back, with a stray receipt number
        Map<String, Object> v = values("filingOutcome", "AWAITING_RECEIPT", "filedOn", "2026-02-26",
                "filingChannel", "CONFIDENTIAL_COURIER", "receiptNumber", "ignored");

        // When it is read
        FilingSubmission s = FilingSubmission.ofFiling(v::get);

        // Then it is recorded as awaiting, the value of another outcome ignored
        assertThat(s.outcome()).isEqualTo(FilingOutcome.AWAITING_RECEIPT);
        assertThat(s.receiptNumber()).isNull();
        assertThatThrownBy(() -> FilingSubmission.ofFiling(values("filingOutcome", "AWAITING_RECEIPT")::get))
                .isInstanceOfSatisfying(FilingRequestException.class,
                        e -> assertThat(e.messageZh()).contains("报送日期", "报送渠道"));
    }

    @Test
    void anExemptionNeedsAReasonOfTenCharactersOrMore() {
        // Given exemptions without a reason, with a short one, and with a real one
        // When / Then the first two are refused, the third is read
        assertThatThrownBy(() -> FilingSubmission.ofFiling(values("filingOutcome", "EXEMPT")::get))
                .isInstanceOfSatisfying(FilingRequestException.class,
                        e -> assertThat(e.messageZh()).contains("免报理由"));
        assertThatThrownBy(() -> FilingSubmission.ofFiling(values("filingOutcome", "EXEMPT",
                "exemptionReason", "不需要")::get))
                .isInstanceOfSatisfying(FilingRequestException.class,
                        e -> assertThat(e.messageZh()).contains("至少10字"));
        FilingSubmission s = FilingSubmission.ofFiling(values("filingOutcome", "EXEMPT",
                "exemptionReason", "接收单位电话确认无需纸质件，电子公文已收到")::get);
        assertThat(s.outcome()).isEqualTo(FilingOutcome.EXEMPT);
        assertThat(s.filedOn()).isNull();
    }

    @Test
    void aLaterReceiptIsAReceiptOrAnExemptionNeverAnotherWait() {
        // Given a filing recorded on 26 February
        LocalDate filed = LocalDate.of(2026, 2, 26);

        // When a later receipt says "still waiting", or has no outcome, or comes with a good receipt
        // Then the first two are refused, the last read
        assertThatThrownBy(() -> FilingSubmission.ofReceipt(values("filingOutcome", "AWAITING_RECEIPT")::get, filed))
                .isInstanceOfSatisfying(FilingRequestException.class,
                        e -> assertThat(e.messageZh()).contains("补录结果", "须登记回执"));
        assertThatThrownBy(() -> FilingSubmission.ofReceipt(values()::get, filed))
                .isInstanceOfSatisfying(FilingRequestException.class,
                        e -> assertThat(e.messageZh()).contains("「补录结果」为必填项"));
        FilingSubmission s = FilingSubmission.ofReceipt(values("filingOutcome", "RECEIPTED", "receiptNumber", "R-9",
                "receiptDate", "2026-03-02")::get, filed);
        assertThat(s.receiptDate()).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void unknownOutcomesChannelsAndDatesAreRefused() {
        // Given a submission with an unknown outcome, channel and date
        Map<String, Object> v = values("filingOutcome", "MAYBE", "filedOn", "26.02.2026", "filingChannel", "PIGEON");

        // When / Then all three are named
        assertThatThrownBy(() -> FilingSubmission.ofFiling(v::get))
                .isInstanceOfSatisfying(FilingRequestException.class, e -> assertThat(e.details())
                        .anySatisfy(d -> assertThat(d.zh()).contains("报送结果"))
                        .anySatisfy(d -> assertThat(d.zh()).contains("报送渠道"))
                        .anySatisfy(d -> assertThat(d.zh()).contains("报送日期")));
    }

    @Test
    void aFilingInTheShapeOfTheEarlierFormCountsAsReceipted() {
        // Given a case still running on an earlier deployment, whose filing form had date, channel and receipt only
        Map<String, Object> v = values("filedOn", "2026-02-26", "filingChannel", "PAPER", "receiptNumber", "R-1");

        // When it is read
        FilingSubmission s = FilingSubmission.ofFiling(v::get);

        // Then it is a receipted filing, as it was then; without a receipt it still needs an outcome
        assertThat(s.outcome()).isEqualTo(FilingOutcome.RECEIPTED);
        assertThat(s.channel()).isEqualTo(FilingChannel.PAPER);
        assertThat(s.receiptDate()).isNull();
        assertThatThrownBy(() -> FilingSubmission.ofFiling(values("filedOn", "2026-02-26")::get))
                .isInstanceOf(FilingRequestException.class);
    }
}
