package cn.fazhi.annualreport.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/** How a stored draft version is shown in the reviewer's browser: PDF as it is, text as UTF-8, a .docx as HTML. */
class DraftViewTest {

    @Test
    void aPdfIsServedAsItIs() throws Exception {
        // Given a PDF draft with text
        byte[] pdf = pdf("Annual report on the rule of law 2025");

        // When it is viewed
        DraftView view = DraftView.of(new StoredDocument(1, "report.pdf", "application/pdf", pdf, "x"));

        // Then the browser gets the same bytes as a PDF, for its own viewer
        assertThat(view.mediaType()).isEqualTo("application/pdf");
        assertThat(view.content()).isEqualTo(pdf);
        assertThat(view.html()).isFalse();
    }

    @Test
    void plainTextInGb18030IsShownAsUtf8() {
        // Given a text draft saved by Notepad in GB18030
        byte[] gb = "巴彦县人民政府2025年度法治政府建设情况报告\n一、主要举措和成效\n".getBytes(Charset.forName("GB18030"));

        // When it is viewed
        DraftView view = DraftView.of(new StoredDocument(2, "报告.txt", "text/plain;charset=GB18030", gb, "x"));

        // Then it is UTF-8 text the browser shows as Chinese
        assertThat(view.mediaType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(new String(view.content(), StandardCharsets.UTF_8)).contains("一、主要举措和成效");
    }

    @Test
    void aWordDocumentBecomesAnHtmlPageOfItsParagraphsAndTablesWithNothingToRun() throws Exception {
        // Given a .docx with a title, a paragraph carrying markup characters and a table
        byte[] docx;
        try (XWPFDocument d = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            d.createParagraph().createRun().setText("一、主要举措和成效");
            d.createParagraph().createRun().setText("全年办理案件<b>1200</b>件 & 更多");
            var table = d.createTable(1, 2);
            table.getRow(0).getCell(0).setText("行政复议");
            table.getRow(0).getCell(1).setText("35件");
            d.write(out);
            docx = out.toByteArray();
        }

        // When it is viewed
        DraftView view = DraftView.of(new StoredDocument(3, "报告.docx", "application/vnd.openxmlformats-officedocument"
                + ".wordprocessingml.document", docx, "x"));
        String html = new String(view.content(), StandardCharsets.UTF_8);

        // Then it is an HTML page with each paragraph and the table's cells, the markup shown as text
        assertThat(view.html()).isTrue();
        assertThat(view.mediaType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(html).contains("<title>报告.docx（第3版）</title>", "<p>一、主要举措和成效</p>",
                "全年办理案件&lt;b&gt;1200&lt;/b&gt;件 &amp; 更多", "<td>行政复议</td><td>35件</td>")
                .doesNotContain("<b>", "<script");
    }

    private static byte[] pdf(String text) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
