package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.form.StartFormCheck;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Refuses a kickoff from Tasklist or REST for an unknown entity, a bad year or date, or a second case. */
@Component
class AnnualReportStartCheck implements StartFormCheck {

    private final ReportCaseService cases;

    AnnualReportStartCheck(ReportCaseService cases) {
        this.cases = cases;
    }

    @Override
    public String processDefinitionKey() {
        return AnnualReportProcess.PROCESS_KEY;
    }

    @Override
    public void check(Map<String, Object> startVariables) {
        cases.check(startVariables);
    }
}
