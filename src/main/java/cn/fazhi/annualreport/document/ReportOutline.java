package cn.fazhi.annualreport.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A report's lines as blocks: title, headings (numbered 一、 → （一） → 1. → （1）, or short unnumbered lines), chapters. */
final class ReportOutline {

    private static final Pattern[] LEVELS = {
            Pattern.compile("^[一二三四五六七八九十]{1,3}、"),
            Pattern.compile("^（[一二三四五六七八九十]{1,3}）"),
            Pattern.compile("^\\d{1,2}\\.(?!\\d)"),
            Pattern.compile("^（\\d{1,2}）")};
    /** A run-in heading ends at the first full stop; the rest of the line is its paragraph. */
    private static final Pattern HEADING_END = Pattern.compile("[。；！？]");
    private static final Pattern SENTENCE_PUNCTUATION = Pattern.compile("[，。；！？：《》“”]");
    static final Pattern DATE = Pattern.compile("\\d{4}年\\d{1,2}月\\d{1,2}日");
    private static final Pattern SIGNATURE = Pattern.compile(
            "(人民政府|政府|局|委员会|办公室|办事处|街道|党委|党工委|管委会|中心|厅|委)$");
    private static final Pattern FORMALITY = Pattern.compile(
            "^(特此报告|以上报告|专此报告)[。！]?$|^附件\\d?[：]|^[（]此件[^）]{0,10}[）]$|^(抄送|联系人|联系电话)[：]");
    private static final Pattern DOCUMENT_NUMBER = Pattern.compile("〔\\d{4}〕\\d+号$");

    /**
     * One kept line.
     *
     * @param index   position among the blocks
     * @param line    1-based line of the original text
     * @param text    the normalised line
     * @param level   1–4 for a heading (1 also for an unnumbered heading line), 0 for a paragraph, -1 for the title,
     *                addressee, document number and the closing formalities (date, signature, 特此报告)
     * @param heading the heading text (up to the first full stop), null for other blocks
     * @param chapter index of the chapter the block belongs to (its own for a level-1 heading), -1 before the first
     */
    record Block(int index, int line, String text, int level, String heading, int chapter) {

        boolean isHeading() {
            return heading != null;
        }

        /** The text after a run-in heading (the whole text for a paragraph). */
        String body() {
            return heading == null ? text : text.substring(Math.min(text.length(), heading.length()));
        }
    }

    final List<Block> blocks = new ArrayList<>();
    final List<Block> chapters = new ArrayList<>();

    ReportOutline(ReportText text) {
        List<ReportText.Line> lines = text.lines;
        int lastParagraph = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (!isFormality(lines.get(i).text())) {
                lastParagraph = i;
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).text();
            int level = numberedLevel(t);
            String heading = null;
            if (level > 0) {
                Matcher end = HEADING_END.matcher(t);
                heading = (end.find() ? t.substring(0, end.start()) : t).replaceAll("[：]+$", "");
            } else if (i > lastParagraph || isFront(lines, i)) {
                level = -1;
            } else if (isPlainHeading(lines, i)) {
                level = 1;
                heading = t;
            }
            int chapter = level == 1 ? chapters.size() : chapters.size() - 1;
            Block block = new Block(blocks.size(), lines.get(i).number(), t, level, heading, chapter);
            if (level == 1) {
                chapters.add(block);
            }
            blocks.add(block);
        }
    }

    static int numberedLevel(String text) {
        for (int l = 0; l < LEVELS.length; l++) {
            if (LEVELS[l].matcher(text).find()) {
                return l + 1;
            }
        }
        return 0;
    }

    /** The title, a document number and the addressee (市政府：) before the first paragraph. */
    private static boolean isFront(List<ReportText.Line> lines, int i) {
        for (int j = 0; j < i; j++) {
            String before = lines.get(j).text();
            if (before.length() > 60 || numberedLevel(before) > 0) {
                return false;
            }
        }
        String t = lines.get(i).text();
        return i == 0 && t.length() <= 60 && !t.endsWith("。") || DOCUMENT_NUMBER.matcher(t).find()
                || t.length() <= 30 && t.endsWith("：") || t.length() <= 60 && t.contains("报告") && !t.endsWith("。");
    }

    /** 特此报告, a date, a signature: what follows the report's last paragraph. */
    static boolean isFormality(String text) {
        return FORMALITY.matcher(text).find() || text.length() <= 40 && DATE.matcher(text).find()
                || text.length() <= 20 && SIGNATURE.matcher(text).find() && !SENTENCE_PUNCTUATION.matcher(text).find();
    }

    /** A short unnumbered line without sentence punctuation, followed by a paragraph: 工作情况, 主要问题. */
    private static boolean isPlainHeading(List<ReportText.Line> lines, int i) {
        String t = lines.get(i).text();
        if (t.length() < 2 || t.length() > 24 || SENTENCE_PUNCTUATION.matcher(t).find() || i + 1 >= lines.size()) {
            return false;
        }
        String next = lines.get(i + 1).text();
        return next.length() > 30 || numberedLevel(next) > 1;
    }
}
