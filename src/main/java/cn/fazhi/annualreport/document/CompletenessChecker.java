package cn.fazhi.annualreport.document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    private static final Pattern MEASURES_WORDS = Pattern.compile(
            "主要举措|主要做法|主要措施|工作成效|取得的成效|取得了?(一定的|明显|显著|积极|良好)?(成效|成绩)");
    /** Results stated with numbers or named documents: 开展…18次, 制定《…》. */
    private static final Pattern ACCOMPLISHED = Pattern.compile(
            "\\d+(余)?(件|次|个|人次|人|场|项|家|条|期|起|份|万)|(制定|出台|印发|修订|制发)(了)?《");
    /** A concession that introduces the shortcomings: 但与…相比还有不足, 但仍存在差距, 主要表现在. */
    private static final Pattern SHORTCOMINGS_STATED = Pattern.compile(
            "(但|然而|不过|同时)[^。]{0,40}(还|仍|仍然|依然|也)(存在|有)[^。]{0,16}(问题|不足|差距|薄弱|短板)"
                    + "|(存在|还有|仍有)[^。]{0,16}(问题|不足|差距|薄弱环节|短板)[^。]{0,4}[，：]?(主要|具体)?(表现|体现)(在|为)");
    private static final Pattern SHORTCOMINGS_WORDS = Pattern.compile(
            "存在的?(主要)?(问题|不足|差距|短板)|不足之处|薄弱环节|(还|仍)有(不足|差距)");
    private static final Pattern PLAN_VERBS = Pattern.compile(
            "^([一二三四五六七八九十]是)?(进一步|持续|深化|强化|加大|加快|全面|坚持|着力|不断|推动|继续|健全|完善|深入|扎实)");
    private static final Pattern NEXT_WORDS = Pattern.compile("下一步|今后|明年|下一年度");
    private static final Pattern END_OF_SENTENCE = Pattern.compile("[。！？”’；…）]$");
    private static final Pattern SENTENCE = Pattern.compile("[^。；！？]+[。；！？]?");

    /** Checks the text of a report (simplified or traditional characters) without a case to compare it with. */
    public CompletenessReport check(String text) {
        return check(text, ReportCase.UNKNOWN);
    }

    /** Checks the text of a report and compares its year and entity with the case's. */
    public CompletenessReport check(String text, ReportCase reportCase) {
        return check(text, reportCase, true);
    }

    /**
     * Checks a report written in the draft form's five sections (rendered by {@link StructuredDraft}): whole by
     * construction, so a last section without a full stop is not taken for a cut-off text.
     */
    public CompletenessReport checkWritten(String text, ReportCase reportCase) {
        return check(text, reportCase, false);
    }

    private CompletenessReport check(String text, ReportCase reportCase, boolean mayBeCut) {
        if (text == null || text.isBlank()) {
            throw new InvalidDocumentException("报告内容为空", "The report is empty");
        }
        ReportCase against = reportCase == null ? ReportCase.UNKNOWN : reportCase;
        ReportOutline outline = new ReportOutline(ReportText.read(text));
        if (outline.blocks.isEmpty()) {
            throw new InvalidDocumentException("报告内容为空", "The report is empty");
        }
        // the report is read in its own year (a 2020 report plans 2021 even when uploaded to a 2025 case: that mismatch
        // is a warning of its own); the case's year only where the report states none
        Integer year = CaseMatch.yearEvidence(outline).map(CaseMatch::statedYear).orElse(against.year());
        Reading reading = new Reading(outline, year, mayBeCut);
        List<ItemResult> items = List.of(reading.measures(), reading.shortcomings(), reading.leaders(),
                reading.plans(), reading.other());
        List<CheckWarning> warnings = new ArrayList<>();
        Optional<ReportOutline.Block> cut = mayBeCut ? reading.cut() : Optional.empty();
        cut.ifPresent(b -> warnings.add(new CheckWarning(CheckWarning.TRUNCATED,
                "报告在第" + b.line() + "行句中或标题处结束，可能不完整：请确认上传的是全文",
                "The report ends mid-sentence or on a heading at line " + b.line()
                        + ": it may be cut off; check that the whole report was uploaded",
                b.line(), tail(b.text()))));
        warnings.addAll(CaseMatch.warnings(outline, against));
        boolean complete = cut.isEmpty() && items.stream().allMatch(i -> !i.required() || i.state() == ItemState.PRESENT);
        return new CompletenessReport(items, complete, cut.isPresent(), warnings);
    }

    /** Checks an uploaded report: the type is recognised by content (.docx, PDF, plain text), not by the file name. */
    public CompletenessReport check(byte[] content, String filename) {
        return check(DocumentText.extract(content, filename));
    }

    /** Checks an uploaded report and compares it with the case. */
    public CompletenessReport check(byte[] content, String filename, ReportCase reportCase) {
        return check(DocumentText.extract(content, filename), reportCase);
    }

    static String shorten(String text) {
        return text.length() <= EVIDENCE_LENGTH ? text : text.substring(0, EVIDENCE_LENGTH);
    }

    private static String tail(String text) {
        return text.length() <= EVIDENCE_LENGTH ? text : text.substring(text.length() - EVIDENCE_LENGTH);
    }

    /** Up to 80 characters around a match, starting a little before it. */
    static String snippet(String text, int matchStart) {
        int start = Math.max(0, matchStart - 20);
        int end = Math.min(text.length(), start + EVIDENCE_LENGTH);
        return text.substring(start, end);
    }

    /** One report's outline with the role of each chapter; decides the five items. */
    private static final class Reading {

        private final ReportOutline outline;
        private final Integer year;
        private final Map<Integer, Set<ChapterRole>> roles = new HashMap<>();
        private final List<ReportOutline.Block> body;
        private final boolean truncated;

        Reading(ReportOutline outline, Integer year, boolean mayBeCut) {
            this.outline = outline;
            this.year = year;
            for (ReportOutline.Block chapter : outline.chapters) {
                roles.put(chapter.chapter(), ChapterRole.of(chapter.heading(), year));
            }
            this.body = outline.blocks.stream().filter(b -> b.level() >= 0).toList();
            this.truncated = mayBeCut && cut().isPresent();
        }

        /** The last block of a text that stops mid-sentence or on a heading. */
        Optional<ReportOutline.Block> cut() {
            List<ReportOutline.Block> content = outline.blocks.stream().filter(b -> b.level() >= 0).toList();
            if (content.isEmpty()) {
                return Optional.of(outline.blocks.get(outline.blocks.size() - 1));
            }
            ReportOutline.Block last = content.get(content.size() - 1);
            boolean heading = last.isHeading() && last.body().isBlank();
            return heading || !END_OF_SENTENCE.matcher(last.text()).find() ? Optional.of(last) : Optional.empty();
        }

        private Set<ChapterRole> roleOf(ReportOutline.Block b) {
            return roles.getOrDefault(b.chapter(), Set.of());
        }

        private boolean inClosingChapter(ReportOutline.Block b) {
            return ChapterRole.closing(roleOf(b));
        }

        /** The opening: paragraphs before the first chapter (only the first paragraph when there are no chapters). */
        private boolean inOpening(ReportOutline.Block b) {
            if (outline.chapters.isEmpty()) {
                return body.indexOf(b) == 0;
            }
            return b.chapter() < 0;
        }

        /**
         * A closing paragraph: unnumbered, in the last chapter after its last sub-heading (or after the text's last
         * heading), in a text that does not stop mid-way.
         */
        private boolean closingPosition(ReportOutline.Block b) {
            if (truncated || b.level() != 0) {
                return false;
            }
            int lastHeading = -1;
            for (ReportOutline.Block x : body) {
                if (x.isHeading()) {
                    lastHeading = x.index();
                }
            }
            if (lastHeading < 0) {
                return b.index() >= body.get(body.size() - 1).index() - 1 && body.indexOf(b) > 0;
            }
            return b.index() > lastHeading && outline.blocks.get(lastHeading).level() > 1
                    || b.index() > lastHeading && b.index() == body.get(body.size() - 1).index();
        }

        // --- item 1 ---------------------------------------------------------------------------------------------

        ItemResult measures() {
            StatutoryItem item = StatutoryItem.MEASURES;
            for (ReportOutline.Block b : body) {
                if (b.isHeading() && !inClosingChapter(b) && (b.level() == 1 ? roleOf(b)
                        : ChapterRole.of(b.heading(), year)).contains(ChapterRole.MEASURES)) {
                    return present(item, b.line(), shorten(b.heading()), "标题写明主要举措或成效",
                            "a heading names the measures or results");
                }
            }
            for (ReportOutline.Block c : outline.chapters) {
                if (roleOf(c).isEmpty() && hasBody(c)) {
                    return present(item, c.line(), shorten(c.heading()),
                            "按主题分章的报告：第一个主题章即为上一年度的举措和成效",
                            "a report in thematic chapters: the first one reports the past year's measures");
                }
            }
            List<ReportOutline.Block> candidates = body.stream()
                    .filter(b -> !inOpening(b) && !inClosingChapter(b) && !roleOf(b).contains(ChapterRole.LEADERS))
                    .toList();
            for (ReportOutline.Block b : candidates) {
                Matcher m = MEASURES_WORDS.matcher(b.text());
                if (m.find()) {
                    return present(item, b.line(), snippet(b.text(), m.start()), "段落写明取得的成效",
                            "a paragraph states the results achieved");
                }
            }
            List<ReportOutline.Block> accomplished = candidates.stream()
                    .filter(b -> ACCOMPLISHED.matcher(b.text()).find()).toList();
            if (accomplished.size() >= 3) {
                ReportOutline.Block b = accomplished.get(0);
                return present(item, b.line(), shorten(b.text()), accomplished.size()
                                + "段用数字或文件名报告已做的工作（无标题可依）",
                        accomplished.size() + " paragraphs report work done with figures or documents (no headings)");
            }
            if (!accomplished.isEmpty()) {
                ReportOutline.Block b = accomplished.get(0);
                return uncertain(item, b.line(), shorten(b.text()), "只有" + accomplished.size()
                                + "段报告已做的工作，且没有标题写明举措和成效：请确认",
                        "only " + accomplished.size() + " paragraph(s) report work done and no heading names the"
                                + " measures: please confirm");
            }
            return absent(item, "没有写明举措和成效的标题、主题章或段落",
                    "no heading, thematic chapter or paragraph reports the measures and results");
        }

        private boolean hasBody(ReportOutline.Block chapter) {
            return body.stream().anyMatch(b -> b.chapter() == chapter.chapter() && b.index() > chapter.index())
                    || !chapter.body().isBlank();
        }

        // --- item 2 ---------------------------------------------------------------------------------------------

        ItemResult shortcomings() {
            StatutoryItem item = StatutoryItem.SHORTCOMINGS;
            for (ReportOutline.Block b : body) {
                if (b.isHeading() && !roleOf(b).contains(ChapterRole.PLANS)
                        && ChapterRole.of(b.heading(), year).contains(ChapterRole.SHORTCOMINGS)) {
                    return present(item, b.line(), shorten(b.heading()), "标题写明存在的问题或不足",
                            "a heading names the problems or shortcomings");
                }
            }
            Optional<Evidence> stated = shortcomingsStated();
            if (stated.isPresent()) {
                Evidence e = stated.get();
                return present(item, e.block().line(), snippet(e.block().text(), e.start()),
                        "段落以“但……仍存在……”等句式总结不足", "a paragraph sums up the shortcomings (但…仍存在…)");
            }
            for (ReportOutline.Block b : body) {
                Matcher m = SHORTCOMINGS_WORDS.matcher(b.text());
                if (closingPosition(b) && m.find()) {
                    return uncertain(item, b.line(), snippet(b.text(), m.start()),
                            "结尾段提到问题或不足，但没有明确总结：请确认", "the closing paragraph mentions problems but"
                                    + " does not sum them up: please confirm");
                }
            }
            return absent(item, "没有写明存在的问题或不足的标题或总结段落",
                    "no heading or summing-up paragraph names the shortcomings");
        }

        private record Evidence(ReportOutline.Block block, int start) {
        }

        private Optional<Evidence> shortcomingsStated() {
            for (int i = body.size() - 1; i >= 0; i--) {
                ReportOutline.Block b = body.get(i);
                Matcher m = SHORTCOMINGS_STATED.matcher(b.text());
                if (!roleOf(b).contains(ChapterRole.PLANS) && m.find()) {
                    int start = b.text().lastIndexOf('，', m.start()) + 1;
                    Matcher w = SHORTCOMINGS_WORDS.matcher(b.text());
                    return Optional.of(new Evidence(b, w.find(m.start()) ? w.start() : Math.max(start, m.start())));
                }
            }
            return Optional.empty();
        }

        // --- item 3 ---------------------------------------------------------------------------------------------

        ItemResult leaders() {
            StatutoryItem item = StatutoryItem.FIRST_RESPONSIBILITY;
            ItemResult unclear = null;
            for (ReportOutline.Block b : body) {
                if (inClosingChapter(b)) {
                    continue;
                }
                if (b.isHeading() && ChapterRole.of(b.heading(), year).contains(ChapterRole.LEADERS)) {
                    return present(item, b.line(), shorten(b.heading()), "标题写明履行推进法治建设第一责任人（领导）职责",
                            "a heading names the duty of the first responsible persons");
                }
                Matcher s = SENTENCE.matcher(b.text());
                while (s.find()) {
                    Duty.Reading r = Duty.read(s.group());
                    if (r == Duty.Reading.OWN) {
                        return present(item, b.line(), snippet(b.text(), Math.min(s.start() + 20, b.text().length())),
                                "主语是党政主要负责人本人（或报告单位自身）履行第一责任人职责",
                                "the principal leaders themselves (or the reporting entity) perform the duty");
                    }
                    if (r == Duty.Reading.UNCLEAR && unclear == null) {
                        unclear = uncertain(item, b.line(), snippet(b.text(), Math.min(s.start() + 20, b.text().length())),
                                "提到第一责任人或主要负责人，但看不出是本单位主要负责人履职：请确认",
                                "mentions the first responsible person or principal leaders, but not as the entity's"
                                        + " own leaders performing the duty: please confirm");
                    }
                }
            }
            return unclear != null ? unclear : absent(item,
                    "没有以本单位党政主要负责人为主语的履职内容（问题部分的提及和组织他人述法不算）",
                    "no passage with the principal leaders themselves as subject (mentions among the problems and"
                            + " organising others' 述法 do not count)");
        }

        // --- item 4 ---------------------------------------------------------------------------------------------

        ItemResult plans() {
            StatutoryItem item = StatutoryItem.NEXT_YEAR;
            for (ReportOutline.Block b : body) {
                if (b.isHeading() && (b.level() == 1 || b.chapter() < 0 || inClosingChapter(b))
                        && ChapterRole.of(b.heading(), year).contains(ChapterRole.PLANS)) {
                    return present(item, b.line(), shorten(b.heading()), "标题写明下一年度的安排",
                            "a heading names next year's plans");
                }
            }
            ItemResult inside = null;
            for (int i = body.size() - 1; i >= 0; i--) {
                ReportOutline.Block b = body.get(i);
                Optional<Integer> at = forward(b.text());
                if (at.isEmpty()) {
                    continue;
                }
                boolean closing = closingPosition(b) || inClosingChapter(b);
                if (closing) {
                    return present(item, b.line(), snippet(b.text(), at.get()),
                            "结尾段写明下一步或下一年度将做的工作", "a closing paragraph says what will be done next");
                }
                if (inside == null) {
                    inside = uncertain(item, b.line(), snippet(b.text(), at.get()),
                            "“下一步/明年将……”只出现在工作情况中间，不在结尾部分：请确认",
                            "“next, we will…” appears only inside the account of the year, not in a closing part:"
                                    + " please confirm");
                }
            }
            Optional<Evidence> stated = shortcomingsStated();
            if (stated.isPresent()) {
                List<ReportOutline.Block> after = body.stream()
                        .filter(b -> b.index() > stated.get().block().index() && b.level() >= 0).toList();
                List<ReportOutline.Block> planned = after.stream()
                        .filter(b -> PLAN_VERBS.matcher(b.text()).find()).toList();
                if (planned.size() >= 2 && planned.size() * 2 >= after.size()) {
                    return present(item, planned.get(0).line(), shorten(planned.get(0).text()),
                            "总结不足之后的" + planned.size() + "段以“进一步、持续、深化……”开头，是下一步的安排",
                            "the " + planned.size() + " paragraphs after the shortcomings open with plan verbs"
                                    + " (进一步, 持续, 深化…)");
                }
                if (planned.size() == 1) {
                    inside = inside != null ? inside : uncertain(item, planned.get(0).line(),
                            shorten(planned.get(0).text()), "总结不足之后只有一段像是安排：请确认",
                            "only one paragraph after the shortcomings reads like a plan: please confirm");
                }
            }
            if (inside != null) {
                return inside;
            }
            for (ReportOutline.Block b : body) {
                Matcher m = NEXT_WORDS.matcher(b.text());
                if (closingPosition(b) && m.find()) {
                    return uncertain(item, b.line(), snippet(b.text(), m.start()),
                            "结尾段提到下一步，但没有写明安排：请确认", "the closing paragraph mentions what comes next"
                                    + " without stating plans: please confirm");
                }
            }
            return absent(item, "没有写明下一年度安排的标题或结尾段落",
                    "no heading or closing paragraph states next year's plans");
        }

        /** Where a paragraph says what will be done next year: 下一步，我们将 / 2024年，我们将 / 明年将. */
        private Optional<Integer> forward(String text) {
            Matcher m = Pattern.compile("下一步[，：]?[^。，]{0,6}(将|要)|(明年|下一年度|今后)[，]?[^。，]{0,6}(将|要)"
                    + "|(20\\d\\d)年度?[，]?(我们|我[省市县区乡镇局委]|全[省市县区乡镇]|本[省市县区乡镇局])?(将|要)")
                    .matcher(text);
            while (m.find()) {
                String y = m.group(4);
                if (y == null || year == null || Integer.parseInt(y) == year + 1) {
                    return Optional.of(m.start());
                }
            }
            return Optional.empty();
        }

        // --- item 5 ---------------------------------------------------------------------------------------------

        ItemResult other() {
            StatutoryItem item = StatutoryItem.OTHER;
            for (ReportOutline.Block b : body) {
                if (b.isHeading() && ChapterRole.OTHER_HEADING.matcher(b.heading().replaceFirst(
                        "^(（[一二三四五六七八九十\\d]{1,3}）|[一二三四五六七八九十]{1,3}、|\\d{1,2}\\.)", "")).find()) {
                    return present(item, b.line(), shorten(b.heading()), "标题写明其他需要报告的情况",
                            "a heading names other matters");
                }
                int at = b.text().indexOf("其他需要报告");
                if (at >= 0) {
                    return present(item, b.line(), snippet(b.text(), at), "段落写明其他需要报告的情况",
                            "a paragraph names other matters");
                }
            }
            return absent(item, "未报告其他情况（非必备）", "no other matters reported (optional)");
        }

        private static ItemResult present(StatutoryItem item, int line, String evidence, String zh, String en) {
            return new ItemResult(item.number, item.nameZh, item.nameEn, true, item.required, evidence, line,
                    ItemState.PRESENT, zh, en);
        }

        private static ItemResult uncertain(StatutoryItem item, int line, String evidence, String zh, String en) {
            return new ItemResult(item.number, item.nameZh, item.nameEn, false, item.required, evidence, line,
                    ItemState.UNCERTAIN, zh, en);
        }

        private static ItemResult absent(StatutoryItem item, String zh, String en) {
            return new ItemResult(item.number, item.nameZh, item.nameEn, false, item.required, null, null,
                    ItemState.ABSENT, zh, en);
        }
    }
}
