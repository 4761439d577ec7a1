package cn.fazhi.annualreport.archive;

import cn.fazhi.annualreport.api.Spreadsheets;
import cn.fazhi.annualreport.shared.Beijing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV files as Excel opens them on a Chinese Windows: UTF-8 with a byte-order mark, CRLF, a header line, and no cell
 * that a spreadsheet would run as a formula ({@link Spreadsheets}).
 */
final class Csv {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Beijing.ZONE);

    private Csv() {
    }

    static byte[] write(List<String> header, List<List<String>> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            out.write('\uFEFF'); // before the header, which the printer writes as it is created
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL.builder().setHeader(header.toArray(String[]::new)).get());
            for (List<String> row : rows) {
                csv.printRecord(row.stream().map(Spreadsheets::cell).toList());
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String time(Date date) {
        return date == null ? "" : TIME.format(date.toInstant());
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
