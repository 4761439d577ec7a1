package cn.fazhi.annualreport.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cells a spreadsheet would run as formulas are written as text, and read back as they were. */
class SpreadsheetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example\",\"回执\")", "+1+1", "-2+3", "@SUM(A1:A9)",
            "\t=1", "\r=1"})
    void aFormulaBecomesTextAndComesBackUnchanged(String value) {
        // When a value that starts like a formula is written as a cell
        String cell = Spreadsheets.cell(value);

        // Then the cell starts with an apostrophe (shown as text), and reading it gives the value back
        assertThat(cell).isEqualTo("'" + value);
        assertThat(Spreadsheets.value(cell)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"巴政呈〔2026〕12号", "'quoted", "2026-02-27", "", "a=b"})
    void ordinaryTextIsLeftAsItIs(String value) {
        assertThat(Spreadsheets.cell(value)).isEqualTo(value);
        assertThat(Spreadsheets.value(value)).isEqualTo(value);
    }
}
