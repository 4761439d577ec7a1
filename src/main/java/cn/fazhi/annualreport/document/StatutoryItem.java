package cn.fazhi.annualreport.document;

import java.util.regex.Pattern;

/** The five statutory contents and the patterns that recognise them in headings and in paragraphs. */
enum StatutoryItem {

    MEASURES(1, "上一年度推进法治政府建设的主要举措和成效", "Main measures and results of the past year", true,
            "主要举措|主要做法|主要措施|主要工作|工作成效|取得的成效|(举措|措施|做法)(和|及|与)成效"
                    + "|工作(开展)?情况|建设(工作)?情况",
            "主要举措|主要做法|主要措施|工作成效|取得的成效|取得了?(一定的|明显|显著|积极)?成效"),
    SHORTCOMINGS(2, "存在的不足和原因", "Shortcomings and their causes", true,
            "存在的?(主要)?(问题|不足|差距|短板)|不足(之处|和原因|及原因|与原因)|问题(和|与|及)不足|短板|薄弱环节"
                    + "|(还|仍)有不足",
            "存在的?(主要)?(问题|不足|差距|短板)|不足(之处|和原因|及原因|与原因)|问题(和|与|及)不足|短板|薄弱环节"
                    + "|(还|仍)有不足|(仍|还)然?存在.{0,6}(问题|不足|差距|薄弱)"),
    FIRST_RESPONSIBILITY(3, "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
            "Principal leaders' duties as first persons responsible for the rule of law", true,
            "第一责任人|主要负责人履行|党政主要负责人|履行推进法治(政府)?建设.{0,6}职责",
            "第一责任人|主要负责人履行|党政主要负责人|履行推进法治(政府)?建设.{0,6}职责"),
    NEXT_YEAR(4, "下一年度推进法治政府建设的主要安排", "Main plans for the next year", true,
            "下一步|下一年度|20\\d\\d年度?的?(主要)?(工作)?(安排|计划|打算|思路)|工作(安排|计划|打算|思路|重点)"
                    + "|主要安排|今后(的)?(工作)?(打算|方向|安排)",
            "下一步|下一年度|明年|今后|20\\d\\d年度?的?(主要)?(工作)?(安排|打算|思路)|20\\d\\d年度?工作计划"
                    + "|工作(安排|打算|思路)"),
    OTHER(5, "其他需要报告的情况", "Other matters to report", false,
            "其他需要报告|其他(有关|相关)?(情况|事项)",
            "其他需要报告");

    final int number;
    final String nameZh;
    final String nameEn;
    final boolean required;
    final Pattern heading;
    final Pattern paragraph;

    StatutoryItem(int number, String nameZh, String nameEn, boolean required, String heading, String paragraph) {
        this.number = number;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.required = required;
        this.heading = Pattern.compile(heading);
        this.paragraph = Pattern.compile(paragraph);
    }

    /** Closing items own their chapter: what is written inside it is not evidence for another item. */
    boolean ownsItsChapter() {
        return this == SHORTCOMINGS || this == NEXT_YEAR || this == OTHER;
    }

    /** The closing parts come last; their last mention in a paragraph is the best evidence. */
    boolean searchesFromTheEnd() {
        return this == SHORTCOMINGS || this == NEXT_YEAR;
    }
}
