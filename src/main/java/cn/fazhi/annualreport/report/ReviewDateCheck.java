package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.form.PlausibleDates;
import cn.fazhi.annualreport.form.TaskFormCheck;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The dates of the review gate must be possible: a meeting (会议日期) or a sign-off (签字日期) neither after today
 * (Beijing time) nor before the reporting year has ended — checked for every submission through Tasklist,
 * {@code /engine-rest} or {@code /api} before the engine sees it ({@link PlausibleDates}).
 */
@Component
class ReviewDateCheck implements TaskFormCheck {

    private static final Set<String> GATES = Set.of(TASK_EXECUTIVE_MEETING, TASK_LEADERSHIP_MEETING,
            TASK_PRINCIPAL_SIGN_OFF);

    private final TaskService taskService;

    ReviewDateCheck(TaskService taskService) {
        this.taskService = taskService;
    }

    @Override
    public String taskDefinitionKey() {
        return TASK_EXECUTIVE_MEETING;
    }

    @Override
    public boolean appliesTo(String taskDefinitionKey) {
        return GATES.contains(taskDefinitionKey);
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
        dates.notInFuture("会议日期", "meetingDate", PlausibleDates.parse(submitted.get("meetingDate")))
                .notBeforeYearEnds("会议日期", "meetingDate", PlausibleDates.parse(submitted.get("meetingDate")), year)
                .notInFuture("签字日期", "signOffDate", PlausibleDates.parse(submitted.get("signOffDate")))
                .notBeforeYearEnds("签字日期", "signOffDate", PlausibleDates.parse(submitted.get("signOffDate")), year);
        dates.refuseIfAny();
    }
}
