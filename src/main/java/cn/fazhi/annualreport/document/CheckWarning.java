package cn.fazhi.annualreport.document;

/**
 * Something about the report as a whole that the drafter should look at: it does not block the submission.
 *
 * @param code      TRUNCATED, YEAR_MISMATCH or ENTITY_MISMATCH
 * @param messageZh the warning in Chinese
 * @param messageEn the warning in English
 * @param line      the 1-based line of the evidence in the original text, null if none
 * @param evidence  the text it rests on (≤ 80 characters), null if none
 */
public record CheckWarning(String code, String messageZh, String messageEn, Integer line, String evidence) {

    public static final String TRUNCATED = "TRUNCATED";
    public static final String YEAR_MISMATCH = "YEAR_MISMATCH";
    public static final String ENTITY_MISMATCH = "ENTITY_MISMATCH";
}
