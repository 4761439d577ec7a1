package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.archive.CaseFacts;
import cn.fazhi.annualreport.archive.CaseFacts.Fact;
import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.shared.Beijing;
import cn.fazhi.annualreport.shared.CaseReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * Reads what a case recorded in its process variables (from the engine's history, so it works for running and ended
 * cases alike) for its filing packages and its archive: entity, year, addressees, issuance and 文号, the review
 * gate's last round, the opinions solicited, the publication and the archiving.
 */
@Component
class CaseFactsReader {

    private static final Map<String, String> GATES = Map.of("EXECUTIVE_MEETING", "政府常务会议",
            "LEADERSHIP_MEETING", "部门领导班子会议", "PRINCIPAL_SIGN_OFF", "主要负责人审核签字");
    private static final Map<String, String> GATE_DECISIONS = Map.of("APPROVE", "通过", "REVISE", "修改后再审");
    private static final Map<String, String> SECRECY_DECISIONS = Map.of("PUBLISH_FULL", "不涉密，全文公开",
            "PUBLISH_REDACTED", "删除涉密内容后公开", "NOT_PUBLIC", "不予公开");

    private final HistoryService historyService;
    private final EntityRegistry registry;

    CaseFactsReader(HistoryService historyService, EntityRegistry registry) {
        this.historyService = historyService;
        this.registry = registry;
    }

    /** The case's own (process-level) variables as they stand now: the last value of each. */
    Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> vars = new HashMap<>();
        for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).list()) {
            if (processInstanceId.equals(v.getExecutionId()) && v.getTaskId() == null && v.getValue() != null) {
                vars.put(v.getName(), v.getValue());
            }
        }
        return vars;
    }

    CaseFacts read(String processInstanceId) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        Map<String, Object> vars = variables(processInstanceId);
        List<Fact> issuance = new ArrayList<>();
        add(issuance, "签发人", vars.get(VAR_ISSUED_BY));
        add(issuance, "印发日期", vars.get(VAR_ISSUE_DATE));
        add(issuance, "文号", vars.get(VAR_DOCUMENT_NUMBER));
        List<Fact> gate = new ArrayList<>();
        Object gateKind = vars.get(VAR_REVIEW_GATE);
        add(gate, "审议方式", gateKind == null ? null : GATES.getOrDefault(gateKind.toString(), gateKind.toString()));
        add(gate, "会议日期", vars.get("meetingDate"));
        add(gate, "会议届次", vars.get("meetingSession"));
        add(gate, "签字领导", vars.get("signedOffBy"));
        add(gate, "签字日期", vars.get("signOffDate"));
        Object decision = vars.get(VAR_GATE_DECISION);
        add(gate, "审议结论", decision == null ? null : GATE_DECISIONS.getOrDefault(decision.toString(), decision.toString()));
        add(gate, "会议意见或批示意见", vars.get("gateComment"));
        List<Fact> opinions = new ArrayList<>();
        add(opinions, "征求意见范围", vars.get("opinionsSolicitedFrom"));
        add(opinions, "收到意见（条）", vars.get("opinionsCount"));
        add(opinions, "意见采纳情况", vars.get("opinionsSummary"));
        List<Fact> archiving = new ArrayList<>();
        add(archiving, "档号", vars.get(VAR_ARCHIVE_NUMBER));
        add(archiving, "归档日期", vars.get(VAR_ARCHIVED_ON));
        List<Fact> secrecy = new ArrayList<>();
        Object secrecyDecision = vars.get(VAR_SECRECY_DECISION);
        add(secrecy, "审查结论", secrecyDecision == null ? null
                : SECRECY_DECISIONS.getOrDefault(secrecyDecision.toString(), secrecyDecision.toString()));
        add(secrecy, "审查人", vars.get("secrecyReviewer"));
        add(secrecy, "审查意见（内部留存）", vars.get("secrecyComment"));
        String entity = (String) vars.get(VAR_ENTITY_CODE);
        int year = ((Number) vars.get(VAR_REPORTING_YEAR)).intValue();
        String businessKey = instance == null ? new CaseReference(entity, year).businessKey() : instance.getBusinessKey();
        return new CaseFacts(processInstanceId, businessKey,
                entity, text(vars.get(VAR_ENTITY_NAME)), year, addressees(vars), text(vars.get(VAR_DOCUMENT_NUMBER)),
                issuance, gate, opinions, publication(vars), archiving, departments(vars), secrecy);
    }

    private List<CaseFacts.Department> departments(Map<String, Object> vars) {
        List<CaseFacts.Department> out = new ArrayList<>();
        if (vars.get(VAR_CONTRIBUTING_DEPARTMENTS) instanceof Collection<?> codes) {
            for (Object code : codes) {
                String c = String.valueOf(code);
                out.add(new CaseFacts.Department(c, registry.find(c).map(ReportingEntity::name).orElse(c)));
            }
        }
        return out;
    }

    /** Every addressee of the case: its statutory recipients (报送), then its supervising office (抄送), if any. */
    static List<String> addressees(Map<String, Object> vars) {
        List<String> all = new ArrayList<>();
        if (vars.get(VAR_FILING_RECIPIENTS) instanceof Collection<?> recipients) {
            recipients.forEach(r -> all.add(String.valueOf(r)));
        }
        if (vars.get(VAR_SUPERVISING_OFFICE) instanceof String office && !office.isBlank()) {
            all.add(office);
        }
        return all;
    }

    /**
     * The case's publication: the URL and time the publication step set once the page was published and checked
     * ({@code publicationUrl}, {@code publishedAt}), or the secrecy review's decision not to publish.
     */
    static CaseFacts.Publication publication(Map<String, Object> vars) {
        if ("NOT_PUBLIC".equals(vars.get(VAR_SECRECY_DECISION))) {
            return new CaseFacts.Publication(null, null, "保密审查决定不予公开");
        }
        Object at = vars.get(VAR_PUBLISHED_AT);
        String publishedAt = at instanceof Date d
                ? d.toInstant().atZone(Beijing.ZONE).toOffsetDateTime().toString() : text(at);
        return new CaseFacts.Publication(text(vars.get(VAR_PUBLICATION_URL)), publishedAt,
                "发布步骤核验网页后登记的公开网址和公开时间");
    }

    private static void add(List<Fact> facts, String label, Object value) {
        String text = text(value);
        if (text != null) {
            facts.add(new Fact(label, text));
        }
    }

    /** A value as the archive shows it: dates as yyyy-MM-dd in China, text stripped; null for nothing. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date d) {
            return d.toInstant().atZone(Beijing.ZONE).toLocalDate().toString();
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
