package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.api.Shown;
import cn.fazhi.annualreport.organization.AdminLevel;
import cn.fazhi.annualreport.organization.EntityType;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.shared.Beijing;
import java.text.CollationKey;
import java.text.Collator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * The supervision desk's overview of a year: one row per entity the viewer reads, with its case's state by the rule in
 * docs/supervision.md; entities that report but have no case yet are NOT_STARTED rows, finished cases stay. Its pages
 * read the year's rows as recently judged ({@link YearSnapshots}).
 */
@Service
class Overview {

    static final int MAX_PAGE_SIZE = 500;
    private static final Collator PINYIN = Collator.getInstance(Locale.CHINA);
    private static final Map<String, CollationKey> PINYIN_KEYS = new ConcurrentHashMap<>();

    private final YearSnapshots snapshots;

    Overview(YearSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /**
     * Every row the viewer reads for the query's year and region, all filters but state and phase applied, judged
     * now: for the 通报 list and the exports.
     */
    List<Row> rows(Viewer viewer, Filter filter) {
        return rows(viewer, filter, snapshots.fresh(filter.year()));
    }

    /** The same rows as recently judged ({@link YearSnapshots}): for the overview's pages. */
    List<Row> recentRows(Viewer viewer, Filter filter) {
        return rows(viewer, filter, snapshots.recent(filter.year()));
    }

    private static List<Row> rows(Viewer viewer, Filter filter, YearSnapshots.Snapshot snapshot) {
        Map<String, ReportingEntity> byCode = snapshot.byCode();
        if (filter.under() != null) {
            ReportingEntity region = byCode.get(filter.under());
            if (region == null || !viewer.reads(region, byCode)) {
                throw SupervisionException.notFound("未找到该地区或单位，或无权查看：" + Shown.value(filter.under()),
                        "No such region or entity that you may read: " + Shown.value(filter.under()));
            }
        }
        String query = filter.q() == null ? null : filter.q().strip().toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>();
        for (YearSnapshots.Entry entry : snapshot.entries()) {
            ReportingEntity e = entry.entity();
            if (!viewer.reads(e, byCode)) {
                continue;
            }
            if (filter.under() != null && !entry.ancestorsOrSelf().contains(filter.under())) {
                continue;
            }
            if ((filter.type() != null && e.type() != filter.type())
                    || (filter.level() != null && e.level() != filter.level())
                    || (query != null && !query.isEmpty() && !e.name().toLowerCase(Locale.ROOT).contains(query)
                        && !e.shortName().toLowerCase(Locale.ROOT).contains(query)
                        && !e.code().toLowerCase(Locale.ROOT).contains(query))) {
                continue;
            }
            rows.add(new Row(e, entry.parent(), filter.year(), entry.c(), entry.status(),
                    viewer.supervises(entry.ancestorsOrSelf()), snapshot.asOf(), entry.nameKey()));
        }
        return rows;
    }

    Page page(Viewer viewer, Filter filter, String sort, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw SupervisionException.invalid("分页参数无效：page ≥ 0，size 为 1 至 " + MAX_PAGE_SIZE,
                    "Bad paging: page >= 0, size 1.." + MAX_PAGE_SIZE);
        }
        List<Row> rows = recentRows(viewer, filter);
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
        return new Page(rows.size(), selected.size(), counts, byPhase, onTimeRate(rows), selected.subList(from, to),
                rows.isEmpty() ? null : rows.get(0).asOf());
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
        Comparator<Row> byName = Comparator.comparing(Row::nameKey);
        Comparator<Row> byDeadline = Comparator.comparing(
                (Row r) -> r.status().next() == null ? null : r.status().next().date(),
                Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<Row> byState = Comparator.comparing((Row r) -> r.status().state());
        Comparator<Row> byOverdue = Comparator.comparingInt((Row r) -> r.status().next() == null
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

    /** A name's pinyin sort key, made once per name (a national registry has 33,000). */
    static CollationKey pinyin(String name) {
        return PINYIN_KEYS.computeIfAbsent(name, n -> {
            synchronized (PINYIN) {
                return PINYIN.getCollationKey(n);
            }
        });
    }

    /** What the overview is asked for: a year and optional filters (null: any). */
    record Filter(int year, String under, EntityType type, AdminLevel level, CaseState state, Phase phase, String q) {

        Filter withYear(int otherYear) {
            return new Filter(otherYear, under, type, level, null, null, q);
        }
    }

    /** One entity's row. */
    record Row(ReportingEntity entity, ReportingEntity parent, int year, YearData.Case c, CaseStatus.Status status,
               boolean canUrge, Instant asOf, CollationKey nameKey) {
    }

    /**
     * A page of rows with the counts of all rows the filters but state and phase select, per state and per phase and
     * state, and their on-time rate.
     */
    record Page(int total, int matching, Map<CaseState, Integer> counts, Map<Phase, Map<CaseState, Integer>> byPhase,
                Double onTimeRate, List<Row> rows, Instant asOf) {
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
