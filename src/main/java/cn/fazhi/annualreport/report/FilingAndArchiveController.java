package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.api.Downloads;
import cn.fazhi.annualreport.archive.CaseArchives;
import cn.fazhi.annualreport.archive.StoredArchive;
import cn.fazhi.annualreport.document.IssuedReports;
import cn.fazhi.annualreport.document.StoredDocument;
import cn.fazhi.annualreport.filing.FilingPackages;
import cn.fazhi.annualreport.filing.FilingRequestException;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.Beijing;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's files for download: {@code GET /api/reports/{entity}/{year}/filing-package?recipient=…} (the cover letter
 * to one addressee and the issued report, zipped) and {@code …/archive} (the finished case's archive). Only for
 * callers who may read the case, as the engine decides; 404 for everybody else.
 */
@RestController
@RequestMapping("/api/reports/{entity}/{year}")
class FilingAndArchiveController {

    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final ReportCaseQuery query;
    private final CaseFactsReader facts;
    private final IssuedReports issued;
    private final FilingPackages packages;
    private final CaseArchives archives;
    private final IdentityService identityService;

    FilingAndArchiveController(ReportCaseQuery query, CaseFactsReader facts, IssuedReports issued,
                               FilingPackages packages, CaseArchives archives, IdentityService identityService) {
        this.query = query;
        this.facts = facts;
        this.issued = issued;
        this.packages = packages;
        this.archives = archives;
        this.identityService = identityService;
    }

    /**
     * The filing package of one addressee (报送对象, or the supervising office for the copy): 404 if the case has no
     * such addressee, 409 before the report is issued.
     */
    @GetMapping("/filing-package")
    ResponseEntity<byte[]> filingPackage(@PathVariable String entity, @PathVariable int year,
                                         @RequestParam String recipient) {
        HistoricProcessInstance instance = query.visibleCase(entity, year);
        FilingPackages.Package built = SystemCall.run(identityService, () -> {
            Map<String, Object> vars = facts.variables(instance.getId());
            List<String> addressees = CaseFactsReader.addressees(vars);
            int index = addressees.indexOf(recipient);
            if (index < 0) {
                throw FilingRequestException.noSuchAddressee(recipient);
            }
            String number = CaseFactsReader.text(vars.get(VAR_DOCUMENT_NUMBER));
            StoredDocument report = number == null ? null : issued.official(instance.getId())
                    .map(IssuedReports.OfficialReport::file).orElse(null);
            if (report == null) {
                throw FilingRequestException.notIssued();
            }
            String issued = CaseFactsReader.text(vars.get(VAR_ISSUE_DATE));
            // the supervising office, unless it is a statutory recipient as well
            boolean copy = !(vars.get(VAR_FILING_RECIPIENTS) instanceof Collection<?> filing
                    && filing.contains(recipient));
            return packages.build(new FilingPackages.Request(entity, CaseFactsReader.text(vars.get(VAR_ENTITY_NAME)),
                    year, number, issued == null ? Beijing.now().atZone(Beijing.ZONE)
                    .toLocalDate() : LocalDate.parse(issued.substring(0, 10)), recipient, copy, index + 1, report));
        });
        return download(built.content(), built.asciiFileName(), built.fileName(), null);
    }

    /** The archive of a finished case: 409 while the case runs (it is built when the case ends). */
    @GetMapping("/archive")
    ResponseEntity<byte[]> archive(@PathVariable String entity, @PathVariable int year) {
        HistoricProcessInstance instance = query.visibleCase(entity, year);
        StoredArchive archive = archives.content(instance.getId()).orElseThrow(() ->
                HistoricProcessInstance.STATE_COMPLETED.equals(instance.getState())
                        ? ReportRequestException.noArchive(entity, year)
                        : ReportRequestException.conflict("案件尚未办结，归档包在归档完成后生成",
                        "The case has not finished: its archive is built when it ends"));
        return download(archive.content(), archive.asciiFileName(), archive.info().fileName(), archive.info().sha256());
    }

    private static ResponseEntity<byte[]> download(byte[] content, String asciiName, String name, String sha256) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .contentType(ZIP)
                .contentLength(content.length)
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(asciiName, name))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        if (sha256 != null) {
            ok.eTag("\"" + sha256 + "\"");
        }
        return ok.body(content);
    }
}
