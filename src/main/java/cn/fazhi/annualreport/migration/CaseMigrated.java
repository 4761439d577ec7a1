package cn.fazhi.annualreport.migration;

/** A case moved to another version of the process, in the transaction that moved it. */
record CaseMigrated(String processInstanceId, String processDefinitionId) {
}
