package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.api.Downloads;
import cn.fazhi.annualreport.document.IssuedReports;
import cn.fazhi.annualreport.document.StoredDocument;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case's official report: {@code GET /api/reports/{entity}/{year}/issued-report} (the sealed document uploaded at
 * 签发, as stored; 404 before) and {@code …/official-text} (the text that counts — the issued document's, else the
 * last draft's — for the secrecy review to redact). For the case's readers only, as the engine decides.
 */
@RestController
@RequestMapping("/api/reports/{entity}/{year}")
class IssuedReportController {

    private final ReportCaseQuery query;
    private final IssuedReports issued;

    IssuedReportController(ReportCaseQuery query, IssuedReports issued) {
        this.query = query;
        this.issued = issued;
    }

    static String link(String entity, int year) {
        return "/api/reports/" + entity + "/" + year + "/issued-report";
    }

    @GetMapping("/issued-report")
    ResponseEntity<byte[]> issuedReport(@PathVariable String entity, @PathVariable int year) {
        StoredDocument file = issued.official(query.visibleCase(entity, year).getId())
                .filter(IssuedReports.OfficialReport::issued).map(IssuedReports.OfficialReport::file)
                .orElseThrow(() -> ReportRequestException.noIssuedReport(entity, year));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .contentLength(file.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(entity + "-" + year + "-issued"
                        + MaterialController.extension(file.fileName()), file.fileName()))
                .eTag("\"" + file.sha256() + "\"")
                .body(file.content());
    }

    @GetMapping("/official-text")
    ResponseEntity<String> officialText(@PathVariable String entity, @PathVariable int year) {
        String text = issued.official(query.visibleCase(entity, year).getId()).map(IssuedReports.OfficialReport::text)
                .orElseThrow(() -> ReportRequestException.notFoundVersion(entity, year, 1));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(text);
    }
}
