package cn.fazhi.annualreport.document;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a heading announces — measures, shortcomings, the leaders' duty, plans, other matters — read from its words and year. */
enum ChapterRole {
    MEASURES, SHORTCOMINGS, LEADERS, PLANS, OTHER;

    static final Pattern MEASURES_HEADING = Pattern.compile(
            "主要举措|主要做法|主要措施|主要工作|主要成效|工作成效|取得的成效|(举措|措施|做法)(和|及|与)成效|工作(开展)?情况"
                    + "|建设(工作)?情况|^(一年来|工作回顾|主要成绩)");
    static final Pattern SHORTCOMINGS_HEADING = Pattern.compile(
            "存在的?(主要)?(问题|不足|差距|短板)|(?<!补齐|弥补|补)(不足|短板)(之处|和原因|及原因|与原因)?$|问题(和|与|及)不足|主要问题"
                    + "|薄弱环节|困难和问题|(还|仍)有不足");
    static final Pattern LEADERS_HEADING = Pattern.compile(
            "第一责任人|主要负责(人|同志)[^，。]{0,4}履行|党政主要负责人|履行(推进)?法治(政府)?建设[^，。]{0,6}职责");
    static final Pattern PLANS_HEADING = Pattern.compile(
            "下一步|下一年度|明年|今后|(工作)?(安排|计划|打算|思路|展望)$|(安排|计划|打算|思路)(和|及)");
    static final Pattern OTHER_HEADING = Pattern.compile("其他需要报告|^其他(有关|相关)?(情况|事项)$");
    private static final Pattern YEAR = Pattern.compile("(20\\d\\d)\\s*年");

    /** The roles a heading announces, given the reporting year (null if unknown). */
    static Set<ChapterRole> of(String heading, Integer reportingYear) {
        Set<ChapterRole> roles = EnumSet.noneOf(ChapterRole.class);
        Integer year = yearOf(heading);
        boolean nextYear = year != null && reportingYear != null && year == reportingYear + 1;
        boolean thisYear = year != null && reportingYear != null && year <= reportingYear;
        if (SHORTCOMINGS_HEADING.matcher(heading).find()) {
            roles.add(SHORTCOMINGS);
        }
        if ((PLANS_HEADING.matcher(heading).find() && !thisYear) || nextYear && heading.matches(".*(工作|重点|任务|安排).*")) {
            roles.add(PLANS);
        }
        if (OTHER_HEADING.matcher(heading).find()) {
            roles.add(OTHER);
        }
        if (LEADERS_HEADING.matcher(heading).find() && !Duty.negative(heading)) {
            roles.add(LEADERS);
        }
        if (MEASURES_HEADING.matcher(heading).find() && !nextYear && !roles.contains(PLANS)) {
            roles.add(MEASURES);
        }
        return roles;
    }

    static Integer yearOf(String text) {
        Matcher m = YEAR.matcher(text);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Closing parts: what is written inside them is not evidence for the measures or the leaders' duty. */
    static boolean closing(Set<ChapterRole> roles) {
        return roles.contains(SHORTCOMINGS) || roles.contains(PLANS) || roles.contains(OTHER);
    }
}
