package cn.fazhi.annualreport.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/** The statutory completeness check on the real reports and on short reports in every accepted form. */
class CompletenessCheckerTest {

    /** The shared folder sits beside the repository (in CI and on the development machine). */
    private static final Path REPORTS = Path.of("../shared/reports");

    private final CompletenessChecker checker = new CompletenessChecker();

    /** A short report in the five-headings layout, items 1–4 present, item 5 absent. */
    static final String SHORT_REPORT = """
            某县人民政府2023年度法治政府建设情况报告

            一、主要举措和成效
            （一）依法全面履行政府职能。县政府党政主要负责人认真履行推进法治建设第一责任人职责。
            二、存在的不足和原因
            一是执法队伍建设还需加强。
            三、2024年工作安排
            下一步，我们将进一步规范行政执法行为。
            """;

    /** The same report, converted by hand into traditional characters. */
    static final String SHORT_REPORT_TRADITIONAL = """
            某縣人民政府2023年度法治政府建設情況報告

            一、主要舉措和成效
            （一）依法全面履行政府職能。縣政府黨政主要負責人認真履行推進法治建設第一責任人職責。
            二、存在的不足和原因
            一是執法隊伍建設還需加強。
            三、2024年工作安排
            下一步，我們將進一步規範行政執法行為。
            """;

    @Test
    void everyReportInTheSharedFolderHasHandWorkedExpectations() throws IOException {
        // Given the shared folder of real reports (its absence is an error, not a reason to skip)
        assertThat(Files.isDirectory(REPORTS))
                .as("The real reports are expected in %s (the shared folder beside the repository)",
                        REPORTS.toAbsolutePath().normalize())
                .isTrue();

        // When listing them
        List<String> names;
        try (Stream<Path> files = Files.list(REPORTS)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList();
        }

        // Then each has its own test below: a new report needs its expectations worked out by hand
        assertThat(names).containsExactly("bayan-county-2021.txt", "langfang-city-2023.txt",
                "xinhua-district-2020.txt");
        for (String name : names) {
            assertThat(checker.check(Files.readString(REPORTS.resolve(name))).complete()).as(name).isTrue();
        }
    }

    @Test
    void bayanCounty2021ThematicChaptersWithAClosingParagraph() throws IOException {
        // Given 巴彦县's report: nine thematic chapters (一、健全政府机构职能体系 … 九、完善法治政府建设推进机制), no
        // chapter named after a statutory item; chapter 九 has the run-in heading (二) "加强党对法治政府建设的领导,切实
        // 履行推进法治政府建设领导职责" (line 72); the closing paragraph (line 76) says "…相比还有不足,主要表现在:一是…"
        // and then "下一步,我们将…"; nothing on "其他需要报告的情况".
        String text = readReport("bayan-county-2021.txt");

        // When checked
        CompletenessReport report = checker.check(text);

        // Then 1 = the first thematic chapter (line 12), 2 and 4 = the closing paragraph, 3 = the heading of 九(二)
        // (evidence is quoted as the check reads it: ASCII punctuation next to Chinese text becomes full-width)
        assertPresent(report, 1, 12, "一、健全政府机构职能体系");
        assertPresent(report, 2, 76, "还有不足");
        assertPresent(report, 3, 72, "（二）加强党对法治政府建设的领导，切实履行推进法治政府建设领导职责");
        assertPresent(report, 4, 76, "下一步");
        assertAbsent(report, 5);
        assertThat(report.complete()).isTrue();
    }

    @Test
    void langfangCity2023ThematicChaptersWithAClosingParagraph() throws IOException {
        // Given 廊坊市's report: four thematic chapters (一、把握正确政治方向… line 9, 二、…13, 三、…27, 四、…35); the
        // paragraph of chapter 一 (line 11) opens with "认真履行推进法治建设第一责任人职责"; the closing paragraph (line 43)
        // says "…仍存在差距。比如,…" and "下一步,将持续…"; nothing on other matters.
        String text = readReport("langfang-city-2023.txt");

        // When checked
        CompletenessReport report = checker.check(text);

        // Then
        assertPresent(report, 1, 9, "一、把握正确政治方向，全面推动法治建设各项工作落地落实");
        assertPresent(report, 2, 43, "仍存在差距");
        assertPresent(report, 3, 11, "认真履行推进法治建设第一责任人职责");
        assertPresent(report, 4, 43, "下一步");
        assertAbsent(report, 5);
        assertThat(report.complete()).isTrue();
    }

    @Test
    void xinhuaDistrict2020StatutoryHeadings() throws IOException {
        // Given 新华区's report in the statutory layout: 一、推进法治政府建设的主要措施和成效 (line 7), 二、存在的问题
        // (line 23), 三、2021年度推进法治政府建设的主要安排 (line 27); item 3 is inside chapter 一: (一)加强党的领导 落实
        // 主体责任 … "一是积极履行推进法治建设第一责任人职责" (line 9). The plan heading (一)进一步压实第一责任人责任
        // (line 29) lies in the chapter of item 4 and is therefore not taken as evidence for item 3. No other matters.
        String text = readReport("xinhua-district-2020.txt");

        // When checked
        CompletenessReport report = checker.check(text);

        // Then
        assertPresent(report, 1, 7, "一、推进法治政府建设的主要措施和成效");
        assertPresent(report, 2, 23, "二、存在的问题");
        assertPresent(report, 3, 9, "第一责任人职责");
        assertPresent(report, 4, 27, "三、2021年度推进法治政府建设的主要安排");
        assertAbsent(report, 5);
        assertThat(report.complete()).isTrue();
    }

    @Test
    void aShortReportWithTheFiveHeadingsLayout() {
        // When the short report is checked
        CompletenessReport report = checker.check(SHORT_REPORT);

        // Then items 1, 2 and 4 are found in their headings and item 3 in the paragraph of (一)
        assertPresent(report, 1, 3, "一、主要举措和成效");
        assertPresent(report, 2, 5, "二、存在的不足和原因");
        assertPresent(report, 3, 4, "党政主要负责人");
        assertPresent(report, 4, 7, "三、2024年工作安排");
        assertAbsent(report, 5);
        assertThat(report.complete()).isTrue();
        assertThat(report.items()).extracting(ItemResult::required).containsExactly(true, true, true, true, false);
    }

    @Test
    void traditionalCharactersGiveTheSameResult() {
        // Given the short report in traditional characters
        // When checked
        CompletenessReport traditional = checker.check(SHORT_REPORT_TRADITIONAL);

        // Then the result, evidence included (in simplified characters), is that of the simplified report
        assertThat(traditional).isEqualTo(checker.check(SHORT_REPORT));
    }

    @Test
    void aReportWithoutShortcomingsIsIncomplete() {
        // Given the short report without its chapter 二、存在的不足和原因
        String text = SHORT_REPORT.replace("二、存在的不足和原因\n一是执法队伍建设还需加强。\n", "");

        // When checked
        CompletenessReport report = checker.check(text);

        // Then item 2 is absent and the report is incomplete
        assertAbsent(report, 2);
        assertThat(report.item(1).present()).isTrue();
        assertThat(report.item(4).present()).isTrue();
        assertThat(report.complete()).isFalse();
    }

    @Test
    void otherMattersAreReportedWhenPresent() {
        // Given the short report with a fourth chapter on other matters
        String text = SHORT_REPORT + "四、其他需要报告的情况\n无。\n";

        // When checked
        CompletenessReport report = checker.check(text);

        // Then item 5 is present on line 9
        assertPresent(report, 5, 9, "四、其他需要报告的情况");
        assertThat(report.complete()).isTrue();
    }

    @Test
    void aDocxBuiltWithPoiIsChecked() throws IOException {
        // Given the short report as a .docx, one Word paragraph per line
        byte[] docx;
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : SHORT_REPORT_TRADITIONAL.split("\n")) {
                document.createParagraph().createRun().setText(line);
            }
            document.write(out);
            docx = out.toByteArray();
        }

        // When checked as bytes, with a misleading file name (the type is recognised by content)
        CompletenessReport report = checker.check(docx, "report.txt");

        // Then it is the result of the text
        assertThat(report).isEqualTo(checker.check(SHORT_REPORT));
    }

    @Test
    void plainTextInUtf8OrGb18030IsRecognisedByContent() {
        // Given the short report encoded as UTF-8 with BOM and as GB18030
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = SHORT_REPORT.getBytes(StandardCharsets.UTF_8);
        byte[] utf8WithBom = new byte[bom.length + utf8.length];
        System.arraycopy(bom, 0, utf8WithBom, 0, bom.length);
        System.arraycopy(utf8, 0, utf8WithBom, bom.length, utf8.length);
        byte[] gb18030 = SHORT_REPORT.getBytes(Charset.forName("GB18030"));

        // When checked / Then both give the result of the text
        assertThat(checker.check(utf8WithBom, "report.docx")).isEqualTo(checker.check(SHORT_REPORT));
        assertThat(checker.check(gb18030, null)).isEqualTo(checker.check(SHORT_REPORT));
    }

    @Test
    void aPdfWithTextIsCheckedLikeItsText() throws IOException {
        // Given the short report printed to PDF (by Chromium from short-report.html, Noto Sans CJK embedded); its
        // first paragraph wraps inside "第一责任人"
        byte[] pdf = Files.readAllBytes(Path.of("src/test/resources/documents/short-report.pdf"));

        // When checked
        CompletenessReport report = checker.check(pdf, "report.pdf");

        // Then it gives the result of the text (the PDF has no blank line after the title: lines differ by one), the
        // wrapped line joined again
        assertThat(report.items()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("line")
                .isEqualTo(checker.check(SHORT_REPORT).items());
        assertThat(report.complete()).isTrue();
        assertThat(DocumentText.extract(pdf, "report.pdf")).contains("认真履行推进法治建设第一责任人职责。");
    }

    @Test
    void wrappedPdfLinesAreJoinedButHeadingsAndSentenceEndsAreKept() {
        // Given lines as PDFBox gives them: a full line broken inside a phrase, a short heading, a sentence end
        String text = String.join("\n", "一、主要举措和成效", "县政府党政主要负责人认真履行推进法治建设第一责任",
                "人职责，坚持把法治建设摆在全局工作的突出位置。", "（一）依法全面履行政府职能，持续推进简政放权",
                "二、存在的不足和原因");

        // When unwrapped
        String unwrapped = DocumentText.unwrap(text);

        // Then only the wrapped line is joined with its continuation
        assertThat(unwrapped.split("\n")).containsExactly("一、主要举措和成效",
                "县政府党政主要负责人认真履行推进法治建设第一责任人职责，坚持把法治建设摆在全局工作的突出位置。",
                "（一）依法全面履行政府职能，持续推进简政放权", "二、存在的不足和原因");
    }

    @Test
    void damagedPdfOtherArchivesBinaryAndEmptyContentAreRefused() throws IOException {
        // Given a damaged PDF, a ZIP that is not a .docx, binary bytes, an executable and nothing
        byte[] pdf = "%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        byte[] binary = {0, 1, 2, 3, (byte) 0xFF, (byte) 0xFE, 0, 0};
        byte[] executable = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0};

        // When checked / Then a damaged PDF and other types are 415, empty content is 400
        assertThatThrownBy(() -> checker.check(pdf, "r.pdf")).isInstanceOf(UnsupportedDocumentException.class)
                .hasMessageContaining("PDF").extracting("messageZh").asString().contains("无法读取 PDF 文件");
        assertThatThrownBy(() -> checker.check(zip.toByteArray(), "r.zip"))
                .isInstanceOf(UnsupportedDocumentException.class);
        assertThatThrownBy(() -> checker.check(binary, "r.bin")).isInstanceOf(UnsupportedDocumentException.class);
        assertThatThrownBy(() -> checker.check(executable, "report.docx"))
                .isInstanceOf(UnsupportedDocumentException.class);
        assertThatThrownBy(() -> checker.check(new byte[0], "r.txt")).isInstanceOf(InvalidDocumentException.class);
        assertThatThrownBy(() -> checker.check("  \n ")).isInstanceOf(InvalidDocumentException.class);
    }

    @Test
    void evidenceIsAtMostEightyCharacters() throws IOException {
        for (String name : List.of("bayan-county-2021.txt", "langfang-city-2023.txt", "xinhua-district-2020.txt")) {
            assertThat(checker.check(readReport(name)).items()).filteredOn(ItemResult::present)
                    .allSatisfy(i -> assertThat(i.evidence()).hasSizeLessThanOrEqualTo(80));
        }
    }

    private static String readReport(String name) throws IOException {
        Path file = REPORTS.resolve(name);
        assertThat(Files.isRegularFile(file))
                .as("Real report %s is expected in the shared folder beside the repository",
                        file.toAbsolutePath().normalize())
                .isTrue();
        return Files.readString(file);
    }

    private static void assertPresent(CompletenessReport report, int number, int line, String evidence) {
        ItemResult item = report.item(number);
        assertThat(item.present()).as("item %d present", number).isTrue();
        assertThat(item.line()).as("item %d line", number).isEqualTo(line);
        assertThat(item.evidence()).as("item %d evidence", number).contains(evidence);
    }

    private static void assertAbsent(CompletenessReport report, int number) {
        ItemResult item = report.item(number);
        assertThat(item.present()).as("item %d present", number).isFalse();
        assertThat(item.evidence()).isNull();
        assertThat(item.line()).isNull();
    }
}
