package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.api.Downloads;
import cn.fazhi.annualreport.api.QueryParameters;
import cn.fazhi.annualreport.api.Shown;
import cn.fazhi.annualreport.organization.AdminLevel;
import cn.fazhi.annualreport.organization.EntityType;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.shared.Beijing;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The supervision desk's API (督办台, docs/supervision.md): the overview of a year's cases the caller reads, the 通报
 * list of the late, their exports, and 催办. Read as the caller: an administrator reads every entity, an owner its
 * entity and everything below it, the entity's other roles their own entity.
 */
@RestController
class SupervisionController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /** The filters of the overview; the 通报 (late) takes them without state and phase, and its day. */
    private static final Set<String> FILTER = Set.of("year", "under", "type", "level", "state", "phase", "q");
    private static final Set<String> OVERVIEW = union(FILTER, "sort", "page", "size");
    private static final Set<String> OVERVIEW_SHEET = union(FILTER, "sort");
    private static final Set<String> LATE = Set.of("year", "under", "type", "level", "q", "at");

    private final Overview overview;
    private final LateList lateList;
    private final Urges urges;
    private final SupervisionExports exports;
    private final IdentityService identityService;
    private final CaseLookup lookup;

    SupervisionController(Overview overview, LateList lateList, Urges urges, SupervisionExports exports,
                          IdentityService identityService, CaseLookup lookup) {
        this.overview = overview;
        this.lateList = lateList;
        this.urges = urges;
        this.exports = exports;
        this.identityService = identityService;
        this.lookup = lookup;
    }

    @GetMapping("/api/reports")
    Map<String, Object> overview(@RequestParam MultiValueMap<String, String> query) {
        Map<String, String> params = QueryParameters.of(query, OVERVIEW).asMap();
        Viewer viewer = Viewer.current(identityService);
        Overview.Filter filter = filter(params);
        Overview.Page page = overview.page(viewer, filter, params.get("sort"), integer(params, "page", 0),
                integer(params, "size", 50));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", filter.year());
        body.put("today", Overview.today());
        // when the rows were judged: at most report.supervision.overview-max-age (and one build) ago
        body.put("asOf", page.asOf());
        body.put("total", page.total());
        body.put("matching", page.matching());
        body.put("page", integer(params, "page", 0));
        body.put("size", integer(params, "size", 50));
        body.put("counts", states(page.counts()));
        List<Map<String, Object>> phases = new ArrayList<>();
        page.byPhase().forEach((phase, counts) -> phases.add(Map.of("phase", phase.name(), "label", phase.labelZh(),
                "counts", Overview.labelled(counts))));
        body.put("phases", phases);
        body.put("onTime", onTime(viewer, filter, page.onTimeRate()));
        body.put("rows", page.rows().stream().map(SupervisionController::row).toList());
        return body;
    }

    @GetMapping("/api/reports/overview.xlsx")
    ResponseEntity<byte[]> overviewSheet(@RequestParam MultiValueMap<String, String> query) {
        Map<String, String> params = QueryParameters.of(query, OVERVIEW_SHEET).asMap();
        Viewer viewer = Viewer.current(identityService);
        Overview.Filter filter = filter(params);
        List<Overview.Row> rows = overview.rows(viewer, filter).stream()
                .filter(r -> filter.state() == null || r.status().state() == filter.state())
                .filter(r -> filter.phase() == null || r.status().phase() == filter.phase())
                .sorted(Overview.comparator(params.get("sort"))).toList();
        return download(exports.overview(filter.year(), Overview.today(), rows), XLSX,
                "overview-" + filter.year() + ".xlsx", filter.year() + "年度法治政府建设年度报告进度总览.xlsx");
    }

    @GetMapping("/api/reports/late")
    Map<String, Object> late(@RequestParam MultiValueMap<String, String> query) {
        Notice notice = notice(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", notice.year());
        body.put("at", notice.at());
        body.put("count", notice.late().size());
        body.put("entities", notice.late().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entity", l.row().entity().code());
            m.put("name", l.row().entity().name());
            m.put("parentName", l.row().parent() == null ? null : l.row().parent().name());
            m.put("filingDeadline", l.filingDeadline());
            m.put("filing", l.filing());
            m.put("publicationDeadline", l.publicationDeadline());
            m.put("publication", l.publication());
            m.put("filingStatus", l.filingStatus());
            m.put("publicationStatus", l.publicationStatus());
            return m;
        }).toList());
        return body;
    }

    @GetMapping("/api/reports/late.xlsx")
    ResponseEntity<byte[]> lateSheet(@RequestParam MultiValueMap<String, String> query) {
        Notice n = notice(query);
        return download(exports.lateSheet(n.year(), n.at(), n.late()), XLSX, "late-" + n.year() + "-" + n.at() + ".xlsx",
                n.year() + "年度报告未按时报送公开单位名单（截至" + n.at() + "）.xlsx");
    }

    @GetMapping("/api/reports/late.docx")
    ResponseEntity<byte[]> lateNotice(@RequestParam MultiValueMap<String, String> query) {
        Notice n = notice(query);
        return download(exports.lateNotice(n.year(), n.at(), n.late(), lookup.issuer(n.viewer())), DOCX,
                "late-notice-" + n.year() + "-" + n.at() + ".docx",
                "关于" + n.year() + "年度法治政府建设年度报告报送和公开情况的通报（稿）.docx");
    }

    /** The 通报 as asked: the caller, the year, the day and the late entities among the rows the caller reads. */
    private Notice notice(MultiValueMap<String, String> query) {
        Map<String, String> params = QueryParameters.of(query, LATE).asMap();
        Viewer viewer = Viewer.current(identityService);
        Overview.Filter filter = filter(params);
        LocalDate at = at(params.get("at"), filter.year());
        return new Notice(viewer, filter.year(), at, lateList.at(overview.rows(viewer, filter), at));
    }

    private record Notice(Viewer viewer, int year, LocalDate at, List<LateList.Late> late) {
    }

    @PostMapping("/api/reports/{entity}/{year}/urges")
    ResponseEntity<Urges.Urge> urge(@PathVariable String entity, @PathVariable int year,
                                    @RequestBody(required = false) UrgeRequest request) {
        Viewer viewer = Viewer.current(identityService);
        Urges.Urge urge = urges.urge(viewer, entity, year, request == null ? null : request.message());
        return ResponseEntity.created(URI.create("/api/reports/" + entity + "/" + year + "/urges")).body(urge);
    }

    @GetMapping("/api/reports/{entity}/{year}/urges")
    List<Urges.Urge> urges(@PathVariable String entity, @PathVariable int year) {
        return urges.of(Viewer.current(identityService), entity, year);
    }

    /** The case a task belongs to, for the case page opened from Tasklist: 404 unless the caller may see the task. */
    @GetMapping("/api/tasks/{taskId}/case")
    CaseLookup.CaseRef caseOfTask(@PathVariable String taskId) {
        return lookup.ofTask(Viewer.current(identityService), taskId);
    }

    record UrgeRequest(String message) {
    }

    /** This year's on-time rate beside last year's, for the same entities and filters. */
    private Map<String, Object> onTime(Viewer viewer, Overview.Filter filter, Double rate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", filter.year());
        m.put("rate", rate);
        m.put("previousYear", filter.year() - 1);
        m.put("previousRate", Overview.onTimeRate(overview.recentRows(viewer, filter.withYear(filter.year() - 1))));
        return m;
    }

    private static List<Map<String, Object>> states(Map<CaseState, Integer> counts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CaseState s : CaseState.values()) {
            out.add(Map.of("state", s.name(), "label", s.labelZh(), "colour", s.colour(),
                    "count", counts.getOrDefault(s, 0)));
        }
        return out;
    }

    static Map<String, Object> row(Overview.Row r) {
        ReportingEntity e = r.entity();
        CaseStatus.Status s = r.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entity", e.code());
        m.put("name", e.name());
        m.put("type", e.type().name());
        m.put("typeLabel", e.type().labelZh());
        m.put("level", e.level() == null ? null : e.level().name());
        m.put("levelLabel", e.level() == null ? null : e.level().labelZh());
        m.put("parent", r.parent() == null ? null : r.parent().code());
        m.put("parentName", r.parent() == null ? null : r.parent().name());
        m.put("state", s.state().name());
        m.put("stateLabel", s.state().labelZh());
        m.put("colour", s.colour());
        m.put("phase", s.phase().name());
        m.put("phaseLabel", s.phase().labelZh());
        m.put("next", s.next());
        m.put("filingDeadline", s.filingDeadline());
        m.put("publicationDeadline", s.publicationDeadline());
        m.put("filings", s.filings());
        m.put("publication", s.publication() == null ? null : Map.of("status", s.publication().status(),
                "statusLabel", s.publication().statusLabel(), "url", s.publication().url() == null ? "" : s.publication().url(),
                "publishedAt", s.publication().publishedAt() == null ? ""
                        : OffsetDateTime.ofInstant(s.publication().publishedAt(), Beijing.ZONE).toString()));
        m.put("processInstanceId", r.c() == null ? null : r.c().processInstanceId());
        m.put("href", r.c() == null ? null : "/desk/case.html?entity=" + e.code() + "&year=" + r.year());
        m.put("canUrge", r.canUrge() && r.c() != null && !r.c().completed());
        return m;
    }

    static Overview.Filter filter(Map<String, String> params) {
        int thisYear = Overview.today().getYear();
        int year = integer(params, "year", thisYear - 1);
        if (year < 2000 || year > thisYear) {
            throw SupervisionException.invalid("年度须在2000至" + thisYear + "之间：" + year,
                    "The year must lie between 2000 and " + thisYear + ", not " + year);
        }
        EntityType type = blank(params.get("type")) ? null : parse(EntityType.class, params.get("type"), "单位类型", "type");
        AdminLevel level = blank(params.get("level")) ? null : parse(AdminLevel.class, params.get("level"), "层级", "level");
        CaseState state = blank(params.get("state")) ? null : CaseState.parse(params.get("state"));
        Phase phase = blank(params.get("phase")) ? null : Phase.parse(params.get("phase"));
        String under = blank(params.get("under")) ? null : params.get("under").strip();
        String q = blank(params.get("q")) ? null : params.get("q");
        if (q != null && q.length() > 100) {
            throw SupervisionException.invalid("搜索词最多100字", "The search text may have at most 100 characters");
        }
        return new Overview.Filter(year, under, type, level, state, phase, q);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String zh, String en) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw SupervisionException.invalid("未知的" + zh + "：" + Shown.value(value), "Unknown " + en + ": "
                    + Shown.value(value));
        }
    }

    private static int integer(Map<String, String> params, String name, int fallback) {
        String value = params.get(name);
        if (blank(value)) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw SupervisionException.invalid(name + " 须为整数：" + Shown.value(value),
                    name + " must be a whole number, not " + Shown.value(value));
        }
    }

    /**
     * The day of the 通报: today by default, else a yyyy-MM-dd from the reporting year to the end of the year after
     * its statutory dates (a 通报 of 2025's reports is drawn in 2026 or 2027).
     */
    static LocalDate at(String value, int year) {
        if (blank(value)) {
            return Overview.today();
        }
        LocalDate at;
        try {
            at = value.strip().matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(value.strip()) : null;
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null) {
            throw SupervisionException.invalid("截至日期须为 yyyy-MM-dd 格式的日期：" + Shown.value(value),
                    "at must be a date (yyyy-MM-dd), not " + Shown.value(value));
        }
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year + 2, 12, 31);
        if (at.isBefore(first) || at.isAfter(last)) {
            throw SupervisionException.invalid(year + "年度报告的通报日期须在" + first + "至" + last + "之间：" + at,
                    "The notice date of " + year + "'s reports must lie between " + first + " and " + last + ", not " + at);
        }
        return at;
    }

    private static Set<String> union(Set<String> names, String... more) {
        Set<String> all = new HashSet<>(names);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static ResponseEntity<byte[]> download(byte[] bytes, String mediaType, String ascii, String name) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(mediaType))
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(ascii, name)).body(bytes);
    }
}
