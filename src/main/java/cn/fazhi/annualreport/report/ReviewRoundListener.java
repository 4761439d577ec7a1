package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.calendar.WorkingDayCalendar;
import cn.fazhi.annualreport.deadline.ScheduleService;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps review rounds apart. On entering a review task (internal review or the gate) it clears the previous round's
 * answers, so that Tasklist does not pre-fill the form with the last decision. On completing one it records what the
 * drafter must revise ({@code revisionRequest}, shown in the draft form) and, when the first-draft date has passed,
 * gives the revision its own deadline some working days ahead. History keeps every round's values.
 */
@Component("reviewRoundListener")
class ReviewRoundListener implements TaskListener {

    static final String VAR_REVISION_REQUEST = "revisionRequest";

    private static final Map<String, List<String>> ANSWERS_OF_TASK = Map.of(
            TASK_INTERNAL_REVIEW, List.of(VAR_INTERNAL_REVIEW_DECISION, "internalReviewComment"),
            TASK_EXECUTIVE_MEETING, List.of(VAR_GATE_DECISION, "gateComment", "meetingDate", "meetingSession"),
            TASK_LEADERSHIP_MEETING, List.of(VAR_GATE_DECISION, "gateComment", "meetingDate", "meetingSession"),
            TASK_PRINCIPAL_SIGN_OFF, List.of(VAR_GATE_DECISION, "gateComment", "signOffDate", "signedOffBy"));

    private final WorkingDayCalendar calendar;
    private final ScheduleService scheduleService;
    private final int revisionWorkingDays;

    ReviewRoundListener(WorkingDayCalendar calendar, ScheduleService scheduleService,
                        @Value("${report.schedule.revision-working-days:3}") int revisionWorkingDays) {
        this.calendar = calendar;
        this.scheduleService = scheduleService;
        this.revisionWorkingDays = revisionWorkingDays;
    }

    @Override
    public void notify(DelegateTask task) {
        List<String> answers = ANSWERS_OF_TASK.get(task.getTaskDefinitionKey());
        if (answers == null) {
            return;
        }
        DelegateExecution execution = task.getExecution();
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            answers.stream().filter(execution::hasVariable).forEach(execution::removeVariable);
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            String decision = (String) execution.getVariable(answers.get(0));
            if ("RETURN".equals(decision) || "REVISE".equals(decision)) {
                Object comment = execution.getVariable(answers.get(1));
                execution.setVariable(VAR_REVISION_REQUEST, "【" + task.getName() + "】"
                        + (comment == null || comment.toString().isBlank() ? "退回修改" : comment));
                extendDraftDeadline(execution);
            } else {
                execution.removeVariable(VAR_REVISION_REQUEST);
            }
        }
    }

    private void extendDraftDeadline(DelegateExecution execution) {
        LocalDate today = scheduleService.toLocalDate(ClockUtil.getCurrentTime());
        LocalDate revisionDue = calendar.addWorkingDays(today, revisionWorkingDays);
        Object current = execution.getVariable("deadlineFirstDraft");
        if (!(current instanceof Date d) || scheduleService.toLocalDate(d).isBefore(revisionDue)) {
            execution.setVariable("deadlineFirstDraft", scheduleService.endOfWorkingDay(revisionDue));
        }
    }
}
