package cn.fazhi.annualreport.archive;

import java.util.List;

/**
 * What the case itself says about a finished report, gathered by the process's owner (the report module) for its
 * archive: who reported for which year, to whom it had to go, the document number and issuance, the review gate's
 * final round, the opinions solicited, the publication and the archiving (档号).
 *
 * @param processInstanceId the case
 * @param businessKey       e.g. bayan:2025
 * @param entityCode        the reporting entity's code
 * @param entityName        its name
 * @param year              the reporting year
 * @param addressees        every addressee the report had to go to (报送 and 抄送): each needs a receipt or exemption
 * @param documentNumber    the report's 文号
 * @param issuance          the issuance (签发人, 印发日期, 文号)
 * @param reviewGate        the gate's final round (审议方式, 会议日期, 届次, 结论, 意见 — or the sign-off)
 * @param opinions          the opinions solicited, if any
 * @param publication       the publication (URL and time) as recorded
 * @param archiving         the archiving task's record (档号, 归档日期, 归档人)
 * @param departments       the departments asked for material (a government's report), with their names
 * @param secrecy           the secrecy review (审查结论, 审查人, 审查意见)
 */
public record CaseFacts(String processInstanceId, String businessKey, String entityCode, String entityName, int year,
                        List<String> addressees, String documentNumber, List<Fact> issuance, List<Fact> reviewGate,
                        List<Fact> opinions, Publication publication, List<Fact> archiving,
                        List<Department> departments, List<Fact> secrecy) {

    public CaseFacts {
        secrecy = List.copyOf(secrecy);
        departments = List.copyOf(departments);
        addressees = List.copyOf(addressees);
        issuance = List.copyOf(issuance);
        reviewGate = List.copyOf(reviewGate);
        opinions = List.copyOf(opinions);
        archiving = List.copyOf(archiving);
    }

    /** The issue date (印发日期) as recorded at 签发, null if none. */
    public java.time.LocalDate issueDate() {
        return issuance.stream().filter(f -> "印发日期".equals(f.label()) && f.value() != null
                        && f.value().matches("\\d{4}-\\d{2}-\\d{2}.*"))
                .map(f -> java.time.LocalDate.parse(f.value().substring(0, 10))).findFirst().orElse(null);
    }

    /** A department asked for material: its code and name. */
    public record Department(String code, String name) {
    }

    /** One labelled value, e.g. 会议届次: 第17届48次. */
    public record Fact(String label, String value) {
    }

    /**
     * The report's publication on the portal.
     *
     * @param url         the public URL, null if none was recorded
     * @param publishedAt when (a date or a date-time as recorded), null if none was recorded
     * @param source      where the record was read from, e.g. "发布步骤核验网页后登记的公开网址和公开时间"
     */
    public record Publication(String url, String publishedAt, String source) {
    }
}
