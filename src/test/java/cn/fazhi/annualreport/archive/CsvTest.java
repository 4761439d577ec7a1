package cn.fazhi.annualreport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The archive's CSV files (receipts, history) open in Excel and WPS without running anything a clerk typed. */
class CsvTest {

    @Test
    void aReceiptNumberTypedAsAFormulaIsWrittenAsText() {
        // When a receipt row whose number and note a clerk typed as formulas is written
        byte[] csv = Csv.write(List.of("回执编号或签收人", "备注"),
                List.of(List.of("=cmd|' /C calc'!A0", "@SUM(1+1)")));

        // Then both cells start with an apostrophe: a spreadsheet shows them as text
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF回执编号或签收人,备注\r\n").contains("'=cmd|", "'@SUM(1+1)");
    }
}
