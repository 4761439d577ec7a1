package cn.fazhi.annualreport.document;

/**
 * The case a report is checked against: its reporting year and the reporting entity's name; either may be unknown.
 *
 * @param year       the reporting year, e.g. 2025; null if unknown
 * @param entityName the entity's name, e.g. 巴彦县人民政府; null if unknown
 */
public record ReportCase(Integer year, String entityName) {

    public static final ReportCase UNKNOWN = new ReportCase(null, null);
}
