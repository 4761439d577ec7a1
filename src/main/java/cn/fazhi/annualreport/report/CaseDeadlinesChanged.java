package cn.fazhi.annualreport.report;

import java.time.LocalDate;

/** A running case's deadlines were re-planned (a higher-level notice, a new holiday calendar), in its transaction. */
public record CaseDeadlinesChanged(String processInstanceId, LocalDate filing, LocalDate publication) {
}
