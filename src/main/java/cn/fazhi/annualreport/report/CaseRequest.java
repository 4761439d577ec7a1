package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.organization.ReviewGate;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;

/** What starts a case, read from the kickoff variables (start form or API) and checked for form. */
record CaseRequest(String entityCode, int year, ReviewGate reviewGate, boolean solicitOpinions,
                   LocalDate filingOverride, LocalDate publicationOverride, String noticeReference) {

    static CaseRequest from(Map<String, Object> vars, ZoneId zone) {
        Object entity = vars.get(VAR_ENTITY_CODE);
        if (!(entity instanceof String code) || code.isBlank()) {
            throw ReportRequestException.invalid("缺少报告单位代码（entityCode）", "entityCode is required");
        }
        Object yearValue = vars.get(VAR_REPORTING_YEAR);
        int year;
        if (yearValue instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            year = n.intValue();
        } else if (yearValue instanceof String s && s.trim().matches("\\d{4}")) {
            year = Integer.parseInt(s.trim());
        } else {
            throw ReportRequestException.invalid("报告年度（reportingYear）须为四位整数年份",
                    "reportingYear must be a whole four-digit year");
        }
        ReviewGate gate = null;
        Object gateValue = vars.get(VAR_REVIEW_GATE);
        if (gateValue instanceof String s && !s.isBlank()) {
            try {
                gate = ReviewGate.valueOf(s.trim());
            } catch (IllegalArgumentException e) {
                throw ReportRequestException.invalid("审议方式无效：" + s + "（可选 EXECUTIVE_MEETING、LEADERSHIP_MEETING、PRINCIPAL_SIGN_OFF）",
                        "Unknown reviewGate " + s + " (EXECUTIVE_MEETING, LEADERSHIP_MEETING or PRINCIPAL_SIGN_OFF)");
            }
        } else if (gateValue != null && !(gateValue instanceof String)) {
            throw ReportRequestException.invalid("审议方式须为文本", "reviewGate must be a string");
        }
        Object solicit = vars.get(VAR_SOLICIT_OPINIONS);
        if (solicit != null && !(solicit instanceof Boolean)) {
            throw ReportRequestException.invalid("是否征求意见（solicitOpinions）须为布尔值", "solicitOpinions must be a boolean");
        }
        Object notice = vars.get(VAR_NOTICE_REFERENCE);
        return new CaseRequest(code.trim(), year, gate, Boolean.TRUE.equals(solicit),
                date(vars.get(VAR_FILING_DEADLINE_OVERRIDE), VAR_FILING_DEADLINE_OVERRIDE, zone),
                date(vars.get(VAR_PUBLICATION_DEADLINE_OVERRIDE), VAR_PUBLICATION_DEADLINE_OVERRIDE, zone),
                notice instanceof String s && !s.isBlank() ? s.trim() : null);
    }

    private static LocalDate date(Object value, String name, ZoneId zone) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return null;
        }
        if (value instanceof Date d) {
            return d.toInstant().atZone(zone).toLocalDate();
        }
        if (value instanceof String s) {
            try {
                return LocalDate.parse(s.trim().length() > 10 ? s.trim().substring(0, 10) : s.trim());
            } catch (DateTimeParseException e) {
                // fall through to the error below
            }
        }
        throw ReportRequestException.invalid(name + " 须为日期（yyyy-MM-dd）", name + " must be a date (yyyy-MM-dd)");
    }
}
