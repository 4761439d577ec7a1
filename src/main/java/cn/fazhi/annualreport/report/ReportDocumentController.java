package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.document.DocumentVersion;
import cn.fazhi.annualreport.document.ReportDocuments;
import cn.fazhi.annualreport.document.StoredDocument;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The draft versions of a case: {@code GET /api/reports/{entity}/{year}/documents} (every version with its check,
 * justification and reviewers' comments), {@code …/documents/{version}} and {@code …/documents/{version}/content}
 * (the file). Only for callers who may read the case, as the engine decides; 404 for everybody else.
 */
@RestController
@RequestMapping("/api/reports/{entity}/{year}/documents")
class ReportDocumentController {

    private final ReportCaseQuery query;
    private final ReportDocuments documents;

    ReportDocumentController(ReportCaseQuery query, ReportDocuments documents) {
        this.query = query;
        this.documents = documents;
    }

    @GetMapping
    List<DocumentVersion> versions(@PathVariable String entity, @PathVariable int year) {
        return documents.versions(query.visibleCase(entity, year).getId());
    }

    @GetMapping("/{version}")
    DocumentVersion version(@PathVariable String entity, @PathVariable int year, @PathVariable int version) {
        return documents.version(query.visibleCase(entity, year).getId(), version)
                .orElseThrow(() -> noSuchVersion(entity, year, version));
    }

    /**
     * The file of a version, as stored: its recognised media type, the file name (RFC 5987 for Chinese names) as an
     * attachment (security.SecurityHeadersFilter adds nosniff and no-store to every /api answer).
     */
    @GetMapping("/{version}/content")
    ResponseEntity<byte[]> content(@PathVariable String entity, @PathVariable int year, @PathVariable int version) {
        StoredDocument file = documents.content(query.visibleCase(entity, year).getId(), version)
                .orElseThrow(() -> noSuchVersion(entity, year, version));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .contentLength(file.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(file, entity, year))
                .eTag("\"" + file.sha256() + "\"")
                .body(file.content());
    }

    /** {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>} (RFC 6266/5987). */
    static String attachment(StoredDocument file, String entity, int year) {
        String name = file.fileName();
        int dot = name.lastIndexOf('.');
        String extension = dot >= 0 ? name.substring(dot).replaceAll("[^A-Za-z0-9.]", "") : "";
        String fallback = (entity + "-" + year + "-v" + file.version() + extension).replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }

    private static ReportRequestException noSuchVersion(String entity, int year, int version) {
        return ReportRequestException.notFoundVersion(entity, year, version);
    }
}
