package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.calendar.CalendarChanged;
import cn.fazhi.annualreport.calendar.WorkingDayCalendar;
import cn.fazhi.annualreport.deadline.DeclaredDeadline;
import cn.fazhi.annualreport.deadline.Milestone;
import cn.fazhi.annualreport.deadline.ScheduleService;
import cn.fazhi.annualreport.notification.ReminderSchedule;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a running case's deadlines right: a higher-level notice may set any of its dates (recorded with the notice),
 * and when the notice or the working-day calendar changes the case is re-planned — deadline variables, the due dates
 * of its open tasks and its timers (reminder cycles and the materials deadline) all move together, so no timer fires
 * on a stale date. Which task and timer follows which deadline is read from the case's deployed diagram
 * ({@link DeclaredTimers}), so a task an admin adds in the Modeler is re-planned like the shipped ones.
 */
@Service
public class CaseDeadlines {

    private static final Logger log = LoggerFactory.getLogger(CaseDeadlines.class);
    private static final ObjectMapper JSON = Json.MAPPER;
    /** The kickoff form's limit for the notice's title; it is stored as a process variable. */
    private static final int MAX_NOTICE = 500;
    private static final TypeReference<LinkedHashMap<String, String>> OVERRIDES = new TypeReference<>() { };

    private final ReportCaseService cases;
    private final ScheduleService scheduleService;
    private final WorkingDayCalendar calendar;
    private final ReminderSchedule reminders;
    private final DeclaredTimers timers;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ManagementService managementService;
    private final IdentityService identityService;
    private final org.springframework.context.ApplicationEventPublisher events;

    CaseDeadlines(ReportCaseService cases, ScheduleService scheduleService, WorkingDayCalendar calendar,
                  ReminderSchedule reminders, DeclaredTimers timers, RuntimeService runtimeService,
                  TaskService taskService, ManagementService managementService, IdentityService identityService,
                  org.springframework.context.ApplicationEventPublisher events) {
        this.timers = timers;
        this.events = events;
        this.cases = cases;
        this.scheduleService = scheduleService;
        this.calendar = calendar;
        this.reminders = reminders;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.managementService = managementService;
        this.identityService = identityService;
    }

    /**
     * Sets dates of a running case as a higher-level notice demands. Dates not named keep their plan; a date on a
     * non-working day moves to the working day before; publication may not be later than 31 March (Art. 24).
     */
    @Transactional
    public void override(String processInstanceId, Map<String, String> dates, String notice) {
        if (notice == null || notice.isBlank()) {
            throw ReportRequestException.invalid("须写明依据的上级通知（notice）", "The overriding notice is required");
        }
        if (notice.strip().length() > MAX_NOTICE) {
            throw ReportRequestException.invalid("上级通知名称最多" + MAX_NOTICE + "字，现为" + notice.strip().length() + "字",
                    "The notice may have at most " + MAX_NOTICE + " characters, not " + notice.strip().length());
        }
        if (dates == null || dates.isEmpty()) {
            throw ReportRequestException.invalid("未给出要调整的日期（dates）", "No dates given to override");
        }
        int year = SystemCall.run(identityService,
                () -> ((Number) runtimeService.getVariable(processInstanceId, VAR_REPORTING_YEAR)).intValue());
        Map<String, String> stored = storedOverrides(processInstanceId);
        for (Map.Entry<String, String> e : dates.entrySet()) {
            Milestone milestone;
            try {
                milestone = Milestone.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw ReportRequestException.invalid("未知的期限：" + e.getKey(), "Unknown milestone " + e.getKey()
                        + " (one of MATERIALS, FIRST_DRAFT, INTERNAL_REVIEW, REVIEW_GATE, ISSUANCE, FILING, "
                        + "SECRECY_REVIEW, PUBLICATION)");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(String.valueOf(e.getValue()));
            } catch (DateTimeParseException ex) {
                throw ReportRequestException.invalid(e.getKey() + " 须为日期（yyyy-MM-dd）",
                        e.getKey() + " must be a date (yyyy-MM-dd)");
            }
            requirePlausible(milestone, date, year);
            stored.put(milestone.name(), date.toString());
        }
        SystemCall.run(identityService, () -> {
            runtimeService.setVariable(processInstanceId, VAR_DEADLINE_OVERRIDES, toJson(stored));
            runtimeService.setVariable(processInstanceId, VAR_NOTICE_REFERENCE, notice.trim());
            replan(processInstanceId);
            return null;
        });
    }

    /**
     * A notice's date lies within the case's cycle: from the start of the reporting year to 31 March after it (a notice
     * only moves dates earlier), and filing and publication after the reporting year.
     */
    private static void requirePlausible(Milestone milestone, LocalDate date, int year) {
        LocalDate earliest = milestone == Milestone.FILING || milestone == Milestone.PUBLICATION
                ? LocalDate.of(year + 1, 1, 1) : LocalDate.of(year, 1, 1);
        LocalDate latest = LocalDate.of(year + 1, 3, 31);
        if (date.isBefore(earliest) || date.isAfter(latest)) {
            throw ReportRequestException.invalid(milestone.name() + " 的日期须在" + earliest + "至" + latest + "之间：" + date,
                    milestone.name() + " must lie between " + earliest + " and " + latest + ", not " + date);
        }
    }

    /** Re-plans every running case when the official holiday data changed. */
    @EventListener
    public void onCalendarChanged(CalendarChanged event) {
        SystemCall.run(identityService, () -> {
            int count = 0;
            for (ProcessInstance pi : runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                    .active().list()) {
                try {
                    replan(pi.getId());
                    count++;
                } catch (RuntimeException e) {
                    log.error("Case {} could not be re-planned after the calendar changed: {}", pi.getBusinessKey(),
                            e.getMessage(), e);
                }
            }
            log.info("Calendar changed (years {}): {} running cases re-planned", event.years(), count);
            return null;
        });
    }

    /**
     * Re-plans one running case from outside this module (e.g. after it moved to a new version of the process): the
     * same as a changed notice or calendar does. Runs with the caller's authentication; wrap it in a SystemCall.
     */
    public void replanAll(String processInstanceId) {
        replan(processInstanceId);
    }

    /** Recomputes the case's deadlines and moves its open tasks' due dates and its timers to them. */
    void replan(String processInstanceId) {
        Map<String, Object> vars = runtimeService.getVariables(processInstanceId);
        LocalDate kickoff = vars.get(VAR_KICKOFF_DATE) instanceof Date d ? scheduleService.toLocalDate(d) : null;
        CasePlan plan = cases.plan(vars, false, kickoff);
        Map<Milestone, LocalDate> dates = new EnumMap<>(plan.schedule().dates());
        LocalDate statutoryPublication = LocalDate.of(plan.request().year() + 1, 3, 31);
        storedOverrides(processInstanceId).forEach((name, value) -> {
            Milestone m = Milestone.valueOf(name);
            LocalDate date = calendar.lastWorkingDayOnOrBefore(LocalDate.parse(value));
            if (m == Milestone.PUBLICATION && date.isAfter(statutoryPublication)) {
                throw ReportRequestException.invalid("公开截止日期不得晚于" + statutoryPublication + "（第二十四条）",
                        "The publication deadline may not be later than " + statutoryPublication + " (Art. 24)");
            }
            dates.put(m, date);
        });
        // a revision after a return keeps the later deadline it was given (ReviewRoundListener)
        if (vars.containsKey(ReviewRoundListener.VAR_REVISION_REQUEST)
                && vars.get(Milestone.FIRST_DRAFT.variable()) instanceof Date revision
                && scheduleService.toLocalDate(revision).isAfter(dates.get(Milestone.FIRST_DRAFT))) {
            dates.put(Milestone.FIRST_DRAFT, scheduleService.toLocalDate(revision));
        }
        Map<String, Object> deadlineVars = new LinkedHashMap<>();
        dates.forEach((m, d) -> deadlineVars.put(m.variable(), scheduleService.endOfWorkingDay(d)));
        runtimeService.setVariables(processInstanceId, deadlineVars);
        events.publishEvent(new CaseDeadlinesChanged(processInstanceId, dates.get(Milestone.FILING),
                dates.get(Milestone.PUBLICATION)));

        Date now = ClockUtil.getCurrentTime();
        for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId).list()) {
            Optional<DeclaredDeadline> declared = timers.deadlineOf(task.getProcessDefinitionId(),
                    task.getTaskDefinitionKey());
            if (declared.isPresent() && deadlineVars.get(declared.get().variable()) instanceof Date due) {
                if (!due.equals(task.getDueDate())) {
                    task.setDueDate(due);
                    taskService.saveTask(task);
                }
            }
        }
        for (Job job : managementService.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
            DeclaredTimers.Kind kind = timers.kindOf(job);
            Date due = null;
            if (kind instanceof DeclaredTimers.Deadline deadline) {
                due = (Date) deadlineVars.get(deadline.variable());
            } else if (kind instanceof DeclaredTimers.Reminders reminder && job.getDuedate().after(now)) {
                // a reminder due already is about to go out: it stays; any later one moves with the deadline
                Task task = taskService.createTaskQuery().executionId(job.getExecutionId()).singleResult();
                // the deadline the reminder cycle follows (ReminderSchedule.forTask): the one the task's due date names
                Date deadline = (Date) deadlineVars.get(reminder.variable());
                if (deadline != null) {
                    due = reminders.next(deadline, task == null ? null : task.getCreateTime(), now)
                            .map(ReminderSchedule.Reminder::at)
                            .orElse(Date.from(deadline.toInstant().plus(3650, ChronoUnit.DAYS)));
                }
            }
            if (due != null && !due.equals(job.getDuedate())) {
                managementService.setJobDuedate(job.getId(), due);
            }
        }
    }

    private Map<String, String> storedOverrides(String processInstanceId) {
        Object value = runtimeService.getVariable(processInstanceId, VAR_DEADLINE_OVERRIDES);
        if (!(value instanceof String json) || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(json, OVERRIDES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Case " + processInstanceId + " has unreadable deadline overrides", e);
        }
    }

    private static String toJson(Map<String, String> overrides) {
        try {
            return JSON.writeValueAsString(overrides);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
