package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.form.PlausibleDates;
import cn.fazhi.annualreport.form.TaskFormCheck;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The dates the case's people record after the reporting year must be possible: a meeting (会议日期), a sign-off
 * (签字日期), the issue (印发日期) and the archiving (归档日期) neither after today (Beijing time) nor before the
 * reporting year has ended — checked for every submission through Tasklist, {@code /engine-rest} or {@code /api}
 * before the engine sees it ({@link PlausibleDates}). A future 印发日期 would otherwise block every filing, whose date
 * may not precede it.
 */
@Component
class RecordedDateCheck implements TaskFormCheck {

    private static final Set<String> TASKS = Set.of(TASK_EXECUTIVE_MEETING, TASK_LEADERSHIP_MEETING,
            TASK_PRINCIPAL_SIGN_OFF, TASK_SIGN_AND_ISSUE, TASK_ARCHIVE);
    /** The dates, by variable, with their labels. */
    private static final Map<String, String> DATES = Map.of("meetingDate", "会议日期", "signOffDate", "签字日期",
            "issueDate", "印发日期", "archivedOn", "归档日期");

    private final TaskService taskService;

    RecordedDateCheck(TaskService taskService) {
        this.taskService = taskService;
    }

    @Override
    public String taskDefinitionKey() {
        return TASK_EXECUTIVE_MEETING;
    }

    @Override
    public boolean appliesTo(String taskDefinitionKey) {
        return TASKS.contains(taskDefinitionKey);
    }

    @Override
    public void check(Map<String, Object> submitted) {
        check(submitted, null);
    }

    @Override
    public void check(Task task, Map<String, Object> submitted) {
        Object year = taskService.getVariable(task.getId(), VAR_REPORTING_YEAR);
        check(submitted, year instanceof Number n ? n.intValue() : null);
    }

    private static void check(Map<String, Object> submitted, Integer year) {
        PlausibleDates dates = PlausibleDates.today();
        DATES.forEach((key, label) -> {
            LocalDate date = PlausibleDates.parse(submitted.get(key));
            dates.notInFuture(label, key, date).notBeforeYearEnds(label, key, date, year);
        });
        dates.refuseIfAny();
    }
}
