package cn.fazhi.annualreport.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * A stored version as a browser shows it in its window: a PDF as it is; plain text and Markdown as UTF-8 text (also a
 * file written in GB18030); a .docx as an HTML page of its paragraphs (headings by their Word style) and tables, every
 * text escaped; an OFD as the text read from it.
 *
 * @param mediaType what to serve it as
 * @param content   the bytes to serve
 * @param html      whether it is an HTML page the application rendered (served with a policy that runs nothing)
 */
public record DraftView(String mediaType, byte[] content, boolean html) {

    static final String TEXT = "text/plain;charset=UTF-8";
    static final String HTML = "text/html;charset=UTF-8";

    /** The view of a stored file (recognised by its content, as when it was stored). */
    static DraftView of(StoredDocument file) {
        DocumentText.Read read = DocumentText.read(file.content(), file.fileName());
        return switch (read.format()) {
            case PDF -> new DraftView("application/pdf", file.content(), false);
            case DOCX -> new DraftView(HTML, docxHtml(file).getBytes(StandardCharsets.UTF_8), true);
            case TEXT, MARKDOWN, OFD -> new DraftView(TEXT, read.text().getBytes(StandardCharsets.UTF_8), false);
        };
    }

    private static String docxHtml(StoredDocument file) {
        StringBuilder body = new StringBuilder();
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(file.content()))) {
            for (IBodyElement element : document.getBodyElements()) {
                if (element instanceof XWPFParagraph p) {
                    paragraph(p, body);
                } else if (element instanceof XWPFTable table) {
                    body.append("<table>\n");
                    for (XWPFTableRow row : table.getRows()) {
                        body.append("<tr>");
                        for (XWPFTableCell cell : row.getTableCells()) {
                            body.append("<td>").append(escape(cell.getText()).replace("\n", "<br>")).append("</td>");
                        }
                        body.append("</tr>\n");
                    }
                    body.append("</table>\n");
                }
            }
        } catch (IOException e) {
            throw new UnsupportedDocumentException("无法读取 Word 文档「" + file.fileName() + "」",
                    "Cannot read the Word document \"" + file.fileName() + "\"");
        }
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + escape(file.fileName())
                + "（第" + file.version() + "版）</title><style>"
                + "body{max-width:48em;margin:2em auto;padding:0 1em;font:16px/1.8 'FangSong','STFangsong','SimSun',serif}"
                + "h1{text-align:center;font-size:1.5em}h2,h3{font-size:1.15em}p{text-indent:2em;margin:.3em 0}"
                + "p.center{text-indent:0;text-align:center}table{border-collapse:collapse;margin:1em 0}"
                + "td{border:1px solid #888;padding:.2em .5em}</style></head>\n<body>\n" + body + "</body></html>\n";
    }

    private static void paragraph(XWPFParagraph p, StringBuilder body) {
        String text = p.getText();
        if (text == null || text.isBlank()) {
            return;
        }
        String style = p.getStyle() == null ? "" : p.getStyle().toLowerCase(java.util.Locale.ROOT);
        String tag = style.equals("title") || style.endsWith("1") && style.contains("heading") ? "h1"
                : style.contains("heading") || style.startsWith("标题") ? "h2" : "p";
        boolean centered = p.getAlignment() == org.apache.poi.xwpf.usermodel.ParagraphAlignment.CENTER;
        body.append('<').append(tag).append(centered && "p".equals(tag) ? " class=\"center\"" : "").append('>')
                .append(escape(text).replace("\n", "<br>")).append("</").append(tag).append(">\n");
    }

    /** Text as HTML shows it, never as markup. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
