package cn.fazhi.annualreport.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check on report shapes the issue describes: annotated, traditional, older headings, decoys, cut texts, wrong case. */
class CompletenessReadingTest {

    private final CompletenessChecker checker = new CompletenessChecker();

    /** A 2023 report as a web page prints it: traditional characters, pinyin after some, page marks, a closing paragraph. */
    static final String ANNOTATED = """
            某(mǒu)縣(xiàn)人民政府2023年度法治政府建設情況報告

            2023年，某縣堅持以習近平法治思想為指導，紮實推進法治政府建設。
            一、加強(qiáng)黨(dǎng)的領導，推進依法行政
            縣委書記、縣長認真履行推進法治建設第一責任人職責，主持召開縣政府常務會議專題研究法治政府建設3次。
            — 3 —
            二、嚴格規範公正文明執法
            全年辦理行政執法案件120件，開展案卷評查2次，制定《某縣行政執法公示辦法》。
            2023年，我縣法治政府建設取得了一定成效，但仍存在一些不足，主要表現在：基層執法力量薄弱。2024年，我們將進一步加強執法隊伍建設，深化行政執法體制改革。

            某縣人民政府
            2024年2月20日
            """;

    @Test
    void anAnnotatedTraditionalReportWithAClosingParagraphIsComplete() {
        // When the annotated, traditional report is checked
        CompletenessReport report = checker.check(ANNOTATED, new ReportCase(2023, "某县人民政府"));

        // Then item 3 is found inside section 一 (its subject 县委书记、县长) and items 2 and 4 in the closing paragraph
        // (line 9, the original line: the page mark "— 3 —" is dropped without renumbering)
        assertThat(report.item(1).state()).isEqualTo(ItemState.PRESENT);
        assertThat(report.item(3).state()).isEqualTo(ItemState.PRESENT);
        assertThat(report.item(3).line()).isEqualTo(5);
        assertThat(report.item(3).evidence()).contains("县委书记、县长认真履行推进法治建设第一责任人职责");
        assertThat(report.item(2).state()).isEqualTo(ItemState.PRESENT);
        assertThat(report.item(2).line()).isEqualTo(9);
        assertThat(report.item(4).state()).isEqualTo(ItemState.PRESENT);
        assertThat(report.item(4).line()).isEqualTo(9);
        assertThat(report.item(4).evidence()).contains("2024年，我们将进一步加强执法队伍建设");
        assertThat(report.complete()).isTrue();
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void plansForTheReportingYearItselfAreNotNextYearsPlans() {
        // Given the same report whose closing speaks of 2023 (the reporting year), not 2024
        String text = ANNOTATED.replace("2024年，我們將", "2023年，我們將");

        // When checked
        CompletenessReport report = checker.check(text, new ReportCase(2023, "某县人民政府"));

        // Then item 4 is not present and the report is not complete
        assertThat(report.item(4).state()).isNotEqualTo(ItemState.PRESENT);
        assertThat(report.complete()).isFalse();
    }

    /** An older report with unnumbered headings; its problems mention 第一责任人 as a shortcoming. */
    static final String OLDER = """
            某区司法局2019年法治政府建设工作报告
            工作情况
            我局制定《某区司法局行政执法公示制度》，全年审查规范性文件35件，办理行政复议案件12件，开展普法活动40余次。
            主要问题
            一是个别科室负责人履行推进法治建设第一责任人职责不到位；二是执法人员法律素养有待提高。
            下一步工作打算
            进一步健全依法决策机制，持续加强执法队伍建设，推动法治政府建设再上新台阶。
            """;

    @Test
    void unnumberedHeadingsAreChaptersAndAShortcomingIsNotTheLeadersDuty() {
        // When the older report is checked
        CompletenessReport report = checker.check(OLDER);

        // Then 工作情况, 主要问题 and 下一步工作打算 are headings giving items 1, 2 and 4
        assertThat(report.item(1).state()).isEqualTo(ItemState.PRESENT);
        assertThat(report.item(1).evidence()).isEqualTo("工作情况");
        assertThat(report.item(2).state()).isEqualTo(ItemState.PRESENT);
        assertThat(report.item(2).line()).isEqualTo(4);
        assertThat(report.item(4).state()).isEqualTo(ItemState.PRESENT);
        assertThat(report.item(4).line()).isEqualTo(6);
        // And the 第一责任人 named as a shortcoming is no evidence for item 3
        assertThat(report.item(3).state()).isEqualTo(ItemState.ABSENT);
        assertThat(report.item(3).reasonZh()).contains("问题部分");
        assertThat(report.complete()).isFalse();
    }

    @Test
    void organisingOtherUnits述法IsNotTheLeadersOwnDuty() {
        // Given an opening in which the bureau organises the 述法 of other units' principal leaders
        String text = """
                一、主要举措和成效
                （一）组织年终述法。组织全市各部门党政主要负责人履行推进法治建设第一责任人职责情况现场述法，覆盖42个单位。
                （二）督促落实。督促各乡镇主要负责人切实履行第一责任人职责。
                """;

        // When checked / Then item 3 is absent
        assertThat(checker.check(text).item(3).state()).isEqualTo(ItemState.ABSENT);
    }

    @Test
    void aPassingMentionOfTheDutyIsUncertainAndAsksForConfirmation() {
        // Given a report whose only mention of the duty has no principal leader as its subject
        String text = """
                某县人民政府2023年度法治政府建设情况报告
                一、主要举措和成效
                （一）压实法治建设责任。进一步压实第一责任人责任，完善考核办法，全年开展督察4次。
                二、存在的不足和原因
                执法队伍建设还需加强。
                三、2024年工作安排
                下一步，我们将规范行政执法行为。
                """;

        // When checked
        CompletenessReport report = checker.check(text);

        // Then item 3 is UNCERTAIN with its evidence and a reason asking to confirm; the report is not complete, but
        // nothing is missing
        ItemResult item3 = report.item(3);
        assertThat(item3.state()).isEqualTo(ItemState.UNCERTAIN);
        assertThat(item3.present()).isFalse();
        assertThat(item3.line()).isEqualTo(3);
        assertThat(item3.evidence()).contains("压实第一责任人责任");
        assertThat(item3.reasonZh()).contains("请确认");
        assertThat(report.uncertain()).extracting(ItemResult::number).containsExactly(3);
        assertThat(report.missing()).isEmpty();
        assertThat(report.complete()).isFalse();
    }

    @Test
    void aTextThatStopsAfterItsOpeningIsNotCreditedWithTheClosingItems() {
        // Given only the opening of a report, cut mid-sentence
        String text = """
                某县人民政府2023年度法治政府建设情况报告
                2023年，我县深入推进法治政府建设，补齐工作短板，为下一步工作打下基础。
                一、主要举措和成效
                （一）县长认真履行推进法治建设第一责任人职责，主持召开专题会议
                """;

        // When checked
        CompletenessReport report = checker.check(text);

        // Then the words 短板 and 下一步 in the opening do not make items 2 and 4, and the text is flagged as cut
        assertThat(report.item(2).state()).isEqualTo(ItemState.ABSENT);
        assertThat(report.item(4).state()).isEqualTo(ItemState.ABSENT);
        assertThat(report.truncated()).isTrue();
        assertThat(report.complete()).isFalse();
        assertThat(report.warnings()).extracting(CheckWarning::code).containsExactly(CheckWarning.TRUNCATED);
        assertThat(report.warnings().get(0).line()).isEqualTo(4);
    }

    @Test
    void anAttachmentListAfterTheLastParagraphIsNotACut() {
        // Given the annotated report followed by its attachment list and a 此件 note (lines without a full stop)
        String text = ANNOTATED + "附件：1.某县法治政府建设工作台账\n（此件公开发布）\n";

        // When checked / Then it is not taken for a cut text
        CompletenessReport report = checker.check(text);
        assertThat(report.truncated()).isFalse();
        assertThat(report.complete()).isTrue();
    }

    @Test
    void aReportOfAnotherYearOrEntityIsFlagged() {
        // Given the annotated 2023 report of 某县
        // When it is checked for a 2025 case of 巴彦县人民政府
        CompletenessReport report = checker.check(ANNOTATED, new ReportCase(2025, "巴彦县人民政府"));

        // Then both mismatches are warnings with the title as evidence (line 1), and the items are still found
        assertThat(report.warnings()).extracting(CheckWarning::code)
                .containsExactly(CheckWarning.YEAR_MISMATCH, CheckWarning.ENTITY_MISMATCH);
        assertThat(report.warnings()).allSatisfy(w -> {
            assertThat(w.line()).isEqualTo(1);
            assertThat(w.evidence()).contains("某县人民政府2023年度");
        });
        assertThat(report.warnings().get(0).messageZh()).contains("2023", "2025");
        assertThat(report.warnings().get(1).messageZh()).contains("巴彦县人民政府");
        assertThat(report.item(3).state()).isEqualTo(ItemState.PRESENT);
        // And the report is read in its own year: its "2024年，我们将…" is still next year's plan
        assertThat(report.item(4).state()).isEqualTo(ItemState.PRESENT);
    }

    @Test
    void aReportNamingItsEntityShortlyMatchesTheCase() {
        // Given 巴彦县's own report text (its title says 巴彦县人民政府关于巴彦县2021年度…)
        // When checked against its case and against the same entity written as a department of the county
        // Then it matches its own case and not the 巴彦县司法局's
        assertThat(CaseMatch.names("巴彦县人民政府")).contains("巴彦县", "巴彦");
        assertThat(CaseMatch.names("山西省朔州市朔城区人民政府")).contains("朔城区");
        assertThat(CaseMatch.names("巴彦县司法局")).contains("巴彦县司法局").doesNotContain("巴彦县", "巴彦");
    }

    @Test
    void numberingAndPunctuationAreNormalised() {
        // Given headings numbered in the ways published reports number them, with ASCII punctuation
        // When normalised / Then they read as 一、 / （一） / 1. and full-width punctuation
        assertThat(ReportText.normalise("第一部分 工作情况")).isEqualTo("一、工作情况");
        assertThat(ReportText.normalise("一．主要举措")).isEqualTo("一、主要举措");
        assertThat(ReportText.normalise("一)纵深推进")).isEqualTo("（一）纵深推进");
        assertThat(ReportText.normalise("(二)强化监督,规范执法")).isEqualTo("（二）强化监督，规范执法");
        assertThat(ReportText.normalise("1、严格依法决策")).isEqualTo("1.严格依法决策");
        assertThat(ReportText.normalise("一是加强学习")).isEqualTo("一是加强学习");
        assertThat(ReportText.normalise("2025 年推进")).isEqualTo("2025年推进");
        assertThat(ReportText.normalise("加強(qiáng)黨(dǎng)的領導")).isEqualTo("加强党的领导");
        assertThat(ReportText.normalise("乾部著力學法")).isEqualTo("干部着力学法");
    }

    @Test
    void pageFurnitureIsDroppedAndLineNumbersKept() {
        // Given a text with page marks and a running header printed on every page
        String text = String.join("\n", "某县法治政府建设报告", "正文第一段。", "— 1 —", "某县人民政府文件", "正文第二段。",
                "第2页 共3页", "某县人民政府文件", "正文第三段。", "- 3 -", "某县人民政府文件");

        // When read
        ReportText read = ReportText.read(text);

        // Then only the title and the paragraphs are kept, with their original line numbers
        assertThat(read.lines).extracting(ReportText.Line::number).containsExactly(1, 2, 5, 8);
    }
}
