package cn.fazhi.annualreport.filing;

import cn.fazhi.annualreport.api.WordTemplate;
import cn.fazhi.annualreport.shared.Beijing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * The letter's layout, written once by POI with a placeholder for each text ({@link WordTemplate}): building each
     * letter with POI took 3 ms of CPU once warm, the largest part of the archive's cost in the benchmark's profile;
     * filling one in takes 0.3 ms and writes the same document.
     */
    private static final WordTemplate TEMPLATE = template();

    private CoverLetter() {
    }

    static String reportTitle(String entityName, int year) {
        return entityName + year + "年度法治政府建设情况报告";
    }

    static byte[] docx(String entityName, int year, String documentNumber, String recipient, boolean copy,
                       LocalDate date) {
        String report = reportTitle(entityName, year);
        String verb = copy ? "抄送" : "报送";
        Map<String, String> values = Map.of(
                "TITLE", entityName + "关于" + verb + year + "年度法治政府建设情况报告的函",
                "RECIPIENT", recipient + "：",
                "TEXT", "根据《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）关于法治政府建设年度报告的要求，现将《"
                        + report + "》（" + documentNumber + "）随函" + verb + (copy ? "，请参阅。" : "，请审阅。"),
                "ATTACHMENT", "附件：" + report,
                "ENTITY", Objects.toString(entityName, ""),
                "DATE", date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日");
        LocalDateTime time = date.atStartOfDay();
        return TEMPLATE.fill(values, List.of(), time, time.atZone(Beijing.ZONE).toInstant());
    }

    private static WordTemplate template() {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setTitle(WordTemplate.placeholder("TITLE"));
            doc.getProperties().getCoreProperties().setCreator(WordTemplate.placeholder("ENTITY"));
            doc.getProperties().getCoreProperties().setCreated(Optional.of(new Date(0))); // each letter's own date
            paragraph(doc, ParagraphAlignment.CENTER, 0, TITLE_FONT, TITLE_SIZE, WordTemplate.placeholder("TITLE"));
            paragraph(doc, ParagraphAlignment.LEFT, 0, BODY_FONT, BODY_SIZE, "");
            paragraph(doc, ParagraphAlignment.LEFT, 0, BODY_FONT, BODY_SIZE, WordTemplate.placeholder("RECIPIENT"));
            paragraph(doc, ParagraphAlignment.BOTH, 2, BODY_FONT, BODY_SIZE, WordTemplate.placeholder("TEXT"));
            paragraph(doc, ParagraphAlignment.LEFT, 0, BODY_FONT, BODY_SIZE, "");
            paragraph(doc, ParagraphAlignment.LEFT, 2, BODY_FONT, BODY_SIZE, WordTemplate.placeholder("ATTACHMENT"));
            paragraph(doc, ParagraphAlignment.LEFT, 0, BODY_FONT, BODY_SIZE, "");
            paragraph(doc, ParagraphAlignment.RIGHT, 0, BODY_FONT, BODY_SIZE, WordTemplate.placeholder("ENTITY"));
            paragraph(doc, ParagraphAlignment.RIGHT, 0, BODY_FONT, BODY_SIZE, WordTemplate.placeholder("DATE"));
            doc.write(out);
            return WordTemplate.of(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the cover letter's template", e);
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
