package cn.fazhi.annualreport.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The checks of a submitted draft before anything is stored: limits, type by content and name, completeness. */
class DraftCheckTest {

    private static final byte[] REPORT = CompletenessCheckerTest.SHORT_REPORT.getBytes(StandardCharsets.UTF_8);

    private final ReportDocuments documents = documents(DataSize.ofMegabytes(20));

    private static ReportDocuments documents(DataSize maxSize) {
        return new ReportDocuments(null, new CompletenessChecker(), new DocumentProperties(maxSize), new ObjectMapper());
    }

    @Test
    void theSizeLimitIsConfigurableAndNamedInThe413() {
        // Given a limit of 1 KB and a report of 1 KB + 1 byte
        ReportDocuments small = documents(DataSize.ofKilobytes(1));
        byte[] content = new byte[1025];
        java.util.Arrays.fill(content, (byte) 'a');

        // When checked / Then it is 413 naming the limit; the default is 20 MB
        assertThatThrownBy(() -> small.check(DraftSubmission.upload("r.txt", content, null, null)))
                .isInstanceOf(DocumentTooLargeException.class)
                .satisfies(e -> assertThat(((DocumentTooLargeException) e).status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE))
                .extracting("messageZh").asString().contains("1 KB");
        assertThat(new DocumentProperties(null).maxSize()).isEqualTo(DataSize.ofMegabytes(20));
    }

    @Test
    void textIsAcceptedAsTxtOrMdInUtf8OrGb18030() {
        // Given the report as .md in UTF-8 and as .txt in GB18030
        byte[] gb18030 = CompletenessCheckerTest.SHORT_REPORT.getBytes(Charset.forName("GB18030"));

        // When checked / Then both are complete
        assertThat(documents.check(DraftSubmission.upload("报告.md", REPORT, null, null)).complete()).isTrue();
        assertThat(documents.check(DraftSubmission.upload("报告.txt", gb18030, null, null)).complete()).isTrue();
    }

    @Test
    void aNameThatContradictsTheContentOrAnotherTypeIsRefused() {
        // When text is sent as .pdf, and a report as .doc and .exe / Then each is 415
        assertThatThrownBy(() -> documents.check(DraftSubmission.upload("报告.pdf", REPORT, null, null)))
                .isInstanceOf(UnsupportedDocumentException.class).extracting("messageZh").asString()
                .contains("内容与扩展名不符", "纯文本");
        assertThatThrownBy(() -> documents.check(DraftSubmission.upload("报告.doc", REPORT, null, null)))
                .isInstanceOf(UnsupportedDocumentException.class).extracting("messageZh").asString()
                .contains("不支持的文件类型");
        assertThatThrownBy(() -> documents.check(DraftSubmission.upload("setup.exe", REPORT, null, null)))
                .isInstanceOf(UnsupportedDocumentException.class);
        // And a file without a name is judged by its content alone
        assertThat(documents.check(DraftSubmission.upload(null, REPORT, null, null)).complete()).isTrue();
    }

    @Test
    void nothingBothOrOverlongTextsAreRefused() {
        List<String> sections = List.of("主要举措。", "", "", "", "");

        // When nothing, a file and sections together, a justification of 2,001 characters / Then 400
        assertThatThrownBy(() -> documents.check(DraftSubmission.structured(null, List.of("", " "), null, null)))
                .isInstanceOf(InvalidDocumentException.class).extracting("messageZh").asString().contains("请上传报告稿文件");
        assertThatThrownBy(() -> documents.check(new DraftSubmission("r.txt", REPORT, sections, null, null, null)))
                .isInstanceOf(InvalidDocumentException.class).extracting("messageZh").asString().contains("不能同时提交");
        assertThatThrownBy(() -> documents.check(DraftSubmission.upload("r.txt", REPORT, "理".repeat(2001), null)))
                .isInstanceOf(InvalidDocumentException.class).extracting("messageZh").asString().contains("2000");
    }

    @Test
    void sectionsAreRenderedUnderTheStatutoryHeadingsLeavingOutEmptyOnes() {
        // Given sections 1, 3 and 4 written
        List<String> sections = List.of("推行行政执法三项制度。", " ", "县长履行第一责任人职责。", "下一步深化改革。", "");

        // When rendered and checked
        String text = StructuredDraft.render("某县2025年度法治政府建设情况报告", sections);
        CompletenessReport report = new CompletenessChecker().check(text);

        // Then the written ones follow the title, numbered in order under their statutory headings, and only item 2
        // is missing
        assertThat(text).isEqualTo("""
                某县2025年度法治政府建设情况报告

                一、上一年度推进法治政府建设的主要举措和成效
                推行行政执法三项制度。

                二、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况
                县长履行第一责任人职责。

                三、下一年度推进法治政府建设的主要安排
                下一步深化改革。

                """);
        assertThat(report.items()).extracting(ItemResult::present).containsExactly(true, false, true, true, false);
        assertThatThrownBy(() -> documents.check(DraftSubmission.structured(null, sections, " ", null)))
                .isInstanceOf(InvalidDocumentException.class).extracting("messageZh").asString()
                .contains("第2项“存在的不足和原因”");
        assertThat(documents.check(DraftSubmission.structured(null, sections, "另行报告", null)).complete()).isFalse();
    }

    @Test
    void fileNamesLoseTheirPathAndCharactersUnfitForADownload() {
        assertThat(ReportDocuments.cleanFileName("C:\\fakepath\\报告\"初稿\".docx")).isEqualTo("报告初稿.docx");
        assertThat(ReportDocuments.cleanFileName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(ReportDocuments.cleanFileName("  ")).isNull();
        // a right-to-left override would make "报告exe.docx" look like a Word file; it is dropped
        assertThat(ReportDocuments.cleanFileName("报告\u202Excod.exe")).isEqualTo("报告xcod.exe");
    }

    @Test
    void jacksonReadsStringsAsLongAsTwiceTheBase64OfTheLimit() {
        // Given the default limit of 20 MB: its base64 is 27,962,028 characters
        assertThat(JsonStringLimit.base64Length(DataSize.ofMegabytes(20).toBytes())).isEqualTo(27_962_028L);

        // When raised (as at start-up) / Then Jackson's default limit is at least that
        JsonStringLimit.raiseTo(2 * 27_962_028L + 1024);
        assertThat(com.fasterxml.jackson.core.StreamReadConstraints.defaults().getMaxStringLength())
                .isGreaterThanOrEqualTo(2 * 27_962_028 + 1024);
    }

    @Test
    void multipartLimitsBelowTheDocumentLimitStopTheStart() {
        DocumentProperties twentyMegabytes = new DocumentProperties(DataSize.ofMegabytes(20));

        // When the container's multipart limits lie below the document limit / Then the application does not start
        assertThatThrownBy(() -> new DocumentUploadLimits(twentyMegabytes, multipart(10, 30)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("report.documents.max-size");
        assertThatThrownBy(() -> new DocumentUploadLimits(twentyMegabytes, multipart(30, 15)))
                .isInstanceOf(IllegalStateException.class);
        // And at or above it (or unlimited: -1) it does
        new DocumentUploadLimits(twentyMegabytes, multipart(30, -1));
    }

    /** spring.servlet.multipart.max-file-size and max-request-size in megabytes (-1: unlimited). */
    private static MultipartProperties multipart(long maxFileSize, long maxRequestSize) {
        MultipartProperties multipart = new MultipartProperties();
        multipart.setMaxFileSize(DataSize.ofMegabytes(maxFileSize));
        multipart.setMaxRequestSize(maxRequestSize < 0 ? DataSize.ofBytes(-1) : DataSize.ofMegabytes(maxRequestSize));
        return multipart;
    }
}
