package cn.fazhi.annualreport.migration;

import java.util.Date;
import java.util.List;

/** A migration batch as Cockpit shows it: how many migration jobs in all, done, failed (with their messages). */
record MigrationProgress(String batchId, String state, String createdBy, Date startedAt, Date finishedAt,
                         int total, int done, int remaining, int failed, List<FailedJob> failures) {

    static final String RUNNING = "RUNNING";
    static final String FINISHED = "FINISHED";

    /** A migration job that failed: the engine's message, retries left; Cockpit can retry it. */
    record FailedJob(String jobId, int retriesLeft, String message) {
    }
}
