package cn.fazhi.annualreport.document;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a report's title and opening name the case's reporting year and entity. */
final class CaseMatch {

    /** One level of a place name: 山西省, 朔州市, 朔城区, 留下街道. */
    private static final Pattern PLACE_UNIT = Pattern.compile("[^省市县区旗乡镇]{1,8}?(自治区|自治州|省|市|县|区|旗|乡|镇|街道)");
    private static final int OPENING_BLOCKS = 4;

    private CaseMatch() {
    }

    /** The reporting year the report states: the title's year, else the first year of its opening paragraph. */
    static Optional<ReportOutline.Block> yearEvidence(ReportOutline outline) {
        for (ReportOutline.Block b : opening(outline)) {
            if (b.level() == -1 && b.text().contains("报告") && ChapterRole.yearOf(b.text()) != null) {
                return Optional.of(b);
            }
        }
        return outline.blocks.stream().filter(b -> b.level() == 0).findFirst()
                .filter(b -> leadingYear(b.text()) != null);
    }

    /** The year a paragraph opens with (2023年，…), or the year of a title. */
    static Integer statedYear(ReportOutline.Block b) {
        return b.level() == -1 ? ChapterRole.yearOf(b.text()) : leadingYear(b.text());
    }

    private static Integer leadingYear(String text) {
        Matcher m = Pattern.compile("(20\\d\\d)年").matcher(text.length() > 60 ? text.substring(0, 60) : text);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    static List<CheckWarning> warnings(ReportOutline outline, ReportCase reportCase) {
        List<CheckWarning> warnings = new ArrayList<>();
        if (reportCase.year() != null) {
            yearEvidence(outline).ifPresent(b -> {
                Integer stated = statedYear(b);
                if (stated != null && !stated.equals(reportCase.year())) {
                    warnings.add(new CheckWarning(CheckWarning.YEAR_MISMATCH,
                            "报告写的是" + stated + "年度，本案为" + reportCase.year() + "年度：请确认上传的是本年度的报告",
                            "The report speaks of " + stated + ", the case is for " + reportCase.year()
                                    + ": check that this is this year's report", b.line(), CompletenessChecker.shorten(b.text())));
                }
            });
        }
        String entity = reportCase.entityName() == null ? "" : reportCase.entityName().strip();
        if (!entity.isEmpty()) {
            Set<String> names = names(entity);
            String opening = String.join("\n", opening(outline).stream().map(ReportOutline.Block::text).toList());
            if (names.stream().noneMatch(opening::contains)) {
                ReportOutline.Block shown = opening(outline).isEmpty() ? null : opening(outline).get(0);
                warnings.add(new CheckWarning(CheckWarning.ENTITY_MISMATCH,
                        "报告标题和开头未提到本单位（" + entity + "）：请确认上传的是本单位的报告",
                        "The report's title and opening do not name this entity (" + entity
                                + "): check that this is its report",
                        shown == null ? null : shown.line(), shown == null ? null : CompletenessChecker.shorten(shown.text())));
            }
        }
        return warnings;
    }

    /** The title and the first paragraphs. */
    private static List<ReportOutline.Block> opening(ReportOutline outline) {
        return outline.blocks.stream().limit(OPENING_BLOCKS).toList();
    }

    /** The ways a report names its entity: 巴彦县人民政府 → 巴彦县人民政府, 巴彦县政府, 巴彦县, 巴彦 (县 or 市 dropped). */
    static Set<String> names(String entity) {
        Set<String> names = new LinkedHashSet<>();
        names.add(entity);
        String core = entity.replaceFirst("(人民政府|政府)$", "");
        List<String> places = new ArrayList<>();
        int at = 0;
        Matcher unit = PLACE_UNIT.matcher(core);
        while (unit.find(at) && unit.start() == at && unit.end() < core.length() + 1) {
            places.add(unit.group());
            at = unit.end();
        }
        String rest = core.substring(at);
        names.add(core);
        if (!places.isEmpty()) {
            // the last place of a nested name (山西省朔州市朔城区 → 朔城区): reports often drop the higher ones
            String local = places.get(places.size() - 1);
            names.add(local + rest);
            if (rest.isEmpty()) {
                String shortName = local.replaceFirst("(自治区|自治州|省|市|县|区|旗|乡|镇|街道)$", "");
                if (shortName.length() >= 2) {
                    names.add(shortName);
                }
            }
        }
        return names;
    }
}
