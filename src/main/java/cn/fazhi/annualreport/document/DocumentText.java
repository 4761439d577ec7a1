package cn.fazhi.annualreport.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** Turns an uploaded report into text, recognising its type by content: .docx, or plain text (UTF-8, GB18030). */
final class DocumentText {

    static final int MAX_BYTES = 20 * 1024 * 1024;
    private static final Charset GB18030 = Charset.forName("GB18030");

    private DocumentText() {
    }

    static String extract(byte[] content, String filename) {
        String name = filename == null || filename.isBlank() ? "" : "「" + filename + "」";
        if (content == null || content.length == 0) {
            throw new InvalidDocumentException("报告内容为空" + name, "The report is empty " + name);
        }
        if (content.length > MAX_BYTES) {
            throw new InvalidDocumentException("报告超过 20 MB" + name, "The report is larger than 20 MB " + name);
        }
        if (startsWith(content, 'P', 'K', 3, 4)) {
            if (!containsZipEntry(content, "word/document.xml")) {
                throw new UnsupportedDocumentException("不支持的压缩文件" + name + "，请上传 .docx 或纯文本",
                        "Unsupported archive " + name + "; upload a .docx or plain text");
            }
            return docxText(content, name);
        }
        if (startsWith(content, '%', 'P', 'D', 'F')) {
            throw new UnsupportedDocumentException("PDF 暂不支持自动检查" + name + "，请上传 .docx 或纯文本",
                    "PDF cannot be checked automatically yet " + name + "; upload a .docx or plain text");
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new UnsupportedDocumentException("旧版 Word (.doc) 暂不支持" + name + "，请另存为 .docx",
                    "Legacy Word (.doc) is not supported " + name + "; save it as .docx");
        }
        String text = decode(content);
        if (text == null || looksBinary(text)) {
            throw new UnsupportedDocumentException("无法识别的文件类型" + name + "，请上传 .docx 或纯文本（UTF-8/GB18030）",
                    "Unrecognised file type " + name + "; upload a .docx or plain text (UTF-8/GB18030)");
        }
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

    private static boolean containsZipEntry(byte[] content, String entryName) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entryName.equals(entry.getName())) {
                    return true;
                }
            }
            return false;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
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

    /** UTF-8 (with or without BOM) if valid, else GB18030 if valid, else null. */
    private static String decode(byte[] content) {
        int offset = startsWith(content, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        String text = strict(content, offset, StandardCharsets.UTF_8);
        return text != null ? text : strict(content, offset, GB18030);
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
