package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.document.DocumentVersion;
import cn.fazhi.annualreport.document.DraftView;
import cn.fazhi.annualreport.organization.PersonNames;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletResponse;
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
 * (the file), {@code …/documents/{version}/view} (the same, to read in the browser). Only for callers who may read the
 * case, as the engine decides; 404 for everybody else.
 */
@RestController
@RequestMapping("/api/reports/{entity}/{year}/documents")
class ReportDocumentController {

    private final ReportCaseQuery query;
    /** Nothing may load or run in a draft rendered as HTML; inline styles only. */
    static final String VIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; "
            + "base-uri 'none'; form-action 'none'; sandbox";

    /** A PDF in the browser's own viewer, a plugin the strict policy (object-src 'none') would block. */
    static final String PDF_POLICY = "default-src 'none'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
            + "form-action 'none'";

    private final ReportDocuments documents;
    private final PersonNames names;

    ReportDocumentController(ReportCaseQuery query, ReportDocuments documents, PersonNames names) {
        this.query = query;
        this.documents = documents;
        this.names = names;
    }

    /** A version with the name of who submitted it. */
    record VersionView(@JsonUnwrapped DocumentVersion version, String createdByName) {
    }

    @GetMapping
    List<VersionView> versions(@PathVariable String entity, @PathVariable int year) {
        return documents.versions(query.visibleCase(entity, year).getId()).stream()
                .map(v -> new VersionView(v, names.of(v.createdBy()))).toList();
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

    /**
     * A version to read in the browser's window ({@code inline}), for the reviewers: a PDF as it is, text as UTF-8
     * text, a .docx as an HTML page of its paragraphs and tables ({@link DraftView}); the same read rule as the file.
     */
    @GetMapping("/{version}/view")
    ResponseEntity<byte[]> view(@PathVariable String entity, @PathVariable int year, @PathVariable int version,
                                HttpServletResponse response) {
        String caseId = query.visibleCase(entity, year).getId();
        StoredDocument file = documents.content(caseId, version)
                .orElseThrow(() -> noSuchVersion(entity, year, version));
        DraftView view = documents.view(caseId, version).orElseThrow(() -> noSuchVersion(entity, year, version));
        if (view.html()) {
            // replaces the strict policy of every /api answer (security.SecurityHeadersFilter): styles, nothing else
            response.setHeader("Content-Security-Policy", VIEW_POLICY);
        } else if ("application/pdf".equals(view.mediaType())) {
            response.setHeader("Content-Security-Policy", PDF_POLICY);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(view.mediaType()))
                .contentLength(view.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, inline(file, view, entity, year))
                .body(view.content());
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

    /** {@code inline; filename=…}, the name ending as what is shown: .html for a rendered .docx, .txt for an OFD's text. */
    static String inline(StoredDocument file, DraftView view, String entity, int year) {
        String name = file.fileName();
        String shownAs = view.html() ? ".html" : view.mediaType().startsWith("text/plain")
                && !name.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(txt|md)$") ? ".txt" : "";
        StoredDocument named = new StoredDocument(file.version(), name + shownAs, file.mediaType(), file.content(),
                file.sha256());
        return attachment(named, entity, year).replaceFirst("^attachment", "inline");
    }

    private static ReportRequestException noSuchVersion(String entity, int year, int version) {
        return ReportRequestException.notFoundVersion(entity, year, version);
    }
}
