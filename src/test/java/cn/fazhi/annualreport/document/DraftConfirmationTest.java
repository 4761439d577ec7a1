package cn.fazhi.annualreport.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.fazhi.annualreport.api.Bilingual;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The draft submission's rule: missing items need a justification, uncertain ones and a cut-off text a confirmation. */
class DraftConfirmationTest {

    private final ReportDocuments documents = new ReportDocuments(null, new CompletenessChecker(),
            new DocumentProperties(DataSize.ofMegabytes(20)), new com.fasterxml.jackson.databind.ObjectMapper());

    /** The short report whose only mention of item 3 has no principal leader as subject. */
    private static final byte[] UNCERTAIN = CompletenessCheckerTest.SHORT_REPORT
            .replace("县政府党政主要负责人认真履行推进法治建设第一责任人职责。", "进一步压实第一责任人责任，全年开展督察4次。")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void anUncertainItemAsksForConfirmationNamingTheItemAndWhy() {
        // When the draft with an uncertain item 3 is submitted without confirmation or justification
        // Then it is refused (400) asking to confirm item 3, with the reason and line, in both languages
        assertThatThrownBy(() -> documents.check(DraftSubmission.upload("r.txt", UNCERTAIN, null, null)))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.messageZh()).contains("无法确定", "第3项", "确认").doesNotContain("缺少法定内容");
                    assertThat(e.messageEn()).contains("item 3", "completenessConfirmed");
                    assertThat(e.details()).extracting(Bilingual::zh).singleElement().asString()
                            .contains("请确认第3项", "第4行");
                });
    }

    @Test
    void aConfirmedUncertainItemIsAcceptedAndStaysUncertain() {
        // When the same draft is submitted confirmed
        CompletenessReport report = documents.check(DraftSubmission.upload("r.txt", UNCERTAIN, null, null)
                .withConfirmed(true));

        // Then it is accepted: nothing is missing, item 3 stays UNCERTAIN, and the draft is not called complete
        assertThat(report.missing()).isEmpty();
        assertThat(report.item(3).state()).isEqualTo(ItemState.UNCERTAIN);
        assertThat(report.complete()).isFalse();
    }

    @Test
    void aConfirmationDoesNotReplaceTheJustificationOfAMissingItem() {
        // Given the short report without item 2, confirmed but not justified
        byte[] missing = CompletenessCheckerTest.SHORT_REPORT.replace("二、存在的不足和原因\n一是执法队伍建设还需加强。\n", "")
                .getBytes(StandardCharsets.UTF_8);

        // When submitted / Then it is refused for the missing item
        assertThatThrownBy(() -> documents.check(DraftSubmission.upload("r.txt", missing, null, null)
                .withConfirmed(true)))
                .isInstanceOf(InvalidDocumentException.class).extracting("messageZh").asString()
                .contains("缺少法定内容", "第2项");
    }

    @Test
    void anUploadedTextThatStopsMidSentenceAsksForConfirmation() {
        // Given the short report cut in its last sentence
        String full = CompletenessCheckerTest.SHORT_REPORT;
        byte[] cut = full.substring(0, full.indexOf("规范行政执法行为")).getBytes(StandardCharsets.UTF_8);

        // When submitted / Then it is refused asking to confirm the whole text; confirmed, it is accepted as not complete
        assertThatThrownBy(() -> documents.check(DraftSubmission.upload("r.txt", cut, null, null)))
                .isInstanceOf(InvalidDocumentException.class).extracting("messageZh").asString()
                .contains("无法确定", "全文");
        CompletenessReport confirmed = documents.check(DraftSubmission.upload("r.txt", cut, null, null)
                .withConfirmed(true));
        assertThat(confirmed.truncated()).isTrue();
        assertThat(confirmed.complete()).isFalse();
    }

    @Test
    void sectionsWrittenInTheFormAreNeverTakenForACutText() {
        // Given the five sections, the last one without a full stop
        List<String> sections = List.of("推行行政执法三项制度。", "执法队伍建设还需加强。", "县长履行第一责任人职责。",
                "下一步，我们将深化改革", "");

        // When checked / Then it is complete without any confirmation
        CompletenessReport report = documents.check(DraftSubmission.structured("某县2025年度法治政府建设情况报告",
                sections, null, null));
        assertThat(report.truncated()).isFalse();
        assertThat(report.complete()).isTrue();
    }

    @Test
    void aStoredResultFromBeforeTheStatesReadsAsPresentOrAbsent() {
        // Given results as stored before items had a state (JSON without state and reasons)
        ItemResult old = new ItemResult(3, "名称", "name", true, true, "证据", 4);
        ItemResult oldMissing = new ItemResult(2, "名称", "name", false, true, null, null);

        // Then they read as PRESENT and ABSENT (missing)
        assertThat(old.state()).isEqualTo(ItemState.PRESENT);
        assertThat(oldMissing.state()).isEqualTo(ItemState.ABSENT);
        assertThat(oldMissing.missing()).isTrue();
    }
}
