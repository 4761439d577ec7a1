package cn.fazhi.annualreport.filing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * The cover letter (报送函 / 抄送函) that goes with the issued report to one addressee, as a Word document laid out
 * after the official-document format (GB/T 9704: title in 小标宋 二号, text in 仿宋_GB2312 三号, fixed 28-point
 * lines, dates in Arabic numerals): the title, the addressee (主送机关), the text naming the report and its document
 * number (文号), the attachment line, the issuing entity and the date (the report's issue date).
 */
final class CoverLetter {

    private static final String TITLE_FONT = "方正小标宋简体";
    private static final String BODY_FONT = "仿宋_GB2312";
    private static final int TITLE_SIZE = 22; // 二号
    private static final int BODY_SIZE = 16; // 三号

    private CoverLetter() {
    }

    static String reportTitle(String entityName, int year) {
        return entityName + year + "年度法治政府建设情况报告";
    }

    static byte[] docx(String entityName, int year, String documentNumber, String recipient, boolean copy,
                       LocalDate date) {
        String report = reportTitle(entityName, year);
        String verb = copy ? "抄送" : "报送";
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setTitle(entityName + "关于" + verb + year + "年度法治政府建设情况报告的函");
            doc.getProperties().getCoreProperties().setCreator(entityName);
            paragraph(doc, ParagraphAlignment.CENTER, 0, TITLE_FONT, TITLE_SIZE,
                    entityName + "关于" + verb + year + "年度法治政府建设情况报告的函");
            paragraph(doc, ParagraphAlignment.LEFT, 0, BODY_FONT, BODY_SIZE, "");
            paragraph(doc, ParagraphAlignment.LEFT, 0, BODY_FONT, BODY_SIZE, recipient + "：");
            paragraph(doc, ParagraphAlignment.BOTH, 2, BODY_FONT, BODY_SIZE,
                    "根据《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）关于法治政府建设年度报告的要求，现将《"
                            + report + "》（" + documentNumber + "）随函" + verb + (copy ? "，请参阅。" : "，请审阅。"));
            paragraph(doc, ParagraphAlignment.LEFT, 0, BODY_FONT, BODY_SIZE, "");
            paragraph(doc, ParagraphAlignment.LEFT, 2, BODY_FONT, BODY_SIZE, "附件：" + report);
            paragraph(doc, ParagraphAlignment.LEFT, 0, BODY_FONT, BODY_SIZE, "");
            paragraph(doc, ParagraphAlignment.RIGHT, 0, BODY_FONT, BODY_SIZE, entityName);
            paragraph(doc, ParagraphAlignment.RIGHT, 0, BODY_FONT, BODY_SIZE,
                    date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日");
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the cover letter", e);
        }
    }

    private static void paragraph(XWPFDocument doc, ParagraphAlignment alignment, int indentChars, String font,
                                  int size, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(alignment);
        p.setSpacingBetween(28, org.apache.poi.xwpf.usermodel.LineSpacingRule.EXACT);
        if (indentChars > 0) {
            p.setIndentationFirstLine(indentChars * size * 20); // first-line indent in twips: n characters
        }
        XWPFRun run = p.createRun();
        run.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
        run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.ascii);
        run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.hAnsi);
        run.setFontSize(size);
        run.setText(text);
    }
}
