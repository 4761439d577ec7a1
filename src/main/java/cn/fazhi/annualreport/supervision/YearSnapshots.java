package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.shared.Beijing;
import java.text.CollationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every entity's row of a year with its state, judged once for all viewers and kept for a few seconds: the overview
 * of a national registry is a filter and a page of rows already judged, not a read and a judgement of 33,000 rows on
 * every request (issue 16).
 *
 * <p>A snapshot younger than {@code report.supervision.overview-max-age} is served as it is; an older one is served
 * while a new one is built in the background (one at a time per year); one older than four times that age (a desk
 * nobody looked at for a while) is built afresh before the answer. So an overview in use is at most about
 * {@code overview-max-age} plus one build old, and says when it was taken ({@code asOf}). {@code PT0S} builds every
 * time. The 通报 list and the exports always build afresh.
 */
@Component
class YearSnapshots implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(YearSnapshots.class);

    private final EntityRegistry registry;
    private final YearData data;
    private final CaseStatus status;
    private final Duration maxAge;
    private final Map<Integer, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Set<Integer> refreshing = ConcurrentHashMap.newKeySet();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "desk-snapshot");
        t.setDaemon(true);
        return t;
    });

    @Autowired
    YearSnapshots(EntityRegistry registry, YearData data, CaseStatus status, SupervisionProperties properties) {
        this(registry, data, status, properties.overviewMaxAge());
    }

    YearSnapshots(EntityRegistry registry, YearData data, CaseStatus status, Duration maxAge) {
        this.registry = registry;
        this.data = data;
        this.status = status;
        this.maxAge = maxAge;
    }

    /** The year's rows as recently judged (see the class comment). */
    Snapshot recent(int year) {
        Snapshot snapshot = snapshots.get(year);
        if (snapshot == null || maxAge.isZero() || snapshot.olderThan(maxAge.multipliedBy(4))) {
            return fresh(year);
        }
        if (snapshot.olderThan(maxAge) && refreshing.add(year)) {
            refresher.execute(() -> {
                try {
                    fresh(year);
                } catch (RuntimeException e) {
                    log.warn("The desk's rows of {} could not be built in the background: {}", year, e.toString());
                } finally {
                    refreshing.remove(year);
                }
            });
        }
        return snapshot;
    }

    /** The year's rows judged now. */
    Snapshot fresh(int year) {
        long started = System.nanoTime();
        Instant now = Beijing.now();
        List<ReportingEntity> all = registry.all();
        Map<String, ReportingEntity> byCode = new HashMap<>();
        all.forEach(e -> byCode.put(e.code(), e));
        Map<String, YearData.Case> cases = data.load(year);
        List<Entry> entries = new ArrayList<>();
        for (ReportingEntity e : all) {
            YearData.Case c = cases.get(e.code());
            if (c == null && !e.active()) {
                continue;
            }
            entries.add(new Entry(e, e.parent() == null ? null : byCode.get(e.parent()), c,
                    status.of(e, year, c, now), Hierarchy.ancestorsOrSelf(e, byCode), Overview.pinyin(e.name())));
        }
        Snapshot snapshot = new Snapshot(year, now, started, byCode, List.copyOf(entries));
        snapshots.merge(year, snapshot, (old, built) -> built.builtAt() - old.builtAt() >= 0 ? built : old);
        return snapshot;
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }

    /** The rows of a year at a moment, for every viewer. */
    record Snapshot(int year, Instant asOf, long builtAt, Map<String, ReportingEntity> byCode, List<Entry> entries) {

        boolean olderThan(Duration age) {
            return System.nanoTime() - builtAt > age.toNanos();
        }
    }

    /**
     * One entity (active, or with a case of the year), its parent, its case, its state, the chain above it and its
     * name's pinyin sort key.
     */
    record Entry(ReportingEntity entity, ReportingEntity parent, YearData.Case c, CaseStatus.Status status,
                 List<String> ancestorsOrSelf, CollationKey nameKey) {
    }
}
