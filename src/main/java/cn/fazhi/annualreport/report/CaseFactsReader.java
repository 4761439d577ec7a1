package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * Reads what a case recorded in its process variables (from the engine's history, so it works for running and ended
 * cases alike) for its filing packages: entity, year, addressees, issuance and 文号.
 */
@Component
class CaseFactsReader {

    static final ZoneId ZONE_CHINA = ZoneId.of("Asia/Shanghai");

    private final HistoryService historyService;

    CaseFactsReader(HistoryService historyService) {
        this.historyService = historyService;
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

    /** A value as a download shows it: dates as yyyy-MM-dd in China, text stripped; null for nothing. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date d) {
            return d.toInstant().atZone(ZONE_CHINA).toLocalDate().toString();
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
