package cn.fazhi.annualreport.deadline;

import cn.fazhi.annualreport.shared.Beijing;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The statutory schedule's configuration: the zone and closing time of a working day, the day before which a
 * department files (1 March by the 2023 provincial guide), the working-day offsets of the internal milestones, and
 * the least time a late-started case gives its departments for their material.
 */
@ConfigurationProperties("report.schedule")
record ScheduleProperties(ZoneId zone, LocalTime officeClosingTime, String departmentFilingBefore,
                          Offsets workingDaysBefore, Integer minimumWorkingDaysAfterKickoff) {

    ScheduleProperties {
        if (zone == null) {
            zone = Beijing.ZONE;
        }
        if (officeClosingTime == null) {
            officeClosingTime = LocalTime.of(17, 30);
        }
        if (departmentFilingBefore == null) {
            departmentFilingBefore = "--03-01";
        }
        if (minimumWorkingDaysAfterKickoff == null) {
            minimumWorkingDaysAfterKickoff = 5;
        }
        if (workingDaysBefore == null) {
            workingDaysBefore = new Offsets(3, 5, 5, 5, 10, 5);
        }
    }

    MonthDay departmentFilingBeforeDay() {
        return MonthDay.parse(departmentFilingBefore);
    }

    /** Working days between consecutive milestones, counted back from the statutory dates. */
    record Offsets(int issuanceBeforeFiling, int reviewGateBeforeIssuance, int internalReviewBeforeReviewGate,
                   int firstDraftBeforeInternalReview, int materialsBeforeFirstDraft,
                   int secrecyReviewBeforePublication) {
    }
}
