package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.organization.EntityType;
import cn.fazhi.annualreport.organization.AdminLevel;
import cn.fazhi.annualreport.api.Shown;
import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.shared.Beijing;
import java.text.CollationKey;
import java.text.Collator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The supervision desk's overview of a year: one row per entity the viewer reads, with its case's state by the rule in
 * docs/supervision.md; entities that report but have no case yet are NOT_STARTED rows, finished cases stay.
 */
@Service
class Overview {

    static final int MAX_PAGE_SIZE = 500;

    private final EntityRegistry registry;
    private final YearData data;
    private final CaseStatus status;

    Overview(EntityRegistry registry, YearData data, CaseStatus status) {
        this.registry = registry;
        this.data = data;
        this.status = status;
    }

    /** Every row the viewer reads for the query's year and region, all filters but state and phase applied. */
    List<Row> rows(Viewer viewer, Filter filter) {
        Instant now = Beijing.now();
        List<ReportingEntity> all = registry.all();
        Map<String, ReportingEntity> byCode = new HashMap<>();
        all.forEach(e -> byCode.put(e.code(), e));
        if (filter.under() != null) {
            ReportingEntity region = byCode.get(filter.under());
            if (region == null || !viewer.reads(region, byCode)) {
                throw SupervisionException.notFound("未找到该地区或单位，或无权查看：" + Shown.value(filter.under()),
                        "No such region or entity that you may read: " + Shown.value(filter.under()));
            }
        }
        Map<String, YearData.Case> cases = data.load(filter.year());
        String query = filter.q() == null ? null : filter.q().strip().toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>();
        for (ReportingEntity e : all) {
            YearData.Case c = cases.get(e.code());
            if ((c == null && !e.active()) || !viewer.reads(e, byCode)) {
                continue;
            }
            if (filter.under() != null && !Hierarchy.ancestorsOrSelf(e, byCode).contains(filter.under())) {
                continue;
            }
            if ((filter.type() != null && e.type() != filter.type())
                    || (filter.level() != null && e.level() != filter.level())
                    || (query != null && !query.isEmpty() && !e.name().toLowerCase(Locale.ROOT).contains(query)
                        && !e.shortName().toLowerCase(Locale.ROOT).contains(query)
                        && !e.code().toLowerCase(Locale.ROOT).contains(query))) {
                continue;
            }
            ReportingEntity parent = e.parent() == null ? null : byCode.get(e.parent());
            rows.add(new Row(e, parent, filter.year(), c, status.of(e, filter.year(), c, now),
                    viewer.supervises(Hierarchy.ancestorsOrSelf(e, byCode))));
        }
        return rows;
    }

    Page page(Viewer viewer, Filter filter, String sort, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw SupervisionException.invalid("分页参数无效：page ≥ 0，size 为 1 至 " + MAX_PAGE_SIZE,
                    "Bad paging: page >= 0, size 1.." + MAX_PAGE_SIZE);
        }
        List<Row> rows = rows(viewer, filter);
        Map<CaseState, Integer> counts = new EnumMap<>(CaseState.class);
        Map<Phase, Map<CaseState, Integer>> byPhase = new EnumMap<>(Phase.class);
        for (Row r : rows) {
            counts.merge(r.status().state(), 1, Integer::sum);
            byPhase.computeIfAbsent(r.status().phase(), p -> new EnumMap<>(CaseState.class))
                    .merge(r.status().state(), 1, Integer::sum);
        }
        List<Row> selected = rows.stream()
                .filter(r -> filter.state() == null || r.status().state() == filter.state())
                .filter(r -> filter.phase() == null || r.status().phase() == filter.phase())
                .sorted(comparator(sort)).toList();
        int from = (int) Math.min((long) page * size, selected.size());
        int to = Math.min(from + size, selected.size());
        return new Page(rows.size(), selected.size(), counts, byPhase, onTimeRate(rows), selected.subList(from, to));
    }

    /**
     * 按期完成率: of the rows that are due — finished, or past their publication date — the share that filed and
     * published by the statutory dates; null while none is due.
     */
    static Double onTimeRate(List<Row> rows) {
        LocalDate today = today();
        List<Row> due = rows.stream().filter(r -> r.status().state() == CaseState.DONE
                || r.status().state() == CaseState.DONE_LATE
                || (r.status().publicationDeadline() != null && today.isAfter(r.status().publicationDeadline())))
                .toList();
        return due.isEmpty() ? null
                : due.stream().filter(r -> r.status().state() == CaseState.DONE).count() / (double) due.size();
    }

    static Comparator<Row> comparator(String sort) {
        Collator pinyin = Collator.getInstance(Locale.CHINA);
        Map<String, CollationKey> keys = new HashMap<>(); // each name's pinyin key once, not at every comparison
        Comparator<Row> byName = Comparator.comparing(r -> keys.computeIfAbsent(r.entity().name(), pinyin::getCollationKey));
        Comparator<Row> byDeadline = Comparator.comparing(
                (Row r) -> r.status().next() == null ? null : r.status().next().date(),
                Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<Row> byState = Comparator.comparing((Row r) -> r.status().state());
        Comparator<Row> byOverdue = Comparator.comparing((Row r) -> r.status().next() == null
                || r.status().next().workingDaysOverdue() == null ? 0 : r.status().next().workingDaysOverdue()).reversed();
        String key = sort == null || sort.isBlank() ? "state" : sort.strip();
        return switch (key) {
            case "name" -> byName;
            case "deadline" -> byDeadline.thenComparing(byName);
            case "overdue" -> byOverdue.thenComparing(byState).thenComparing(byName);
            case "phase" -> Comparator.comparing((Row r) -> r.status().phase()).thenComparing(byState).thenComparing(byName);
            case "state" -> byState.thenComparing(byOverdue).thenComparing(byDeadline).thenComparing(byName);
            default -> throw SupervisionException.invalid("未知的排序：" + Shown.value(key)
                    + "（可选 state、overdue、deadline、phase、name）", "Unknown sort: " + Shown.value(key));
        };
    }

    /** What the overview is asked for: a year and optional filters (null: any). */
    record Filter(int year, String under, EntityType type, AdminLevel level, CaseState state, Phase phase, String q) {

        Filter withYear(int otherYear) {
            return new Filter(otherYear, under, type, level, null, null, q);
        }
    }

    /** One entity's row. */
    record Row(ReportingEntity entity, ReportingEntity parent, int year, YearData.Case c, CaseStatus.Status status,
               boolean canUrge) {
    }

    /**
     * A page of rows with the counts of all rows the filters but state and phase select, per state and per phase and
     * state, and their on-time rate.
     */
    record Page(int total, int matching, Map<CaseState, Integer> counts, Map<Phase, Map<CaseState, Integer>> byPhase,
                Double onTimeRate, List<Row> rows) {
    }

    static Map<String, Integer> labelled(Map<CaseState, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (CaseState s : CaseState.values()) {
            out.put(s.name(), counts.getOrDefault(s, 0));
        }
        return out;
    }

    static LocalDate today() {
        return Beijing.today();
    }
}
