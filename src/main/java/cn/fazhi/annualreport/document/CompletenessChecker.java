package cn.fazhi.annualreport.document;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks a 法治政府建设年度报告 for the five statutory contents (《法治政府建设与责任落实督察工作规定》 Art. 25).
 * Rules and limits: docs/completeness-check.md.
 */
@Component
public class CompletenessChecker {

    static final int EVIDENCE_LENGTH = 80;
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");

    /** Checks the text of a report (simplified or traditional characters). */
    public CompletenessReport check(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidDocumentException("报告内容为空", "The report is empty");
        }
        ReportOutline outline = new ReportOutline(toSimplified(text));
        Map<Integer, Set<StatutoryItem>> owners = chapterOwners(outline);
        List<ItemResult> items = new ArrayList<>();
        for (StatutoryItem item : StatutoryItem.values()) {
            Optional<ItemResult> found = inHeadings(item, outline, owners);
            if (found.isEmpty() && item == StatutoryItem.MEASURES) {
                found = firstThematicChapter(outline, owners);
            }
            if (found.isEmpty()) {
                found = inParagraphs(item, outline, owners);
            }
            items.add(found.orElseGet(() -> result(item, false, null, null)));
        }
        boolean complete = items.stream().allMatch(i -> i.present() || !i.required());
        return new CompletenessReport(items, complete);
    }

    /**
     * Checks an uploaded report: the type is recognised by content (.docx, plain text in UTF-8 or GB18030), not by
     * the file name, which only appears in messages.
     */
    public CompletenessReport check(byte[] content, String filename) {
        return check(DocumentText.extract(content, filename));
    }

    static String toSimplified(String text) {
        // line by line, so that line numbers stay those of the original text
        String[] lines = LINE_BREAK.split(text, -1);
        StringBuilder simplified = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                simplified.append('\n');
            }
            simplified.append(lines[i].isBlank() ? lines[i] : ZhConverterUtil.toSimple(lines[i]));
        }
        return simplified.toString();
    }

    /** The closing items (2, 4, 5) whose pattern a top-level heading matches own that chapter. */
    private static Map<Integer, Set<StatutoryItem>> chapterOwners(ReportOutline outline) {
        Map<Integer, Set<StatutoryItem>> owners = new TreeMap<>();
        for (ReportOutline.Block chapter : outline.chapters) {
            Set<StatutoryItem> items = EnumSet.noneOf(StatutoryItem.class);
            for (StatutoryItem item : StatutoryItem.values()) {
                if (item.ownsItsChapter() && item.heading.matcher(chapter.heading()).find()) {
                    items.add(item);
                }
            }
            owners.put(chapter.chapter(), items);
        }
        return owners;
    }

    /** Inside a chapter owned by closing items, only those items may find evidence (bar the heading itself). */
    private static boolean eligible(StatutoryItem item, ReportOutline.Block block,
                                    Map<Integer, Set<StatutoryItem>> owners) {
        Set<StatutoryItem> owning = owners.getOrDefault(block.chapter(), Set.of());
        return block.level() == 1 || owning.isEmpty() || owning.contains(item);
    }

    private static Optional<ItemResult> inHeadings(StatutoryItem item, ReportOutline outline,
                                                   Map<Integer, Set<StatutoryItem>> owners) {
        return outline.blocks.stream()
                .filter(b -> b.heading() != null && eligible(item, b, owners))
                .filter(b -> item.heading.matcher(b.heading()).find())
                .findFirst()
                .map(b -> result(item, true, shorten(b.heading()), b.line()));
    }

    /** A body of thematic chapters of measures (none of them a closing part) counts as item 1. */
    private static Optional<ItemResult> firstThematicChapter(ReportOutline outline,
                                                            Map<Integer, Set<StatutoryItem>> owners) {
        return outline.chapters.stream()
                .filter(c -> owners.getOrDefault(c.chapter(), Set.of()).isEmpty())
                .filter(c -> !StatutoryItem.FIRST_RESPONSIBILITY.heading.matcher(c.heading()).find())
                .findFirst()
                .map(c -> result(StatutoryItem.MEASURES, true, shorten(c.heading()), c.line()));
    }

    private static Optional<ItemResult> inParagraphs(StatutoryItem item, ReportOutline outline,
                                                     Map<Integer, Set<StatutoryItem>> owners) {
        List<ReportOutline.Block> blocks = new ArrayList<>(outline.blocks);
        if (item.searchesFromTheEnd()) {
            java.util.Collections.reverse(blocks);
        }
        for (ReportOutline.Block block : blocks) {
            if (!eligible(item, block, owners)) {
                continue;
            }
            Matcher m = item.paragraph.matcher(block.text());
            if (m.find()) {
                return Optional.of(result(item, true, snippet(block.text(), m.start()), block.line()));
            }
        }
        return Optional.empty();
    }

    private static ItemResult result(StatutoryItem item, boolean present, String evidence, Integer line) {
        return new ItemResult(item.number, item.nameZh, item.nameEn, present, item.required, evidence, line);
    }

    private static String shorten(String text) {
        return text.length() <= EVIDENCE_LENGTH ? text : text.substring(0, EVIDENCE_LENGTH);
    }

    /** Up to 80 characters around a match, starting a little before it. */
    static String snippet(String text, int matchStart) {
        int start = Math.max(0, matchStart - 20);
        int end = Math.min(text.length(), start + EVIDENCE_LENGTH);
        return text.substring(start, end);
    }
}
