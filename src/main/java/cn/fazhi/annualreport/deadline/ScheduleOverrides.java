package cn.fazhi.annualreport.deadline;

import java.time.LocalDate;

/** Dates a higher-level notice sets for one case instead of the statutory defaults; any may be null. */
public record ScheduleOverrides(LocalDate filing, LocalDate publication, String notice) {

    public static ScheduleOverrides none() {
        return new ScheduleOverrides(null, null, null);
    }
}
