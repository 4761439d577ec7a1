package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.shared.Beijing;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The 通报 list: the entities that, at a chosen date, had not filed (报送) or not published (公开) their report by the
 * statutory date — filed or published later, or not at all by then. Dates without a case are the entity's statutory
 * schedule; an exemption counts as filed, a report the secrecy review kept from the public as published.
 */
@Component
class LateList {

    private final CaseStatus days;

    LateList(CaseStatus days) {
        this.days = days;
    }

    List<Late> at(List<Overview.Row> rows, LocalDate at) {
        List<Late> out = new ArrayList<>();
        for (Overview.Row r : rows) {
            CaseStatus.Status s = startedBy(r, at) ? r.status() : notStarted(r.status());
            String filing = filing(s, at);
            String publication = publication(s, at);
            if (filing != null || publication != null) {
                out.add(new Late(r, filing, publication, s.filingDeadline(), s.publicationDeadline(),
                        filing != null ? filing : onTime(s.filingDeadline(), s.filedOn(), at, "报送"),
                        publication != null ? publication : "WITHHELD".equals(statusOf(s)) ? "不予公开（保密审查决定）"
                                : onTime(s.publicationDeadline(), s.publishedOn(), at, "公开")));
            }
        }
        return out;
    }

    /** Whether the case existed at the date (a case started after it was, at the date, not started). */
    private static boolean startedBy(Overview.Row r, LocalDate at) {
        return r.c() == null || !r.c().startedAt().atZone(Beijing.ZONE).toLocalDate().isAfter(at);
    }

    private static CaseStatus.Status notStarted(CaseStatus.Status s) {
        return new CaseStatus.Status(CaseState.NOT_STARTED, s.colour(), Phase.NOT_STARTED, null, s.filingDeadline(),
                s.publicationDeadline(), List.of(), null, null, null);
    }

    private static String statusOf(CaseStatus.Status s) {
        return s.publication() == null ? null : s.publication().status();
    }

    /** What the 通报 says of a duty that was not late at the date: met on time, or not due yet. */
    private static String onTime(LocalDate deadline, LocalDate met, LocalDate at, String duty) {
        if (met != null && !met.isAfter(at)) {
            return "按时" + duty + "（" + met + "）";
        }
        return deadline == null ? "—" : "未到期限（" + deadline + "），尚未" + duty;
    }

    /** Null when on time (or not yet due at the date); else what the 通报 says. */
    private String filing(CaseStatus.Status s, LocalDate at) {
        LocalDate deadline = s.filingDeadline();
        if (deadline == null || !at.isAfter(deadline)) {
            return null;
        }
        if (s.state() == CaseState.NOT_STARTED) {
            return "未启动，截至" + at + "未报送（逾期" + days.workingDaysBetween(deadline, at) + "个工作日）";
        }
        LocalDate filed = s.filedOn();
        if (filed != null && !filed.isAfter(deadline)) {
            return null;
        }
        if (filed != null && !filed.isAfter(at)) {
            return "逾期报送：" + filed + "（逾期" + days.workingDaysBetween(deadline, filed) + "个工作日）";
        }
        long outstanding = s.filings().stream().filter(f -> "OUTSTANDING".equals(f.status())
                || (f.filedOn() != null && f.filedOn().isAfter(at))).count();
        return "截至" + at + "未报送" + (outstanding > 0 ? "（" + outstanding + "个报送对象）" : "")
                + "（逾期" + days.workingDaysBetween(deadline, at) + "个工作日）";
    }

    private String publication(CaseStatus.Status s, LocalDate at) {
        LocalDate deadline = s.publicationDeadline();
        if (deadline == null || !at.isAfter(deadline)) {
            return null;
        }
        if (s.state() == CaseState.NOT_STARTED) {
            return "未启动，截至" + at + "未公开（逾期" + days.workingDaysBetween(deadline, at) + "个工作日）";
        }
        if (s.publication() != null && "WITHHELD".equals(s.publication().status())) {
            return null;
        }
        LocalDate published = s.publishedOn();
        if (published != null && !published.isAfter(deadline)) {
            return null;
        }
        if (published != null && !published.isAfter(at)) {
            return "逾期公开：" + published + "（逾期" + days.workingDaysBetween(deadline, published) + "个工作日）";
        }
        return "截至" + at + "未公开（逾期" + days.workingDaysBetween(deadline, at) + "个工作日）";
    }

    /**
     * One entity of the 通报: what it failed to do by which date ({@code filing}, {@code publication}; null: not late),
     * and in words what stood for each duty at the date, late or not ({@code filingStatus}, {@code publicationStatus}).
     */
    record Late(Overview.Row row, String filing, String publication, LocalDate filingDeadline,
                LocalDate publicationDeadline, String filingStatus, String publicationStatus) {
    }
}
