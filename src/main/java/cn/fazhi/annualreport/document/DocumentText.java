package cn.fazhi.annualreport.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Turns an uploaded report into text, recognising its type by content, never by name: .docx (a ZIP with
 * word/document.xml that Apache POI opens), OFD (a ZIP with OFD.xml, {@link OfdText}), PDF (%PDF- that Apache PDFBox
 * opens, with extractable text), or plain text (UTF-8 or GB18030, no NUL bytes). Anything else is refused (415), an
 * empty report too (400). An issued document ({@link #readIssued}) may be a sealed scan without text.
 */
final class DocumentText {

    private static final Charset GB18030 = Charset.forName("GB18030");

    /**
     * A recognised report.
     *
     * @param format  its format by content (TEXT for any plain text; the caller tells .md from .txt by name)
     * @param charset the encoding of plain text (UTF-8 or GB18030), null otherwise
     * @param text    the text, one line per paragraph
     */
    record Read(DocumentFormat format, Charset charset, String text) {
    }

    private DocumentText() {
    }

    static String extract(byte[] content, String filename) {
        return read(content, filename).text();
    }

    static Read read(byte[] content, String filename) {
        return read(content, filename, false);
    }

    /**
     * An issued document (签发的正式文本): a .docx, a PDF or an OFD; a sealed scan without text is taken, its text
     * empty. Plain text is no issued document (415).
     */
    static Read readIssued(byte[] content, String filename) {
        Read read = read(content, filename, true);
        if (read.format() == DocumentFormat.TEXT) {
            String name = filename == null || filename.isBlank() ? "" : "「" + filename + "」";
            throw new UnsupportedDocumentException("签发的正式文本" + name + "须为盖章后的 PDF、OFD 或 Word 文档，不能是纯文本",
                    "The issued report " + name + " must be the sealed PDF, OFD or Word document, not plain text");
        }
        return read;
    }

    private static Read read(byte[] content, String filename, boolean issued) {
        String name = filename == null || filename.isBlank() ? "" : "「" + filename + "」";
        if (content == null || content.length == 0) {
            throw new InvalidDocumentException("报告内容为空" + name, "The report is empty " + name);
        }
        if (startsWith(content, 'P', 'K', 3, 4)) {
            List<String> entries = zipEntries(content);
            if (OfdText.isOfd(entries)) {
                String text = OfdText.text(content, name);
                return new Read(DocumentFormat.OFD, null, issued ? text : nonBlank(text, name));
            }
            if (!entries.contains("word/document.xml")) {
                throw new UnsupportedDocumentException("不支持的压缩文件" + name + "，请上传 .docx、PDF、OFD 或纯文本",
                        "Unsupported archive " + name + "; upload a .docx, a PDF, an OFD or plain text");
            }
            return new Read(DocumentFormat.DOCX, null, nonBlank(docxText(content, name), name));
        }
        if (startsWith(content, '%', 'P', 'D', 'F', '-')) {
            String text = pdfText(content, name);
            if (text.isBlank() && !issued) {
                throw new InvalidDocumentException("PDF 中没有可提取的文字" + name + "（可能是扫描件），请上传 .docx 或文字版 PDF",
                        "The PDF " + name + " has no extractable text (a scan?); upload a .docx or a PDF with text");
            }
            return new Read(DocumentFormat.PDF, null, text);
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new UnsupportedDocumentException("旧版 Word (.doc) 暂不支持" + name + "，请另存为 .docx",
                    "Legacy Word (.doc) is not supported " + name + "; save it as .docx");
        }
        int bom = startsWith(content, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        Charset charset = StandardCharsets.UTF_8;
        String text = strict(content, bom, charset);
        if (text == null) {
            charset = GB18030;
            text = strict(content, bom, charset);
        }
        if (text == null || looksBinary(text)) {
            throw new UnsupportedDocumentException(
                    "无法识别的文件类型" + name + "，请上传 .docx、PDF 或纯文本（.txt、.md，UTF-8/GB18030）",
                    "Unrecognised file type " + name + "; upload a .docx, a PDF or plain text (.txt, .md; UTF-8/GB18030)");
        }
        return new Read(DocumentFormat.TEXT, charset, nonBlank(text, name));
    }

    private static String nonBlank(String text, String name) {
        if (text.isBlank()) {
            throw new InvalidDocumentException("报告内容为空" + name, "The report is empty " + name);
        }
        return text;
    }

    private static boolean startsWith(byte[] content, int... magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The names of a ZIP's entries (as far as it can be read). */
    private static List<String> zipEntries(byte[] content) {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
        } catch (IOException | IllegalArgumentException e) {
            // a damaged archive: what was read so far
        }
        return names;
    }

    private static String docxText(byte[] content, String name) {
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(content))) {
            StringBuilder text = new StringBuilder();
            for (IBodyElement element : document.getBodyElements()) {
                if (element instanceof XWPFParagraph paragraph) {
                    text.append(paragraph.getText()).append('\n');
                } else if (element instanceof XWPFTable table) {
                    for (XWPFTableRow row : table.getRows()) {
                        for (XWPFTableCell cell : row.getTableCells()) {
                            text.append(cell.getText()).append('\n');
                        }
                    }
                }
            }
            return text.toString();
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedDocumentException("无法读取 Word 文档" + name, "Cannot read the Word document " + name);
        }
    }

    /** The text of every page in reading order (PDFBox), with lines wrapped inside a paragraph joined again. */
    private static String pdfText(byte[] content, String name) {
        try (PDDocument document = Loader.loadPDF(content)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            return unwrap(stripper.getText(document));
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedDocumentException("无法读取 PDF 文件" + name + "（已损坏或加密）",
                    "Cannot read the PDF " + name + " (damaged or encrypted)");
        }
    }

    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("[。！？；：:;!?]$");
    private static final java.util.regex.Pattern NUMBERED = java.util.regex.Pattern.compile(
            "^\\s*([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\\d]+[）)]|\\d+[.、．])");

    /**
     * A PDF keeps no paragraphs, only lines: a line as long as the page's longest ones (a full line of a justified
     * paragraph) that does not end a sentence is joined with the next, unless that starts a numbered heading. So a
     * phrase broken at the line end ("第一责任" / "人职责") is found again.
     */
    static String unwrap(String text) {
        String[] lines = text.split("\n", -1);
        int longest = 0;
        for (String line : lines) {
            longest = Math.max(longest, line.strip().length());
        }
        int full = (int) Math.ceil(longest * 0.9);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            out.append(line);
            boolean last = i == lines.length - 1;
            boolean wrapped = !last && line.strip().length() >= full && full >= 10
                    && !SENTENCE_END.matcher(line).find()
                    && !lines[i + 1].isBlank() && !NUMBERED.matcher(lines[i + 1]).find();
            if (!last && !wrapped) {
                out.append('\n');
            } else if (wrapped && !line.isEmpty() && line.charAt(line.length() - 1) < 0x80
                    && !lines[i + 1].isEmpty() && lines[i + 1].charAt(0) < 0x80) {
                out.append(' '); // a Latin line break was a space
            }
        }
        return out.toString();
    }

    private static String strict(byte[] content, int offset, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, offset, content.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** NUL or more than 1 % control characters (other than tab, line feed, carriage return, form feed). */
    private static boolean looksBinary(String text) {
        long control = text.chars().filter(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f').count();
        return text.indexOf('\0') >= 0 || control > text.length() / 100;
    }
}
