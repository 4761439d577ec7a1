package cn.fazhi.annualreport.filing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.Test;

/** The cover letter as Word opens it: its texts, their layout, and names that XML would otherwise misread. */
class CoverLetterTest {

    @Test
    void aLetterCarriesItsTextsInTheOfficialLayout() throws Exception {
        // When the letter of 巴彦县人民政府 to 哈尔滨市人民政府 is written
        byte[] docx = CoverLetter.docx("巴彦县人民政府", 2025, "巴政呈〔2026〕3号", "哈尔滨市人民政府", false,
                LocalDate.of(2026, 2, 25));

        // Then Word reads its nine paragraphs in order, the title in 小标宋 二号, the text in 仿宋 三号 indented by two
        // characters, the entity and the date on the right
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<XWPFParagraph> p = doc.getParagraphs();
            assertThat(p).extracting(XWPFParagraph::getText).containsExactly(
                    "巴彦县人民政府关于报送2025年度法治政府建设情况报告的函", "", "哈尔滨市人民政府：",
                    "根据《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）关于法治政府建设年度报告的要求，现将《"
                            + "巴彦县人民政府2025年度法治政府建设情况报告》（巴政呈〔2026〕3号）随函报送，请审阅。",
                    "", "附件：巴彦县人民政府2025年度法治政府建设情况报告", "", "巴彦县人民政府", "2026年2月25日");
            XWPFRun title = p.get(0).getRuns().get(0);
            assertThat(title.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("方正小标宋简体");
            assertThat(title.getFontSizeAsDouble()).isEqualTo(22.0);
            assertThat(p.get(0).getAlignment()).isEqualTo(ParagraphAlignment.CENTER);
            XWPFRun text = p.get(3).getRuns().get(0);
            assertThat(text.getFontFamily(XWPFRun.FontCharRange.eastAsia)).isEqualTo("仿宋_GB2312");
            assertThat(text.getFontSizeAsDouble()).isEqualTo(16.0);
            assertThat(p.get(3).getIndentationFirstLine()).isEqualTo(2 * 16 * 20);
            assertThat(p.get(8).getAlignment()).isEqualTo(ParagraphAlignment.RIGHT);
            // and its properties name the letter, its author and its date
            var core = doc.getProperties().getCoreProperties();
            assertThat(core.getTitle()).isEqualTo("巴彦县人民政府关于报送2025年度法治政府建设情况报告的函");
            assertThat(core.getCreator()).isEqualTo("巴彦县人民政府");
            assertThat(core.getCreated().toInstant().atOffset(ZoneOffset.ofHours(8)).toLocalDate())
                    .isEqualTo(LocalDate.of(2026, 2, 25));
        }
    }

    @Test
    void namesWithTheCharactersOfXmlAreWrittenAsTheyAre() throws Exception {
        // When a copy letter names an addressee and a number with &, <, >, quotes and what looks like a placeholder
        byte[] docx = CoverLetter.docx("R&D<局>", 2025, "\"特\"〔2026〕1号", "A&B <办公室>⟦DATE⟧", true,
                LocalDate.of(2026, 3, 2));

        // Then Word opens it and reads them unchanged
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<XWPFParagraph> p = doc.getParagraphs();
            assertThat(p.get(0).getText()).isEqualTo("R&D<局>关于抄送2025年度法治政府建设情况报告的函");
            assertThat(p.get(2).getText()).isEqualTo("A&B <办公室>⟦DATE⟧：");
            assertThat(p.get(3).getText()).contains("（\"特\"〔2026〕1号）随函抄送，请参阅。");
            assertThat(doc.getProperties().getCoreProperties().getCreator()).isEqualTo("R&D<局>");
        }
    }
}
