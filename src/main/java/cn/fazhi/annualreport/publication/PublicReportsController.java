package cn.fazhi.annualreport.publication;

import cn.fazhi.annualreport.api.Language;
import cn.fazhi.annualreport.shared.Beijing;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The public column 法治政府建设年度报告, for anyone and read-only: the entities with published reports, an entity's
 * reports by year, a report's page and the Atom feed. Thymeleaf escapes every text (th:text only); the pages use the
 * site's style sheet and no inline code, as the /public Content-Security-Policy demands.
 */
@Controller
@RequestMapping(PublicSite.COLUMN_PATH)
class PublicReportsController {

    static final String COLUMN_TITLE = "法治政府建设年度报告";
    static final int FEED_ENTRIES = 20;
    private static final Pattern ENTITY = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d{2}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter ISO_DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final PublishedReports reports;
    private final PublicSite site;

    PublicReportsController(PublishedReports reports, PublicSite site) {
        this.reports = reports;
        this.site = site;
    }

    /** The column: every entity with published reports, and the latest publications. */
    @GetMapping
    String column(Model model) {
        model.addAttribute("entities", reports.entities());
        model.addAttribute("latest", reports.latest(10).stream().map(PublicReportsController::summary).toList());
        return "public/column";
    }

    /** An entity's reports, latest year first. */
    @GetMapping("/{entity}")
    String entity(@PathVariable String entity, Model model) {
        List<PublishedReports.Entry> entries = ENTITY.matcher(entity).matches() ? reports.ofEntity(entity) : List.of();
        if (entries.isEmpty()) {
            throw new NotPublished();
        }
        model.addAttribute("entityCode", entity);
        model.addAttribute("entityName", entries.get(0).entityName());
        model.addAttribute("reports", entries.stream().map(PublicReportsController::summary).toList());
        return "public/entity";
    }

    /** One report: title, 文号, date and the text in paragraphs. */
    @GetMapping("/{entity}/{year}")
    String report(@PathVariable String entity, @PathVariable String year, Model model) {
        if (!ENTITY.matcher(entity).matches() || !YEAR.matcher(year).matches()) {
            throw new NotPublished();
        }
        PublishedReports.Entry e = reports.find(entity, Integer.parseInt(year)).orElseThrow(NotPublished::new);
        model.addAttribute("report", summary(e));
        model.addAttribute("blocks", ReportText.blocks(e.text(), e.title()));
        model.addAttribute("portal", reports.portalCopy(e.processInstanceId()).orElse(null));
        return "public/report";
    }

    /** The latest publications as an Atom feed (UTC dates, escaped text). */
    @GetMapping("/feed.atom")
    ResponseEntity<byte[]> feed() {
        String xml = AtomFeed.write(reports.latest(FEED_ENTRIES), site, Beijing.now());
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "atom+xml", StandardCharsets.UTF_8))
                .body(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** A Chinese page on a Chinese government site: in English only for a browser that asks for English. */
    @ExceptionHandler(NotPublished.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(HttpServletRequest request, Model model) {
        model.addAttribute("english", Language.of(request).chineseUnlessEnglish() == Language.EN);
        return "public/not-found";
    }

    /** A report or entity the column does not have (never published, kept from the public, or unknown). */
    static class NotPublished extends RuntimeException {
        NotPublished() {
            super("Not published", null, false, false);
        }
    }

    /**
     * A report as the pages list it.
     *
     * @param entityCode     the entity's code (links)
     * @param entityName     its name
     * @param year           the reporting year
     * @param title          the title
     * @param documentNumber the 文号, may be null
     * @param publishedOn    the publication date, e.g. 2026年3月1日
     * @param publishedIso   the same as yyyy-MM-dd (the time element)
     */
    record Summary(String entityCode, String entityName, int year, String title, String documentNumber,
                   String publishedOn, String publishedIso) {
    }

    private static Summary summary(PublishedReports.Entry e) {
        OffsetDateTime at = e.publishedAt().atZoneSameInstant(Beijing.ZONE).toOffsetDateTime();
        return new Summary(e.entityCode(), e.entityName(), e.year(), e.title(), e.documentNumber(), DAY.format(at),
                ISO_DAY.format(at));
    }
}
