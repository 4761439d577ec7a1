package cn.fazhi.annualreport.benchmark;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.testing.TestCases;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives one case through its whole lifecycle with the engine's Java API, as the people and the job executor would:
 * completes every open task with the values its form sends, and executes every job that is due (asynchronous steps
 * such as publication, its URL check and the archive, with their real delegates), until nothing is left to do.
 * Timers that are not due yet (the reminders) are left alone: they are deleted when their task completes.
 */
final class CaseDriver {

    /** What happened to one case. */
    record Result(String processInstanceId, boolean ended, int userTasks, int jobs, int materials, int filings,
                  String failure) {
    }

    private final ProcessEngine engine;

    CaseDriver(ProcessEngine engine) {
        this.engine = engine;
    }

    /** Drives an instance already started to its end; {@code tag} makes receipt and archive numbers unique. */
    Result drive(String processInstanceId, int year, String tag) {
        TaskService tasks = engine.getTaskService();
        ManagementService management = engine.getManagementService();
        int userTasks = 0;
        int jobs = 0;
        int materials = 0;
        int filings = 0;
        try {
            for (int round = 0; round < 200; round++) {
                List<Task> open = tasks.createTaskQuery().processInstanceId(processInstanceId).active().list();
                if (!open.isEmpty()) {
                    for (Task task : open) {
                        String key = task.getTaskDefinitionKey();
                        Map<String, Object> values = values(key, year, tag + "-" + userTasks);
                        retry(() -> {
                            tasks.complete(task.getId(), values);
                            return null;
                        });
                        userTasks++;
                        if (TASK_SUBMIT_MATERIAL.equals(key) || "materials".equals(key)) {
                            materials++;
                        } else if (TASK_FILE.equals(key) || "file".equals(key)) {
                            filings++;
                        }
                    }
                    continue;
                }
                List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
                if (!due.isEmpty()) {
                    for (Job job : due) {
                        retry(() -> {
                            management.executeJob(job.getId());
                            return null;
                        });
                        jobs++;
                    }
                    continue;
                }
                break;
            }
        } catch (RuntimeException e) {
            return new Result(processInstanceId, false, userTasks, jobs, materials, filings, rootMessage(e));
        }
        boolean ended = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).finished().count() == 1;
        return new Result(processInstanceId, ended, userTasks, jobs, materials, filings,
                ended ? null : "not ended: nothing left to do at " + engine.getRuntimeService()
                        .getActiveActivityIds(processInstanceId));
    }

    /** The values a task's form sends, for the real process's and the baseline's task keys. */
    static Map<String, Object> values(String taskKey, int year, String ref) {
        int next = year + 1;
        return switch (taskKey) {
            case TASK_SUBMIT_MATERIAL, "materials" -> TestCases.material();
            case TASK_DRAFT, "draft" -> TestCases.draft(year + "年度法治政府建设情况报告.txt",
                    TestCases.DRAFT_TEXT.getBytes(StandardCharsets.UTF_8), false);
            case TASK_SOLICIT_OPINIONS -> TestCases.opinions();
            case TASK_INTERNAL_REVIEW, "internalReview" -> TestCases.internalReview("APPROVE");
            case TASK_EXECUTIVE_MEETING, TASK_LEADERSHIP_MEETING, "gate" -> Map.of("meetingDate", next + "-02-20",
                    "meetingSession", "第17届48次", "gateDecision", "APPROVE", "gateComment", "会议原则通过");
            case TASK_PRINCIPAL_SIGN_OFF -> Map.of("signedOffBy", "主要负责人", "signOffDate", next + "-02-20",
                    "gateDecision", "APPROVE");
            // no number entered: the next number of the entity's prefix is assigned (DocumentNumbers)
            case TASK_SIGN_AND_ISSUE, "issue" -> Map.of("issuedBy", "主要负责人", "issueDate", next + "-02-25");
            case TASK_FILE, TASK_COPY, "file", "copy" -> Map.of("filingOutcome", "RECEIPTED", "filedOn",
                    next + "-02-26", "filingChannel", "ELECTRONIC", "receiptNumber", "HZ-" + ref,
                    "receiptDate", next + "-02-27");
            case TASK_RECORD_RECEIPT -> Map.of("filingOutcome", "RECEIPTED", "receiptNumber", "HZ-" + ref,
                    "receiptDate", next + "-03-02");
            case TASK_SECRECY_REVIEW, "secrecy" -> TestCases.secrecy();
            case TASK_ARCHIVE, "archive" -> Map.of("archiveNumber", "WS" + next + "-Y-" + ref,
                    "archivedOn", next + "-03-05");
            default -> new HashMap<>();
        };
    }

    /** Runs an engine call again after an optimistic locking conflict (another thread touched the same rows). */
    static <T> T retry(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (OptimisticLockingException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
