package cn.fazhi.annualreport.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A case was set up (ServiceTask_PrepareCase): its entity, year, statutory filing and publication dates and the
 * addressees it owes, published in the start's transaction.
 */
public record CasePrepared(String processInstanceId, String entityCode, int year, LocalDate filingDeadline,
                           LocalDate publicationDeadline, List<String> filingRecipients, String copyTo) {
}
