package cn.fazhi.annualreport.deadline;

import cn.fazhi.annualreport.calendar.WorkingDayCalendar;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Computes a case's deadlines. Publication: before 1 April of the following year (Art. 24), so 31 March. Filing: a
 * government within the first quarter (31 March), a department before the configured day (default 1 March). A
 * statutory date that falls on a non-working day moves EARLIER to the last working day before it, never later.
 * Internal milestones lie a configured number of working days before the next one. A case started so late that
 * its internal milestones would already have passed gets them re-planned from its kickoff: the departments' material
 * is due a configured number of working days after the kickoff and each later internal milestone at least one working
 * day after the one before; the statutory filing and publication dates never move.
 */
@Service
public class ScheduleService {

    private final WorkingDayCalendar calendar;
    private final ScheduleProperties properties;

    ScheduleService(WorkingDayCalendar calendar, ScheduleProperties properties) {
        this.calendar = calendar;
        this.properties = properties;
    }

    public CaseSchedule schedule(boolean government, int reportingYear, ScheduleOverrides overrides) {
        return schedule(government, reportingYear, overrides, null);
    }

    /** The schedule of a case kicked off on the given day (null: no re-planning for a late start). */
    public CaseSchedule schedule(boolean government, int reportingYear, ScheduleOverrides overrides,
                                 LocalDate kickoff) {
        int next = reportingYear + 1;
        LocalDate statutoryPublication = LocalDate.of(next, 3, 31);
        LocalDate publication = statutoryPublication;
        if (overrides.publication() != null) {
            if (overrides.publication().isAfter(statutoryPublication)) {
                throw new InvalidScheduleException(
                        "公开截止日期不得晚于" + statutoryPublication + "（《法治政府建设与责任落实督察工作规定》第二十四条）",
                        "The publication deadline may not be later than " + statutoryPublication + " (Art. 24)");
            }
            publication = overrides.publication();
        }
        publication = calendar.lastWorkingDayOnOrBefore(publication);

        LocalDate filing;
        if (overrides.filing() != null) {
            if (overrides.filing().isAfter(statutoryPublication)) {
                throw new InvalidScheduleException(
                        "报送截止日期不得晚于" + statutoryPublication + "（上级通知只能提前法定日期）",
                        "The filing deadline may not be later than " + statutoryPublication
                                + " (a notice may only set earlier dates)");
            }
            filing = overrides.filing();
        } else if (government) {
            filing = LocalDate.of(next, 3, 31);
        } else {
            MonthDay before = properties.departmentFilingBeforeDay();
            filing = before.atYear(next).minusDays(1);
        }
        if (filing.isAfter(publication) && overrides.filing() == null) {
            filing = publication;
        }
        filing = calendar.lastWorkingDayOnOrBefore(filing);
        if (filing.getYear() <= reportingYear) {
            throw new InvalidScheduleException("报送截止日期须在报告年度之后：" + filing,
                    "The filing deadline must lie after the reporting year: " + filing);
        }

        ScheduleProperties.Offsets o = properties.workingDaysBefore();
        Map<Milestone, LocalDate> dates = new EnumMap<>(Milestone.class);
        dates.put(Milestone.PUBLICATION, publication);
        dates.put(Milestone.FILING, filing);
        dates.put(Milestone.SECRECY_REVIEW, calendar.addWorkingDays(publication, -o.secrecyReviewBeforePublication()));
        LocalDate issuance = calendar.addWorkingDays(filing, -o.issuanceBeforeFiling());
        dates.put(Milestone.ISSUANCE, issuance);
        LocalDate gate = calendar.addWorkingDays(issuance, -o.reviewGateBeforeIssuance());
        dates.put(Milestone.REVIEW_GATE, gate);
        LocalDate review = calendar.addWorkingDays(gate, -o.internalReviewBeforeReviewGate());
        dates.put(Milestone.INTERNAL_REVIEW, review);
        LocalDate draft = calendar.addWorkingDays(review, -o.firstDraftBeforeInternalReview());
        dates.put(Milestone.FIRST_DRAFT, draft);
        dates.put(Milestone.MATERIALS, calendar.addWorkingDays(draft, -o.materialsBeforeFirstDraft()));
        if (kickoff != null) {
            replanLateStart(dates, kickoff);
        }
        return new CaseSchedule(dates);
    }

    private void replanLateStart(Map<Milestone, LocalDate> dates, LocalDate kickoff) {
        LocalDate earliest = calendar.addWorkingDays(kickoff, properties.minimumWorkingDaysAfterKickoff());
        if (!dates.get(Milestone.MATERIALS).isBefore(earliest)) {
            return;
        }
        LocalDate previous = null;
        for (Milestone m : List.of(Milestone.MATERIALS, Milestone.FIRST_DRAFT, Milestone.INTERNAL_REVIEW,
                Milestone.REVIEW_GATE, Milestone.ISSUANCE, Milestone.SECRECY_REVIEW)) {
            LocalDate floor = previous == null ? earliest : calendar.addWorkingDays(previous, 1);
            LocalDate date = dates.get(m).isBefore(floor) ? floor : dates.get(m);
            dates.put(m, date);
            previous = date;
        }
    }

    /** The instant a deadline day ends: the office closing time in the configured zone. */
    public Date endOfWorkingDay(LocalDate day) {
        return Date.from(day.atTime(properties.officeClosingTime()).atZone(properties.zone()).toInstant());
    }

    public LocalDate toLocalDate(Date instant) {
        return instant.toInstant().atZone(properties.zone()).toLocalDate();
    }
}
