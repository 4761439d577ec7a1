package cn.fazhi.annualreport.publication;

import java.time.Instant;

/**
 * A report as published on every target: what the secrecy review released, with its title and document number.
 *
 * @param processInstanceId the case
 * @param entityCode        the reporting entity's code
 * @param entityName        its name when the case was prepared
 * @param year              the reporting year
 * @param title             e.g. 巴彦县人民政府2025年度法治政府建设情况报告
 * @param documentNumber    the document number (文号), may be null
 * @param text              the released text (plain text, one paragraph per line)
 * @param publishedAt       the publication time
 */
record PublishedReport(String processInstanceId, String entityCode, String entityName, int year, String title,
                       String documentNumber, String text, Instant publishedAt) {
}
