package cn.fazhi.annualreport.document;

/**
 * The text of one version of a case's report: extracted from the uploaded file, or the plain-text report rendered from
 * the five sections.
 *
 * @param version  1, 2, 3 … within the case
 * @param kind     UPLOAD or STRUCTURED
 * @param fileName the version's file name
 * @param text     its text, one line per paragraph
 */
public record VersionText(int version, String kind, String fileName, String text) {
}
