package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.api.WordTemplate;
import cn.fazhi.annualreport.shared.Beijing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.springframework.stereotype.Component;

/** The desk's files: the overview and the 通报 list as Excel sheets, the 通报 as a Word draft. */
@Component
class SupervisionExports {

    private static final String[] OVERVIEW = {"单位", "单位类型", "层级", "上级", "阶段", "状态", "下一期限事项", "期限日期",
            "剩余工作日", "逾期工作日", "报送截止", "报送情况", "公开截止", "公开情况", "公开网址"};
    private static final String[] LATE = {"序号", "单位", "上级", "报送截止", "报送情况", "公开截止", "公开情况"};
    private static final int ROWS_IN_MEMORY = 200;
    private static final WordTemplate NOTICE = noticeTemplate(true);
    private static final WordTemplate NOTICE_NONE_LATE = noticeTemplate(false);

    byte[] overview(int year, LocalDate today, List<Overview.Row> rows) {
        SXSSFWorkbook book = streaming();
        try {
            Sheet sheet = book.createSheet(year + "年度进度总览");
            title(book, sheet, year + "年度法治政府建设年度报告进度总览（截至" + today + "）", OVERVIEW);
            int n = 2;
            for (Overview.Row r : rows) {
                CaseStatus.Status s = r.status();
                write(sheet.createRow(n++), r.entity().name(), r.entity().type().labelZh(),
                        r.entity().level() == null ? "" : r.entity().level().labelZh(),
                        r.parent() == null ? "" : r.parent().name(), s.phase().labelZh(), s.state().labelZh(),
                        s.next() == null ? "" : s.next().taskName(), s.next() == null ? "" : s.next().date().toString(),
                        s.next() == null || s.next().workingDaysLeft() == null ? "" : s.next().workingDaysLeft().toString(),
                        s.next() == null || s.next().workingDaysOverdue() == null ? "" : s.next().workingDaysOverdue().toString(),
                        text(s.filingDeadline()), filings(s), text(s.publicationDeadline()),
                        s.publication() == null ? "未启动" : s.publication().statusLabel(),
                        s.publication() == null || s.publication().url() == null ? "" : s.publication().url());
            }
            return bytes(book, sheet, OVERVIEW.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            close(book);
        }
    }

    byte[] lateSheet(int year, LocalDate at, List<LateList.Late> late) {
        SXSSFWorkbook book = streaming();
        try {
            Sheet sheet = book.createSheet("未按时报送公开");
            title(book, sheet, year + "年度法治政府建设年度报告未按时报送、公开的单位（截至" + at + "）", LATE);
            int n = 2;
            for (LateList.Late l : late) {
                write(sheet.createRow(n), String.valueOf(n - 1), l.row().entity().name(),
                        l.row().parent() == null ? "" : l.row().parent().name(), text(l.filingDeadline()),
                        l.filingStatus(), text(l.publicationDeadline()), l.publicationStatus());
                n++;
            }
            return bytes(book, sheet, LATE.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            close(book);
        }
    }

    /**
     * A workbook that keeps {@value #ROWS_IN_MEMORY} rows in memory and the rest in a (compressed) temporary file:
     * POI's objects for a national overview in memory (33,000 rows of 15 cells) would take most of a 1 GB heap.
     */
    private static SXSSFWorkbook streaming() {
        SXSSFWorkbook book = new SXSSFWorkbook(ROWS_IN_MEMORY);
        book.setCompressTempFiles(true);
        return book;
    }

    private static void close(SXSSFWorkbook book) {
        book.dispose();
        try {
            book.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A draft 通报 for the supervising office to edit: the rule, the list, the demand to put it right. Filled into a
     * template ({@link WordTemplate}): POI's own table of a national list (22,000 rows) took half a minute.
     */
    byte[] lateNotice(int year, LocalDate at, List<LateList.Late> late, String issuer) {
        Map<String, String> values = new HashMap<>();
        values.put("TITLE", "关于" + year + "年度法治政府建设年度报告报送和公开情况的通报");
        values.put("TEXT", "根据《法治政府建设与责任落实督察工作规定》关于法治政府建设年度报告的要求，各地各部门应当于每年3月31日前"
                + "向社会公开上一年度法治政府建设情况报告，并按规定报送。" + (late.isEmpty()
                ? "经检查，截至" + at + "，没有单位超过规定时间未报送或未公开" + year + "年度法治政府建设年度报告。"
                : "经检查，截至" + at + "，以下" + late.size() + "个单位未按规定时间报送或公开" + year
                + "年度法治政府建设年度报告，现予通报："));
        values.put("ISSUER", issuer == null ? "" : issuer);
        values.put("DATE", at.getYear() + "年" + at.getMonthValue() + "月" + at.getDayOfMonth() + "日");
        List<Map<String, String>> rows = new ArrayList<>(late.size());
        int n = 1;
        for (LateList.Late l : late) {
            rows.add(Map.of("ROW.N", String.valueOf(n++), "ROW.NAME", l.row().entity().name(),
                    "ROW.FILING", Objects.toString(l.filingStatus(), ""),
                    "ROW.PUBLICATION", Objects.toString(l.publicationStatus(), "")));
        }
        return (late.isEmpty() ? NOTICE_NONE_LATE : NOTICE).fill(values, rows, at.atStartOfDay(), Beijing.now());
    }

    /** The 通报's layout, written once by POI: with the table of the late (one row to repeat), or without. */
    private static WordTemplate noticeTemplate(boolean withTable) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setCreated(Optional.of(new Date(0))); // each draft's own time
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            run(title, WordTemplate.placeholder("TITLE"), true, 18);
            paragraph(doc, "各有关单位：");
            paragraph(doc, WordTemplate.placeholder("TEXT"));
            if (withTable) {
                XWPFTable table = doc.createTable(2, 4);
                cells(table.getRow(0), "序号", "单位", "报送情况", "公开情况");
                cells(table.getRow(1), WordTemplate.placeholder("ROW.N"), WordTemplate.placeholder("ROW.NAME"),
                        WordTemplate.placeholder("ROW.FILING"), WordTemplate.placeholder("ROW.PUBLICATION"));
                paragraph(doc, "请上述单位高度重视，于通报印发之日起5个工作日内完成报送和公开，并将整改情况书面报告。");
            }
            XWPFParagraph sign = doc.createParagraph();
            sign.setAlignment(ParagraphAlignment.RIGHT);
            run(sign, WordTemplate.placeholder("ISSUER"), false, 14);
            XWPFParagraph date = doc.createParagraph();
            date.setAlignment(ParagraphAlignment.RIGHT);
            run(date, WordTemplate.placeholder("DATE"), false, 14);
            doc.write(out);
            return WordTemplate.of(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String filings(CaseStatus.Status s) {
        return s.filings().stream().map(f -> f.recipient() + "：" + f.statusLabel()).collect(Collectors.joining("；"));
    }

    private static String text(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static void title(Workbook book, Sheet sheet, String title, String[] headers) {
        CellStyle bold = book.createCellStyle();
        Font font = book.createFont();
        font.setBold(true);
        bold.setFont(font);
        Cell t = sheet.createRow(0).createCell(0);
        t.setCellValue(title);
        t.setCellStyle(bold);
        Row head = sheet.createRow(1);
        for (int i = 0; i < headers.length; i++) {
            Cell c = head.createCell(i);
            c.setCellValue(headers[i]);
            c.setCellStyle(bold);
        }
        sheet.createFreezePane(0, 2);
    }

    /** String cells only: a value is never read as a formula. */
    private static void write(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i] == null ? "" : values[i]);
        }
    }

    private static byte[] bytes(Workbook book, Sheet sheet, int columns) throws IOException {
        for (int i = 0; i < columns; i++) {
            sheet.setColumnWidth(i, 20 * 256);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        book.write(out);
        return out.toByteArray();
    }

    private static void paragraph(XWPFDocument doc, String text) {
        run(doc.createParagraph(), text, false, 14);
    }

    private static void run(XWPFParagraph p, String text, boolean bold, int size) {
        XWPFRun r = p.createRun();
        r.setText(text);
        r.setBold(bold);
        r.setFontSize(size);
        r.setFontFamily("仿宋_GB2312");
    }

    private static void cells(XWPFTableRow row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.getCell(i).setText(values[i]);
        }
    }
}
