package cn.fazhi.annualreport.publication;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * A published report's plain text as blocks for the pages (a statutory heading such as 一、…, or a paragraph), and as
 * HTML for the CMS with every piece of text escaped.
 */
final class ReportText {

    /** 一、… 二、… : the statutory sections' headings. */
    private static final Pattern HEADING = Pattern.compile("^[一二三四五六七八九十]+、.{1,80}$");

    /**
     * One block of the text.
     *
     * @param heading whether it is a section heading
     * @param text    its text, unescaped (templates escape it)
     */
    record Block(boolean heading, String text) {
    }

    private ReportText() {
    }

    static List<Block> blocks(String text, String title) {
        List<Block> blocks = new ArrayList<>();
        if (text == null) {
            return blocks;
        }
        boolean first = true;
        for (String raw : text.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (first && isTitleLine(line, title)) {
                first = false;
                continue; // the page shows the report's title as its heading
            }
            first = false;
            blocks.add(new Block(HEADING.matcher(line).matches(), line));
        }
        return blocks;
    }

    /** The text as HTML: {@code <h2>} for headings, {@code <p>} for paragraphs, every character of the text escaped. */
    static String html(String text, String title) {
        StringBuilder html = new StringBuilder();
        for (Block b : blocks(text, title)) {
            String tag = b.heading() ? "h2" : "p";
            html.append('<').append(tag).append('>').append(HtmlUtils.htmlEscape(b.text(), "UTF-8"))
                    .append("</").append(tag).append(">\n");
        }
        return html.toString();
    }

    /**
     * Whether the first line of a report is its own title: the title itself, or a short line that names the report
     * (…法治政府建设…报告, as an uploaded file's first line does), not a sentence.
     */
    static boolean isTitleLine(String line, String title) {
        String squeezed = squeeze(line);
        return squeezed.equals(squeeze(title))
                || squeezed.length() <= 80 && squeezed.contains("法治政府建设") && squeezed.endsWith("报告")
                && !HEADING.matcher(line).matches();
    }

    /** The text without any whitespace, to compare texts that differ only in line breaks and spaces. */
    static String squeeze(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u3000]+", "");
    }
}
