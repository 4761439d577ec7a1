package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.calendar.WorkingDayCalendar;
import cn.fazhi.annualreport.deadline.ScheduleService;
import cn.fazhi.annualreport.document.DocumentComment;
import cn.fazhi.annualreport.document.DocumentVersion;
import cn.fazhi.annualreport.document.ReportDocuments;
import cn.fazhi.annualreport.organization.PersonNames;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Keeps review rounds apart. On entering a review task (internal review or the gate) it clears the previous round's
 * answers, so that Tasklist does not pre-fill the form with the last decision. On completing one it records the
 * decision and comment with the draft version under review (report_document_comment), records what the drafter must
 * revise ({@code revisionRequest}, shown in the draft form) and, when the first-draft date has passed, gives the
 * revision its own deadline some working days ahead. History keeps every round's values. Each review form (and the
 * issuance after them) shows every earlier round — decision, comment, who by name and when — in {@code reviewHistory},
 * and links the draft to read in the browser ({@code draftViewLink}).
 */
@Component("reviewRoundListener")
class ReviewRoundListener implements TaskListener {

    static final String VAR_REVISION_REQUEST = "revisionRequest";

    private static final Map<String, List<String>> ANSWERS_OF_TASK = Map.of(
            TASK_INTERNAL_REVIEW, List.of(VAR_INTERNAL_REVIEW_DECISION, "internalReviewComment"),
            TASK_EXECUTIVE_MEETING, List.of(VAR_GATE_DECISION, "gateComment", "meetingDate", "meetingSession"),
            TASK_LEADERSHIP_MEETING, List.of(VAR_GATE_DECISION, "gateComment", "meetingDate", "meetingSession"),
            TASK_PRINCIPAL_SIGN_OFF, List.of(VAR_GATE_DECISION, "gateComment", "signOffDate", "signedOffBy"));

    /** What the gate tasks record about the meeting or the sign-off, with their labels. */
    private static final Map<String, String> DETAILS = new java.util.LinkedHashMap<>();

    static {
        DETAILS.put("meetingDate", "会议日期");
        DETAILS.put("meetingSession", "会议届次");
        DETAILS.put("signedOffBy", "签字人");
        DETAILS.put("signOffDate", "签字日期");
    }

    private final WorkingDayCalendar calendar;
    private final ScheduleService scheduleService;
    private final int revisionWorkingDays;
    private final ReportDocuments documents;
    private final IdentityService identityService;
    private final PersonNames names;

    ReviewRoundListener(WorkingDayCalendar calendar, ScheduleService scheduleService,
                        RevisionProperties revision,
                        ReportDocuments documents, IdentityService identityService, PersonNames names) {
        this.calendar = calendar;
        this.scheduleService = scheduleService;
        this.revisionWorkingDays = revision.revisionWorkingDays();
        this.documents = documents;
        this.identityService = identityService;
        this.names = names;
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
            showEarlierRounds(task, execution);
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            String decision = (String) execution.getVariable(answers.get(0));
            recordComment(task, answers, decision);
            showEarlierRounds(task, execution);
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

    /** The decision and comment, with the draft version under review, in the task's transaction. */
    private void recordComment(DelegateTask task, List<String> answers, String decision) {
        if (!(task.getVariable(VAR_DRAFT_VERSION) instanceof Number version)) {
            return; // a case whose draft predates versioned documents
        }
        Object comment = task.getVariable(answers.get(1));
        List<String> details = new java.util.ArrayList<>();
        for (String name : answers.subList(2, answers.size())) {
            Object value = task.getVariable(name);
            if (value != null && !value.toString().isBlank()) {
                details.add(DETAILS.getOrDefault(name, name) + " " + shown(value));
            }
        }
        var caller = identityService.getCurrentAuthentication();
        String author = caller != null && caller.getUserId() != null ? caller.getUserId() : task.getAssignee();
        documents.comment(task.getProcessInstanceId(), version.intValue(), new DocumentComment(task.getId(),
                task.getTaskDefinitionKey(), task.getName(), author, decision,
                comment == null || comment.toString().isBlank() ? null : comment.toString(),
                details.isEmpty() ? null : String.join("；", details), null));
    }

    /** The draft's view link (also for a case whose draft predates it) and the rounds recorded so far, for the forms. */
    private void showEarlierRounds(DelegateTask task, DelegateExecution execution) {
        if (task.getVariable(VAR_DRAFT_VERSION) instanceof Number version
                && task.getVariable(VAR_ENTITY_CODE) instanceof String entity
                && task.getVariable(VAR_REPORTING_YEAR) instanceof Number year) {
            execution.setVariable(VAR_DRAFT_VIEW_LINK, DraftReportListener.viewLink(entity, year.intValue(),
                    version.intValue()));
        }
        String history = reviewHistory(documents.versions(task.getProcessInstanceId()), names::of, HISTORY_LIMIT);
        if (history.isEmpty()) {
            execution.removeVariable(VAR_REVIEW_HISTORY);
        } else {
            execution.setVariable(VAR_REVIEW_HISTORY, history);
        }
    }

    /** Room in a String variable (the engine keeps at most 4,000 characters). */
    static final int HISTORY_LIMIT = 3_900;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> DECISIONS = Map.of("APPROVE", "通过", "RETURN", "退回修改",
            "REVISE", "修改后再审");
    private static final int SHORT_COMMENT = 200;

    /**
     * Every recorded round, oldest first, as the forms show it (Markdown): "第1版 审核报告稿 — 李法明，2026-02-10 10:00：
     * 退回修改。意见：…". Within the limit: comments cut to 200 characters if all do not fit, then the oldest rounds
     * left to the case page.
     */
    static String reviewHistory(List<DocumentVersion> versions, java.util.function.Function<String, String> name,
                                int limit) {
        List<String[]> rounds = new ArrayList<>();
        for (DocumentVersion v : versions) {
            for (DocumentComment c : v.comments()) {
                String head = "- **第" + v.version() + "版 " + literal(nz(c.taskName())) + "**："
                        + literal(nz(name.apply(c.author())))
                        + (c.at() == null ? "" : "，" + MINUTE.format(c.at())) + "，"
                        + literal(DECISIONS.getOrDefault(c.decision(), nz(c.decision())))
                        + (c.details() == null ? "" : "（" + literal(c.details()) + "）");
                rounds.add(new String[] {head, c.text() == null ? "" : c.text().strip()});
            }
        }
        if (rounds.isEmpty()) {
            return "";
        }
        for (int cut : new int[] {Integer.MAX_VALUE, SHORT_COMMENT}) {
            for (int from = 0; from < rounds.size(); from++) {
                StringBuilder s = new StringBuilder("#### 此前的审核、审议意见\n\n");
                if (from > 0) {
                    s.append("（更早的").append(from).append("轮意见见案件页）\n\n");
                }
                for (String[] round : rounds.subList(from, rounds.size())) {
                    s.append(round[0]);
                    if (!round[1].isEmpty()) {
                        String text = round[1].length() > cut ? round[1].substring(0, cut) + "……（全文见案件页）" : round[1];
                        s.append("。意见：").append(literal(text).replace("\r\n", "\n").replace("\r", "\n")
                                .replace("\n", "  \n  "));
                    }
                    s.append('\n');
                }
                if (s.length() <= limit) {
                    return s.toString();
                }
                if (cut == Integer.MAX_VALUE) {
                    break; // first cut the comments, then drop the oldest rounds
                }
            }
        }
        return "#### 此前的审核、审议意见\n\n共" + rounds.size() + "轮，见案件页。\n";
    }

    /**
     * What a person wrote, as Markdown that shows it literally: every ASCII punctuation mark CommonMark could read as
     * markup (emphasis, links, images, HTML, list markers, entities) is backslash-escaped, so that a comment cannot
     * fake a round, a link or an image in the forms that show this history.
     */
    static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_{}[]()#+-.!<>|~&\"'=:".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A date as yyyy-MM-dd in China, anything else as it is. */
    private String shown(Object value) {
        return value instanceof Date d ? scheduleService.toLocalDate(d).toString() : value.toString();
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
