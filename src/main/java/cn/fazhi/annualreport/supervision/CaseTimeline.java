package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.organization.PersonNames;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.organization.ReviewGate;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.Beijing;
import cn.fazhi.annualreport.shared.CaseVariables;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case page's timeline: every task of the case with who did it (names) and when, against its due date, and the
 * review, meeting and issuance records, for the people who read the case by the desk's rule.
 */
@RestController
class CaseTimeline {

    /** The records the forms keep, with their labels on the case page. */
    static final Map<String, String> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put("internalReviewDecision", "审核意见");
        RECORDS.put("internalReviewComment", "审核说明");
        RECORDS.put("reviewGate", "审议方式");
        RECORDS.put("meetingDate", "会议日期");
        RECORDS.put("meetingSession", "会议名称/届次");
        RECORDS.put("signOffDate", "签批日期");
        RECORDS.put("signedOffBy", "签批人");
        RECORDS.put("gateDecision", "审议结论");
        RECORDS.put("gateComment", "审议意见");
        RECORDS.put(CaseVariables.DOCUMENT_NUMBER, "文号");
    }

    private final HistoryService historyService;
    private final IdentityService identityService;
    private final JdbcTemplate jdbc;
    private final EntityAccess access;
    private final PersonNames names;

    CaseTimeline(HistoryService historyService, IdentityService identityService, JdbcTemplate jdbc,
                 EntityAccess access, PersonNames names) {
        this.historyService = historyService;
        this.identityService = identityService;
        this.jdbc = jdbc;
        this.access = access;
        this.names = names;
    }

    @GetMapping("/api/reports/{entity}/{year}/timeline")
    Map<String, Object> timeline(@PathVariable String entity, @PathVariable int year) {
        Viewer viewer = Viewer.current(identityService);
        ReportingEntity e = access.readable(viewer, entity);
        String processInstanceId = jdbc.queryForList("SELECT process_instance_id FROM case_progress WHERE entity_code = ?"
                        + " AND reporting_year = ? AND (end_state IS NULL OR end_state = '" + CaseProgress.COMPLETED
                        + "') ORDER BY started_at DESC", String.class, e.code(), year).stream().findFirst()
                .orElseThrow(() -> SupervisionException.notFound(e.name() + year + "年度尚无案件",
                        "No case of " + e.code() + " for " + year));
        Date now = ClockUtil.getCurrentTime();
        return SystemCall.run(identityService, () -> {
            // who completed a task nobody had claimed: the engine's operation log, not the task, knows
            Map<String, String> completedBy = new HashMap<>();
            for (UserOperationLogEntry entry : historyService.createUserOperationLogQuery()
                    .processInstanceId(processInstanceId).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
                    .list()) {
                if (entry.getTaskId() != null && entry.getUserId() != null) {
                    completedBy.putIfAbsent(entry.getTaskId(), entry.getUserId());
                }
            }
            List<Map<String, Object>> tasks = new ArrayList<>();
            for (HistoricTaskInstance t : historyService.createHistoricTaskInstanceQuery()
                    .processInstanceId(processInstanceId).orderByHistoricActivityInstanceStartTime().asc()
                    .orderByTaskId().asc().list()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("task", t.getTaskDefinitionKey());
                m.put("name", t.getName());
                String who = t.getAssignee() != null ? t.getAssignee() : completedBy.get(t.getId());
                m.put("assignee", who);
                m.put("assigneeName", names.of(who));
                m.put("started", time(t.getStartTime()));
                m.put("ended", time(t.getEndTime()));
                m.put("due", time(t.getDueDate()));
                boolean late = t.getDueDate() != null
                        && (t.getEndTime() == null ? now.after(t.getDueDate()) : t.getEndTime().after(t.getDueDate()));
                m.put("late", late);
                m.put("outcome", t.getEndTime() == null ? "OPEN"
                        : "completed".equals(t.getDeleteReason()) ? "COMPLETED" : "CANCELLED");
                tasks.add(m);
            }
            List<Map<String, Object>> records = new ArrayList<>();
            for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery()
                    .processInstanceId(processInstanceId).variableNameIn(RECORDS.keySet().toArray(String[]::new)).list()) {
                if (v.getValue() != null) {
                    records.add(Map.of("name", v.getName(), "label", RECORDS.get(v.getName()),
                            "value", shown(v.getName(), v.getValue())));
                }
            }
            List<String> order = List.copyOf(RECORDS.keySet());
            records.sort(Comparator.comparing(r -> order.indexOf(r.get("name"))));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("entity", e.code());
            body.put("entityName", e.name());
            body.put("year", year);
            body.put("today", now.toInstant().atZone(Beijing.ZONE).toLocalDate().toString());
            body.put("processInstanceId", processInstanceId);
            body.put("canUrge", access.supervises(viewer, e));
            body.put("tasks", tasks);
            body.put("records", records);
            return body;
        });
    }

    /** A record's value as the forms offered it: the choice's words, not its code. */
    static String shown(String name, Object value) {
        if (value instanceof Date d) {
            return d.toInstant().atZone(Beijing.ZONE).toLocalDate().toString(); // the forms' dates are days
        }
        String text = String.valueOf(value);
        return switch (name + "=" + text) {
            case "internalReviewDecision=APPROVE" -> "审核通过，提请审议";
            case "internalReviewDecision=RETURN" -> "退回起草人修改";
            case "gateDecision=APPROVE" -> "审议通过";
            case "gateDecision=REVISE" -> "修改后再审";
            default -> "reviewGate".equals(name) ? gate(text) : text;
        };
    }

    private static String gate(String code) {
        try {
            return ReviewGate.valueOf(code).labelZh();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String time(Date d) {
        return d == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(d.getTime()), Beijing.ZONE).toString();
    }
}
