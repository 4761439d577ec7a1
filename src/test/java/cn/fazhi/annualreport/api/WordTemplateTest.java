package cn.fazhi.annualreport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;

/** A Word template as Word reads the documents filled from it: texts, a repeated table row, odd characters. */
class WordTemplateTest {

    @Test
    void aTableRowIsRepeatedForEveryRowOfANationalList() throws Exception {
        // Given a template with a title, a table of a header and one row of placeholders, and a closing line
        WordTemplate template = WordTemplate.of(document(true));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i <= 22_000; i++) {
            rows.add(Map.of("ROW.N", String.valueOf(i), "ROW.NAME", "模拟县" + i + "人民政府"));
        }

        // When it is filled with 22,000 rows
        byte[] docx = template.fill(Map.of("TITLE", "关于2024年度报告的通报"), rows,
                LocalDateTime.of(2025, 4, 1, 0, 0), Instant.parse("2025-03-31T16:00:00Z"));

        // Then Word reads the title, the header, the 22,000 rows in order and the closing line
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            assertThat(doc.getParagraphs().get(0).getText()).isEqualTo("关于2024年度报告的通报");
            XWPFTable table = doc.getTables().get(0);
            assertThat(table.getRows()).hasSize(22_001);
            assertThat(cells(table.getRow(0))).containsExactly("序号", "单位");
            assertThat(cells(table.getRow(1))).containsExactly("1", "模拟县1人民政府");
            assertThat(cells(table.getRow(22_000))).containsExactly("22000", "模拟县22000人民政府");
            assertThat(doc.getParagraphs()).extracting(XWPFParagraph::getText).last().isEqualTo("请整改。");
            assertThat(doc.getProperties().getCoreProperties().getCreated().toInstant())
                    .isEqualTo(Instant.parse("2025-03-31T16:00:00Z"));
        }
    }

    @Test
    void textsAreWrittenAsTheyAreWhateverCharactersTheyHold() throws Exception {
        // When the texts hold XML's characters, what looks like a placeholder, and a control character pasted in
        byte[] docx = WordTemplate.of(document(false)).fill(Map.of("TITLE", "A&B <局> \"甲\" ⟦ROW.N⟧\u0007"),
                List.of(), LocalDateTime.of(2025, 4, 1, 0, 0), Instant.parse("2025-03-31T16:00:00Z"));

        // Then Word reads them unchanged, but for the control character, which XML cannot hold
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            assertThat(doc.getParagraphs().get(0).getText()).isEqualTo("A&B <局> \"甲\" ⟦ROW.N⟧");
            assertThat(doc.getTables()).isEmpty();
        }
    }

    @Test
    void aNameInATableRowThatLooksLikeAPlaceholderIsNotFilledIn() throws Exception {
        // Given an entity named with the document's own placeholders (a tester renamed one through the registry)
        Map<String, String> row = Map.of("ROW.N", "1", "ROW.NAME", "司法局 ⟦TITLE⟧ ⟦ROW.NAME⟧ $1 \\1");

        // When the 通报-like document is filled with a title that also names a row placeholder
        byte[] docx = WordTemplate.of(document(true)).fill(Map.of("TITLE", "通报 ⟦ROW.N⟧"), List.of(row),
                LocalDateTime.of(2025, 4, 1, 0, 0), Instant.parse("2025-03-31T16:00:00Z"));

        // Then Word reads the name and the title exactly as they were given, and one row under the header
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            assertThat(doc.getParagraphs().get(0).getText()).isEqualTo("通报 ⟦ROW.N⟧");
            XWPFTable table = doc.getTables().get(0);
            assertThat(table.getRows()).hasSize(2);
            assertThat(cells(table.getRow(1))).containsExactly("1", "司法局 ⟦TITLE⟧ ⟦ROW.NAME⟧ $1 \\1");
        }
    }

    @Test
    void charactersXmlCannotHoldAreLeftOutAndTheDocumentStillOpens() throws Exception {
        // When a name holds U+FFFE, U+FFFF, a lone surrogate and control characters, beside a character outside the
        // basic plane
        String name = "公安\u0001局\u000BX\uFFFEY\uFFFFZ\uD800 \uD842\uDFB7";
        byte[] docx = WordTemplate.of(document(false)).fill(Map.of("TITLE", name), List.of(),
                LocalDateTime.of(2025, 4, 1, 0, 0), Instant.parse("2025-03-31T16:00:00Z"));

        // Then the document opens, without those characters, and with the one outside the basic plane
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            assertThat(doc.getParagraphs().get(0).getText()).isEqualTo("公安局XYZ \uD842\uDFB7");
        }
    }

    @Test
    void noRowLeavesTheHeaderAlone() throws Exception {
        byte[] docx = WordTemplate.of(document(true)).fill(Map.of("TITLE", "无"), List.of(),
                LocalDateTime.of(2025, 4, 1, 0, 0), Instant.parse("2025-03-31T16:00:00Z"));

        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            assertThat(doc.getTables().get(0).getRows()).hasSize(1);
        }
    }

    private static byte[] document(boolean withTable) throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setCreated(Optional.of(new java.util.Date(0)));
            doc.createParagraph().createRun().setText(WordTemplate.placeholder("TITLE"));
            if (withTable) {
                XWPFTable table = doc.createTable(2, 2);
                table.getRow(0).getCell(0).setText("序号");
                table.getRow(0).getCell(1).setText("单位");
                table.getRow(1).getCell(0).setText(WordTemplate.placeholder("ROW.N"));
                table.getRow(1).getCell(1).setText(WordTemplate.placeholder("ROW.NAME"));
                doc.createParagraph().createRun().setText("请整改。");
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static List<String> cells(XWPFTableRow row) {
        return row.getTableCells().stream().map(c -> c.getText()).toList();
    }
}
