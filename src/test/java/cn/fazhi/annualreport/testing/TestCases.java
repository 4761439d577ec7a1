package cn.fazhi.annualreport.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;

/** Test-data factory and engine helpers: start cases, fill forms as the clerks would, move the clock, run jobs. */
public final class TestCases {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ProcessEngine engine;

    public TestCases(ProcessEngine engine) {
        this.engine = engine;
    }

    public ProcessInstance start(String entity, int year) {
        return start(entity, year, Map.of());
    }

    public ProcessInstance start(String entity, int year, Map<String, Object> extra) {
        Map<String, Object> vars = new HashMap<>(extra);
        vars.put("entityCode", entity);
        vars.put("reportingYear", year);
        return engine.getRuntimeService().startProcessInstanceByKey("annual-report", vars);
    }

    /** Deletes every case, so that each test starts from a clean slate; resets the engine clock. */
    public void cleanUp() {
        RuntimeService runtime = engine.getRuntimeService();
        runtime.createProcessInstanceQuery().list()
                .forEach(pi -> runtime.deleteProcessInstance(pi.getId(), "test clean-up", true, true));
        // a completed case keeps its entity and year taken: remove it from history so the next test can start it
        engine.getHistoryService().createHistoricProcessInstanceQuery().completed().list()
                .forEach(hpi -> engine.getHistoryService().deleteHistoricProcessInstance(hpi.getId()));
        // document numbers are the application's own records: each test starts with none issued
        JdbcTemplate jdbc = new JdbcTemplate(
                ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource());
        // the desk's read model: completed cases removed from history leave the next test's overview
        jdbc.update("DELETE FROM case_urge");
        jdbc.update("DELETE FROM case_open_task");
        jdbc.update("DELETE FROM case_progress");
        jdbc.update("DELETE FROM report_document_comment");
        jdbc.update("DELETE FROM report_document_version");
        jdbc.update("DELETE FROM document_number");
        jdbc.update("DELETE FROM document_number_counter");
        // copies for information (抄送) point at the deleted cases
        jdbc.update("DELETE FROM case_copy");
        // filing records and archives of the deleted cases
        jdbc.update("DELETE FROM filing_receipt");
        jdbc.update("DELETE FROM case_archive");
        // publications of the deleted cases: the public column must not show them to the next test
        jdbc.update("DELETE FROM publication");
        // the departments' material of the deleted cases
        jdbc.update("DELETE FROM department_material");
        PortalCms.reset();
        ClockUtil.reset();
        engine.getIdentityService().clearAuthentication();
    }

    public static void setClock(LocalDateTime time) {
        ClockUtil.setCurrentTime(Date.from(time.atZone(ZONE).toInstant()));
    }

    public Task task(ProcessInstance pi, String key) {
        List<Task> tasks = tasks(pi, key);
        assertThat(tasks).as("open tasks %s", key).hasSize(1);
        return tasks.get(0);
    }

    public List<Task> tasks(ProcessInstance pi, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key)
                .orderByTaskName().asc().list();
    }

    public void complete(ProcessInstance pi, String key, Map<String, Object> values) {
        TaskService tasks = engine.getTaskService();
        for (Task t : tasks(pi, key)) {
            tasks.complete(t.getId(), values);
        }
    }

    /** Executes every job due now (timers and async continuations), repeatedly, as the job executor would. */
    public int executeDueJobs() {
        ManagementService management = engine.getManagementService();
        int executed = 0;
        for (int round = 0; round < 20; round++) {
            List<Job> due = management.createJobQuery().executable().list();
            if (due.isEmpty()) {
                break;
            }
            for (Job job : due) {
                // a job run before may have removed this one (an interrupting timer ends its task's reminders)
                if (management.createJobQuery().jobId(job.getId()).count() == 0) {
                    continue;
                }
                management.executeJob(job.getId());
                executed++;
            }
        }
        return executed;
    }

    public IdentityService identity() {
        return engine.getIdentityService();
    }

    // --- form values as the clerks would submit them --------------------------------------------------------

    public static Map<String, Object> material() {
        return Map.of("materialSummary", "本部门全年推进依法行政，完成行政执法公示、全过程记录、法制审核三项制度落实。",
                "materialContact", "张科长 0451-5712345");
    }

    /** A short report with the statutory contents 1–4 under their headings: it passes the completeness check. */
    public static final String DRAFT_TEXT = """
            巴彦县人民政府2025年度法治政府建设情况报告

            一、主要举措和成效
            （一）依法全面履行政府职能。县政府党政主要负责人认真履行推进法治建设第一责任人职责。
            二、存在的不足和原因
            一是执法队伍建设还需加强，原因是培训不足。
            三、2026年工作安排
            下一步，我们将进一步规范行政执法行为。
            """;

    /**
     * The draft task's submission as Tasklist sends it: the report file, passed to the engine as a transient
     * variable (the application stores it as a document version, never as a process variable).
     */
    public static Map<String, Object> draft(boolean solicitOpinions) {
        return draft("巴彦县2025年度法治政府建设情况报告.txt",
                DRAFT_TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8), solicitOpinions);
    }

    public static Map<String, Object> draft(String fileName, byte[] content, boolean solicitOpinions) {
        Map<String, Object> values = new HashMap<>();
        values.put("draftReport", Variables.fileValue(fileName).file(content).setTransient(true).create());
        values.put("draftNote", "初稿，已汇总各部门材料");
        values.put("solicitOpinions", solicitOpinions);
        return values;
    }

    /** The draft written in the form's five statutory sections (blank for one left out), as transient variables. */
    public static Map<String, Object> draftInSections(List<String> sections, String justification) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < sections.size(); i++) {
            values.put("draftSection" + (i + 1), Variables.stringValue(sections.get(i), true));
        }
        if (justification != null) {
            values.put("completenessJustification", Variables.stringValue(justification, true));
        }
        values.put("solicitOpinions", false);
        return values;
    }

    public static Map<String, Object> opinions() {
        return Map.of("opinionsSolicitedFrom", "各乡镇、县直各部门", "opinionsCount", 12,
                "opinionsSummary", "收到意见12条，采纳9条。");
    }

    public static Map<String, Object> internalReview(String decision) {
        return Map.of("internalReviewDecision", decision, "internalReviewComment", "同意提请审议");
    }

    public static Map<String, Object> meeting(String decision) {
        return Map.of("meetingDate", "2026-02-20", "meetingSession", "第17届48次", "gateDecision", decision,
                "gateComment", "会议原则通过");
    }

    public static Map<String, Object> signOff(String decision) {
        return Map.of("signedOffBy", "陈国栋 县长", "signOffDate", "2026-02-20", "gateDecision", decision);
    }

    public static Map<String, Object> issue(String number) {
        return Map.of("issuedBy", "陈国栋", "issueDate", "2026-02-25", "documentNumber", number);
    }

    /** Filed on 26 February through the electronic document exchange, the receipt back the next day. */
    public static Map<String, Object> filing(String receipt) {
        return Map.of("filingOutcome", "RECEIPTED", "filedOn", "2026-02-26", "filingChannel", "ELECTRONIC",
                "receiptNumber", receipt, "receiptDate", "2026-02-27");
    }

    /** Filed on 26 February by confidential courier; the receipt (回执) has not come back yet. */
    public static Map<String, Object> filingAwaitingReceipt() {
        return Map.of("filingOutcome", "AWAITING_RECEIPT", "filedOn", "2026-02-26",
                "filingChannel", "CONFIDENTIAL_COURIER");
    }

    /** Not filed: the addressee confirmed it needs no copy, with the reason. */
    public static Map<String, Object> filingExempt(String reason) {
        return Map.of("filingOutcome", "EXEMPT", "exemptionReason", reason);
    }

    /** The receipt recorded later (补录回执). */
    public static Map<String, Object> receipt(String number) {
        return Map.of("filingOutcome", "RECEIPTED", "receiptNumber", number, "receiptDate", "2026-03-02");
    }

    /** An exemption recorded later (补录回执), with its reason. */
    public static Map<String, Object> exemption(String reason) {
        return Map.of("filingOutcome", "EXEMPT", "exemptionReason", reason);
    }

    public static final String EXEMPTION_REASON =
            "经电话与接收单位秘书科确认：电子公文交换系统已收到，不需要再报送纸质件，也不出具回执";

    /** The secrecy review releases the final version as it is. */
    public static Map<String, Object> secrecy() {
        return Map.of("secrecyDecision", "PUBLISH_FULL", "secrecyReviewer", "吴军");
    }

    /** The secrecy review releases only this redacted text, passed as a transient variable. */
    public static Map<String, Object> secrecyRedacted(String redactedText) {
        Map<String, Object> values = new HashMap<>();
        values.put("secrecyDecision", "PUBLISH_REDACTED");
        values.put("secrecyReviewer", "吴军");
        values.put("secrecyComment", "删除了第一部分中涉及工作秘密的一段");
        values.put("redactedText", Variables.stringValue(redactedText, true));
        return values;
    }

    /** The secrecy review keeps the report from the public. */
    public static Map<String, Object> secrecyNotPublic() {
        return Map.of("secrecyDecision", "NOT_PUBLIC", "secrecyReviewer", "吴军",
                "secrecyComment", "报告涉及国家秘密，依法不予公开");
    }

    public static Map<String, Object> archive() {
        return Map.of("archiveNumber", "WS2026-Y-012", "archivedOn", "2026-03-05");
    }
}
