package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.deadline.CaseSchedule;
import cn.fazhi.annualreport.organization.Recipients;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.organization.ReviewGate;
import cn.fazhi.annualreport.shared.CaseReference;
import java.util.List;

/** A checked case request with everything derived from it: the entity, its gate, contributors, recipients, dates. */
record CasePlan(CaseRequest request, ReportingEntity entity, ReviewGate reviewGate, List<String> contributors,
                Recipients recipients, CaseSchedule schedule) {

    String businessKey() {
        return new CaseReference(entity.code(), request.year()).businessKey();
    }
}
