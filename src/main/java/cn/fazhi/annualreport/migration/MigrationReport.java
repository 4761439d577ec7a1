package cn.fazhi.annualreport.migration;

import java.util.Date;
import java.util.List;
import java.util.Map;

/** The dry run of a migration: the plan, and for every case on the source version where it stands and what moves. */
record MigrationReport(Version source, Version target, List<InstructionView> instructions,
                       List<Element> sourceActivitiesWithoutTarget, List<Element> newTargetActivities,
                       int cases, int canMigrate, int cannotMigrate, List<CaseReport> caseReports) {

    /** A deployed version of the process. */
    record Version(String id, int version, String deploymentId, Date deployedAt) {
    }

    /** One instruction of the plan. */
    record InstructionView(String source, String target, boolean updateEventTrigger) {
    }

    /** A flow node of a diagram, for the reader: id, name and BPMN type. */
    record Element(String id, String name, String type) {
    }

    /**
     * One case: its business key ({@code <entity>:<year>}), where it stands (activity id and how many instances),
     * where an asynchronous continuation waits for the job executor, its open tasks, its timers kept, removed and created, and whether it can move (else the engine's reasons).
     */
    record CaseReport(String processInstanceId, String businessKey, String entityCode, String entityName,
                      boolean canMigrate, Map<String, Integer> standsAt, Map<String, Integer> continuesAt,
                      List<TaskView> tasks,
                      List<JobView> timersKept, List<JobView> timersRemoved, List<JobView> timersCreated,
                      List<JobView> jobsRemoved, List<String> lost, List<String> failures) {
    }

    /** An open task as it is now (and, migrated, stays: same id, assignee and due date). */
    record TaskView(String id, String taskDefinitionKey, String name, String assignee, Date due) {
    }

    /**
     * A job of the case: a timer, or an asynchronous continuation (e.g. a reminder mail about to go out). A task's
     * reminder timer is its timeout listener's: the activity is the user task, {@code timeoutListener} the listener's id
     * (null for any other job). A reminder timer the engine's migration loses and the application puts back
     * ({@link TaskReminderTimers}) is listed as kept under its old id, with the due date it gets.
     */
    record JobView(String id, String activityId, String activityName, String timeoutListener, String executionId,
                   Date due) {
    }
}
