package cn.fazhi.annualreport.api;

/**
 * Cells of the CSV files people open in Excel or WPS: a text that a spreadsheet would run as a formula (it starts
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return — OWASP's "CSV injection") is written
 * with a leading apostrophe, which the spreadsheet shows as text; reading such a file back takes the apostrophe off,
 * so that an exported file imports unchanged.
 */
public final class Spreadsheets {

    private Spreadsheets() {
    }

    /** The value as a cell that no spreadsheet runs as a formula. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        return isFormulaStart(value.charAt(0)) ? "'" + value : value;
    }

    /** The value a {@link #cell} was written from. */
    public static String value(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && isFormulaStart(cell.charAt(1))) {
            return cell.substring(1);
        }
        return cell;
    }

    private static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
