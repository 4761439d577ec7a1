package cn.fazhi.annualreport.document;

/** The five statutory contents (《法治政府建设与责任落实督察工作规定》 Art. 25), their names and whether they are required. */
enum StatutoryItem {

    MEASURES(1, "上一年度推进法治政府建设的主要举措和成效", "Main measures and results of the past year", true),
    SHORTCOMINGS(2, "存在的不足和原因", "Shortcomings and their causes", true),
    FIRST_RESPONSIBILITY(3, "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
            "Principal leaders' duties as first persons responsible for the rule of law", true),
    NEXT_YEAR(4, "下一年度推进法治政府建设的主要安排", "Main plans for the next year", true),
    OTHER(5, "其他需要报告的情况", "Other matters to report", false);

    final int number;
    final String nameZh;
    final String nameEn;
    final boolean required;

    StatutoryItem(int number, String nameZh, String nameEn, boolean required) {
        this.number = number;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.required = required;
    }
}
