package cn.fazhi.annualreport.migration;

import java.util.List;

/** A migration under way: its Camunda batch, the cases handed to it and the ones left where they are (with why). */
record MigrationStarted(String batchId, String source, String target, List<String> migrating,
                        List<MigrationReport.CaseReport> leftOnSource) {
}
