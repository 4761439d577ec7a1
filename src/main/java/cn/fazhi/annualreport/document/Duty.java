package cn.fazhi.annualreport.document;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Item 3 in one sentence: whether its subject is the principal leaders themselves, other units, or a shortcoming. */
final class Duty {

    /** How a sentence speaks of the first-responsible-person duty. */
    enum Reading { OWN, UNCLEAR, NOT_OWN, NONE }

    static final Pattern DUTY = Pattern.compile(
            "第一责任人|履行(推进)?法治(政府)?建设[^，。；]{0,6}职责|主要负责(人|同志)[^，。；]{0,4}履行[^，。；]{0,10}职责");
    /** Principal leaders: 主要负责人/同志, 一把手, the head of a government or department, a Party secretary. */
    private static final Pattern PRINCIPAL = Pattern.compile(
            "主要负责(人|同志)|主要领导|一把手|(省|市|县|区|乡|镇|旗)长(?!期|效)|党(委|工委|组)书记|局长|主任(?!科员)");
    /** Others' leaders: every unit's, whom the reporting entity urges, guides or hears in 述法. */
    private static final Pattern OTHERS_BEFORE = Pattern.compile(
            "(各|各级|全[省市县区乡镇]各?级?|下级|所属|基层|督促|指导|推动|要求|压实|组织|部门|单位)[^，。；]{0,8}$");
    private static final Pattern OTHERS = Pattern.compile("述法|述职|述责");
    /** The duty as the topic of others' reports: …第一责任人职责年终述法工作, …职责情况向省委书面述职. */
    private static final Pattern HEARS_OTHERS = Pattern.compile("职责[^，。；]{0,10}(述法|述职|述责)");
    /** A principal leader right before the verb: 局党政主要负责人严格履行, 省长毛伟明带头履行. */
    private static final Pattern SUBJECT_ACTS = Pattern.compile(
            "(主要负责(人|同志)|主要领导|一把手|(省|市|县|区|乡|镇|旗)长|党(委|工委|组)书记|局长|主任)[^，。；]{0,8}"
                    + "(履行|落实|扛起|扛牢|带头|担负|肩负)");
    private static final Pattern NEGATIVE = Pattern.compile(
            "不到位|不够|不足|欠缺|有待|不强|不力|缺乏|仍需|还需|尚未|不严|不实|弱化|虚化|淡化|缺位|落实不|履行不");
    private static final Pattern PLAN = Pattern.compile("^(下一步|今后|明年|\\d{4}年)|(将|要)(进一步|继续|持续)?(压实|落实|履行)");
    /** A sentence that starts with the duty itself has the report's own subject: 认真履行…第一责任人职责. */
    private static final Pattern OWN_START = Pattern.compile(
            "^([一二三四五六七八九十]是|首先|同时)?[，]?(始终|认真|切实|积极|严格|带头|全面|坚决|自觉|扎实|主动|坚持|充分)*"
                    + "(履行|落实|扛起|扛牢|担起|担负|肩负|履职)");
    private static final Pattern LEADER_ACT = Pattern.compile("带头|亲自|主持|部署|听取|专题研究|专题会|督办|过问");

    private Duty() {
    }

    static boolean negative(String text) {
        return NEGATIVE.matcher(text).find();
    }

    /** Reads one sentence (without its run-in numbering). */
    static Reading read(String sentence) {
        String s = sentence.replaceFirst("^(（[一二三四五六七八九十\\d]{1,3}）|[一二三四五六七八九十]{1,3}、|\\d{1,2}\\.)", "");
        boolean duty = DUTY.matcher(s).find();
        boolean own = ownPrincipal(s);
        if (!duty && !own) {
            return Reading.NONE;
        }
        if (negative(s) || PLAN.matcher(s).find() || HEARS_OTHERS.matcher(s).find()) {
            return duty ? Reading.NOT_OWN : Reading.NONE;
        }
        if (duty && ownSubjectActs(s)) {
            return Reading.OWN;
        }
        if (OTHERS.matcher(s).find()) {
            return duty ? Reading.NOT_OWN : Reading.NONE;
        }
        if (duty && (own || startsWithTheDuty(s))) {
            return Reading.OWN;
        }
        if (duty && othersPrincipal(s)) {
            return Reading.NOT_OWN; // 督促各乡镇主要负责人切实履行…: the leaders are others
        }
        if (own && LEADER_ACT.matcher(s).find()) {
            return Reading.UNCLEAR;
        }
        return duty ? Reading.UNCLEAR : Reading.NONE;
    }

    /** Whether a clause opens with the duty's verb, its subject left to the report: …，切实履行推进法治政府建设领导职责. */
    private static boolean startsWithTheDuty(String s) {
        for (String clause : s.split("，")) {
            if (OWN_START.matcher(clause.strip()).find() && DUTY.matcher(clause).find()) {
                return true;
            }
        }
        return false;
    }

    /** Whether an own principal leader is the subject right before the duty's verb. */
    private static boolean ownSubjectActs(String s) {
        Matcher m = SUBJECT_ACTS.matcher(s);
        while (m.find()) {
            String before = s.substring(Math.max(0, m.start() - 12), m.start());
            if (!OTHERS_BEFORE.matcher(before).find()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a principal leader is named as one of the others whom the entity urges, guides or hears. */
    private static boolean othersPrincipal(String s) {
        Matcher m = PRINCIPAL.matcher(s);
        while (m.find()) {
            String before = s.substring(Math.max(0, m.start() - 12), m.start());
            if (OTHERS_BEFORE.matcher(before).find()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a principal leader is named as a subject of the sentence, not as others whom the entity urges. */
    private static boolean ownPrincipal(String s) {
        Matcher m = PRINCIPAL.matcher(s);
        while (m.find()) {
            String before = s.substring(Math.max(0, m.start() - 12), m.start());
            if (!OTHERS_BEFORE.matcher(before).find()) {
                return true;
            }
        }
        return false;
    }
}
