package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.security.TaskGuard;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The case's facts every task list shows next to a task (the entity's name and the year, webapp.TasklistFilters):
 * the only variables by which people may filter task queries.
 */
@Component
class ListedCaseFacts implements TaskGuard {

    @Override
    public Set<String> listedVariables() {
        return Set.of(AnnualReportProcess.VAR_ENTITY_NAME, AnnualReportProcess.VAR_REPORTING_YEAR);
    }
}
