package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.calendar.CalendarChanged;
import cn.fazhi.annualreport.calendar.WorkingDayCalendar;
import cn.fazhi.annualreport.deadline.Milestone;
import cn.fazhi.annualreport.deadline.ScheduleOverrides;
import cn.fazhi.annualreport.deadline.ScheduleService;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.shared.Beijing;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Applies the desk's state rule (docs/supervision.md) to one entity's case of a year, at a moment. */
@Component
class CaseStatus {

    private final WorkingDayCalendar calendar;
    private final ScheduleService schedules;
    private final SupervisionProperties properties;
    private final Map<String, Map<Milestone, LocalDate>> plans = new ConcurrentHashMap<>();
    /** Working days between two days, by (from, to): a year's cases share few deadlines, and today is one day. */
    private final Map<Long, Integer> spans = new ConcurrentHashMap<>();

    CaseStatus(WorkingDayCalendar calendar, ScheduleService schedules, SupervisionProperties properties) {
        this.calendar = calendar;
        this.schedules = schedules;
        this.properties = properties;
    }

    Status of(ReportingEntity entity, int year, YearData.Case c, Instant now) {
        LocalDate today = now.atZone(Beijing.ZONE).toLocalDate();
        if (c == null) {
            Map<Milestone, LocalDate> plan = statutory(entity, year);
            Next missed = earliest(missed("FILING", "报送（法定期限）", plan.get(Milestone.FILING), null, today),
                    missed("PUBLICATION", "公开（法定期限）", plan.get(Milestone.PUBLICATION), null, today));
            return new Status(CaseState.NOT_STARTED, colour(CaseState.NOT_STARTED, year, today), Phase.NOT_STARTED,
                    missed, plan.get(Milestone.FILING), plan.get(Milestone.PUBLICATION), List.of(), null, null, null);
        }
        List<RecipientStatus> filings = filings(c);
        PublicationStatus publication = publication(c);
        LocalDate filedOn = filedOn(c, filings);
        LocalDate publishedOn = publication.publishedAt() == null ? null
                : publication.publishedAt().atZone(Beijing.ZONE).toLocalDate();
        if (c.completed()) {
            boolean lateFiling = filedOn != null && c.filingDeadline() != null && filedOn.isAfter(c.filingDeadline());
            boolean latePublication = publishedOn != null && c.publicationDeadline() != null
                    && publishedOn.isAfter(c.publicationDeadline());
            CaseState state = lateFiling || latePublication ? CaseState.DONE_LATE : CaseState.DONE;
            return new Status(state, state.colour(), Phase.FINISHED, null, c.filingDeadline(), c.publicationDeadline(),
                    filings, publication, filedOn, publishedOn);
        }
        Phase phase = c.openTasks().stream().map(t -> Phase.ofTask(t.key())).min(Comparator.naturalOrder())
                .orElse(Phase.PROCESSING);
        Next next = c.openTasks().stream().filter(t -> t.due() != null).min(Comparator.comparing(YearData.Task::due))
                .map(t -> next(t, now)).orElse(null);
        // a statutory date missed counts whatever the tasks' own dates say (a case started late plans its tasks
        // from its start, but 报送 and 公开 were owed by law long before)
        Next missed = earliest(missed("FILING", "报送（法定期限）", c.filingDeadline(), filedOn, today),
                missed("PUBLICATION", "公开（法定期限）", c.publicationDeadline(), publishedOn, today));
        if (missed != null && (next == null || next.workingDaysOverdue() == null
                || next.workingDaysOverdue() < missed.workingDaysOverdue())) {
            next = missed;
        }
        CaseState state;
        if (next == null) {
            state = CaseState.ON_TRACK;
        } else if (next.workingDaysOverdue() != null) {
            state = CaseState.OVERDUE;
        } else if (next.workingDaysLeft() <= properties.dueSoonWorkingDays()) {
            state = CaseState.DUE_SOON;
        } else {
            state = CaseState.ON_TRACK;
        }
        return new Status(state, state.colour(), phase, next, c.filingDeadline(), c.publicationDeadline(), filings,
                publication, filedOn, publishedOn);
    }

    private static Next earliest(Next a, Next b) {
        return a == null ? b : b == null || !b.date().isBefore(a.date()) ? a : b;
    }

    /** The statutory date as the case's next deadline if it passed (the day after it) without being met. */
    private Next missed(String milestone, String label, LocalDate deadline, LocalDate met, LocalDate today) {
        if (deadline == null || met != null || !today.isAfter(deadline)) {
            return null;
        }
        return new Next(milestone, label, deadline, null, Math.max(1, workingDaysBetween(deadline, today)));
    }

    /** Red once the cycle has begun (1 January after the reporting year), grey before. */
    static String colour(CaseState state, int year, LocalDate today) {
        return state == CaseState.NOT_STARTED && today.isBefore(LocalDate.of(year + 1, 1, 1)) ? "grey" : state.colour();
    }

    /**
     * The statutory filing and publication dates for an entity without a case (its schedule without notices), the
     * same for every government and every department of a year: computed once until the holiday data changes.
     */
    Map<Milestone, LocalDate> statutory(ReportingEntity entity, int year) {
        return plans.computeIfAbsent(year + ":" + entity.isGovernment(), key -> {
            try {
                return schedules.schedule(entity.isGovernment(), year, ScheduleOverrides.none()).dates();
            } catch (RuntimeException e) {
                return Map.of(); // no holiday data for that year: no dates to compare with
            }
        });
    }

    @EventListener
    void on(CalendarChanged changed) {
        plans.clear();
        spans.clear();
    }

    /** The calendar's working days in [from, to), remembered: counting them day by day for 33,000 rows is seconds. */
    int workingDaysBetween(LocalDate from, LocalDate to) {
        if (spans.size() > 100_000) {
            spans.clear();
        }
        return spans.computeIfAbsent((from.toEpochDay() << 32) | (to.toEpochDay() & 0xffffffffL),
                key -> calendar.workingDaysBetween(from, to));
    }

    private Next next(YearData.Task task, Instant now) {
        LocalDate due = task.due().atZone(Beijing.ZONE).toLocalDate();
        LocalDate today = now.atZone(Beijing.ZONE).toLocalDate();
        if (now.isAfter(task.due())) {
            int overdue = today.isAfter(due) ? workingDaysBetween(due, today) : 0;
            return new Next(task.key(), task.name(), due, null, Math.max(1, overdue));
        }
        return new Next(task.key(), task.name(), due, Math.max(0, workingDaysBetween(today, due)), null);
    }

    /** Each addressee the case owes a filing (报送) or copy (抄送): receipt, filed awaiting receipt, exempt, or outstanding. */
    static List<RecipientStatus> filings(YearData.Case c) {
        Map<String, YearData.Filed> byRecipient = new LinkedHashMap<>();
        c.filings().forEach(f -> byRecipient.put(f.recipient(), f));
        List<RecipientStatus> out = new ArrayList<>();
        List<String> expected = new ArrayList<>(c.filingRecipients());
        if (c.copyTo() != null && !expected.contains(c.copyTo())) {
            expected.add(c.copyTo());
        }
        for (String recipient : expected) {
            YearData.Filed f = byRecipient.remove(recipient);
            String kind = recipient.equals(c.copyTo()) && !c.filingRecipients().contains(recipient) ? "COPY" : "FILING";
            out.add(f == null ? new RecipientStatus(recipient, kind, "OUTSTANDING", "未报送", null)
                    : new RecipientStatus(recipient, f.kind(), f.outcome(), outcomeLabel(f.outcome()), f.filedOn()));
        }
        byRecipient.values().forEach(f -> out.add(new RecipientStatus(f.recipient(), f.kind(), f.outcome(),
                outcomeLabel(f.outcome()), f.filedOn())));
        return out;
    }

    private static String outcomeLabel(String outcome) {
        return switch (outcome) {
            case "RECEIPTED" -> "已回执";
            case "AWAITING_RECEIPT" -> "已报送，待回执";
            case "EXEMPT" -> "免报";
            default -> outcome;
        };
    }

    /** The day the last owed filing went out; null while one is outstanding (an exemption owes nothing). */
    static LocalDate filedOn(YearData.Case c, List<RecipientStatus> filings) {
        LocalDate last = null;
        for (RecipientStatus f : filings) {
            if ("OUTSTANDING".equals(f.status())) {
                return null;
            }
            if (!"EXEMPT".equals(f.status()) && f.filedOn() != null && (last == null || f.filedOn().isAfter(last))) {
                last = f.filedOn();
            }
        }
        return filings.isEmpty() ? null : last == null ? c.filingDeadline() : last;
    }

    private static PublicationStatus publication(YearData.Case c) {
        Optional<YearData.Published> published = c.publications().stream()
                .filter(p -> p.publishedAt() != null)
                .min(Comparator.comparing(YearData.Published::publishedAt));
        if (published.isPresent()) {
            return new PublicationStatus("PUBLISHED", "已公开", published.get().url(), published.get().publishedAt());
        }
        if (!c.publications().isEmpty()) {
            return new PublicationStatus("PENDING", "待发布", null, null);
        }
        return c.completed() ? new PublicationStatus("WITHHELD", "不予公开（保密审查决定）", null, null)
                : new PublicationStatus("NOT_PUBLISHED", "未公开", null, null);
    }

    /** The case's state at the moment, with what it rests on. */
    record Status(CaseState state, String colour, Phase phase, Next next, LocalDate filingDeadline,
                  LocalDate publicationDeadline, List<RecipientStatus> filings, PublicationStatus publication,
                  LocalDate filedOn, LocalDate publishedOn) {
    }

    /** The open task due first: working days left, or working days overdue. */
    record Next(String task, String taskName, LocalDate date, Integer workingDaysLeft, Integer workingDaysOverdue) {
    }

    /** One addressee's filing. */
    record RecipientStatus(String recipient, String kind, String status, String statusLabel, LocalDate filedOn) {
    }

    /** Publication on the portal: PUBLISHED (with URL), PENDING, NOT_PUBLISHED or WITHHELD. */
    record PublicationStatus(String status, String statusLabel, String url, Instant publishedAt) {
    }
}
