package cn.fazhi.annualreport.launch;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A launch as the API shows it: RUNNING, FINISHED or TERMINATED (its process deleted before it finished), the counts of
 * its outcomes and each entity's outcome with the case or the reason.
 */
record LaunchView(String id, int year, String trigger, String requestedBy, OffsetDateTime requestedAt,
                  OffsetDateTime finishedAt, String state, int total, int started, int skipped, int failed,
                  int pending, List<EntityResult> results) {

    static final String RUNNING = "RUNNING";
    static final String FINISHED = "FINISHED";
    static final String TERMINATED = "TERMINATED";

    boolean finished() {
        return FINISHED.equals(state);
    }

    /** One entity's outcome: the case started (or the one that existed), or why not, in Chinese and English. */
    record EntityResult(String entity, String entityName, String outcome, String processInstanceId, String reasonZh,
                        String reasonEn, OffsetDateTime at) {
    }
}
