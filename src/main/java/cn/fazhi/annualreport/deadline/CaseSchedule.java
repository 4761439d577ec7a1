package cn.fazhi.annualreport.deadline;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The computed deadline of every milestone of one case. */
public record CaseSchedule(Map<Milestone, LocalDate> dates) {

    public CaseSchedule {
        dates = Collections.unmodifiableMap(new EnumMap<>(dates));
    }

    public LocalDate get(Milestone milestone) {
        return dates.get(milestone);
    }
}
