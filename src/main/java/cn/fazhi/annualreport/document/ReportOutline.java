package cn.fazhi.annualreport.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The non-blank lines of a report with their headings (一、 → （一）/(一) → 1. → （1）) and top-level chapters. */
final class ReportOutline {

    private static final Pattern[] LEVELS = {
            Pattern.compile("^[一二三四五六七八九十]{1,3}[、．.]"),
            Pattern.compile("^[（(][一二三四五六七八九十]{1,3}[）)]"),
            Pattern.compile("^\\d{1,2}[、．.](?!\\d)"),
            Pattern.compile("^[（(]\\d{1,2}[）)]")};
    /** A run-in heading ends at the first full stop; the rest of the line is its paragraph. */
    private static final Pattern HEADING_END = Pattern.compile("[。；;！!？?]");

    /**
     * One non-blank line.
     *
     * @param line    1-based line number
     * @param text    the trimmed line
     * @param level   1–4 for a numbered heading, 0 for a plain paragraph
     * @param heading the heading text (up to the first full stop), null for a plain paragraph
     * @param chapter index of the top-level chapter the line belongs to (its own for a 一、 heading), -1 before the first
     */
    record Block(int line, String text, int level, String heading, int chapter) {
    }

    final List<Block> blocks = new ArrayList<>();
    final List<Block> chapters = new ArrayList<>();

    ReportOutline(String text) {
        String[] lines = text.split("\\r\\n|\\r|\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip().replace('\u3000', ' ').strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int level = 0;
            for (int l = 0; l < LEVELS.length; l++) {
                if (LEVELS[l].matcher(trimmed).find()) {
                    level = l + 1;
                    break;
                }
            }
            String heading = null;
            if (level > 0) {
                Matcher end = HEADING_END.matcher(trimmed);
                heading = end.find() ? trimmed.substring(0, end.start()) : trimmed;
                heading = heading.replaceAll("[：:]+$", "");
            }
            int chapter = chapters.size() - 1;
            Block block;
            if (level == 1) {
                block = new Block(i + 1, trimmed, level, heading, chapters.size());
                chapters.add(block);
            } else {
                block = new Block(i + 1, trimmed, level, heading, chapter);
            }
            blocks.add(block);
        }
    }
}
