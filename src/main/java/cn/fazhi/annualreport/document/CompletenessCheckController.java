package cn.fazhi.annualreport.document;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * POST /api/completeness-check: the report as text/plain body, as multipart part {@code file}, or as the five sections
 * of the draft form ({@code {"title": …, "sections": […]}}, checked as the draft task renders them); optional query
 * parameters {@code year} and {@code entity} (the case's reporting year and entity name) add year/entity warnings.
 */
@RestController
class CompletenessCheckController {

    static final String PATH = "/api/completeness-check";

    private final CompletenessChecker checker;
    private final DocumentProperties properties;

    CompletenessCheckController(CompletenessChecker checker, DocumentProperties properties) {
        this.checker = checker;
        this.properties = properties;
    }

    @PostMapping(path = PATH, consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    CompletenessReport checkText(InputStream body, @RequestParam(required = false) Integer year,
                                 @RequestParam(required = false) String entity) throws IOException {
        return checker.check(readAtMost(body), null, new ReportCase(year, entity));
    }

    @PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletenessReport checkFile(@RequestPart(name = "file", required = false) MultipartFile file,
                                 @RequestParam(required = false) Integer year,
                                 @RequestParam(required = false) String entity) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidDocumentException("缺少上传文件 file", "The multipart part 'file' is missing or empty");
        }
        if (file.getSize() > properties.maxSize().toBytes()) {
            throw new DocumentTooLargeException(properties.label());
        }
        try (InputStream in = file.getInputStream()) {
            return checker.check(readAtMost(in), file.getOriginalFilename(), new ReportCase(year, entity));
        }
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    CompletenessReport checkSections(@RequestBody Sections body, @RequestParam(required = false) Integer year,
                                     @RequestParam(required = false) String entity) {
        List<String> sections = body == null || body.sections() == null ? List.of() : body.sections();
        if (sections.stream().allMatch(s -> s == null || s.isBlank())) {
            throw new InvalidDocumentException("报告内容为空", "The report is empty");
        }
        String text = StructuredDraft.render(body.title(), sections);
        if (text.length() > properties.maxSize().toBytes()) {
            throw new DocumentTooLargeException(properties.label());
        }
        return checker.checkWritten(text, new ReportCase(year, entity));
    }

    /** Any other content type: answered with the bilingual 415. */
    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    CompletenessReport otherType() {
        throw new UnsupportedDocumentException(
                "请以 text/plain、multipart/form-data（文件字段 file）或 JSON（sections）提交报告",
                "Send the report as text/plain, as multipart/form-data with a part 'file', or as JSON sections");
    }

    /** Reads at most the limit + 1 byte, so that larger bodies are refused without being held in memory. */
    private byte[] readAtMost(InputStream in) throws IOException {
        int limit = (int) properties.maxSize().toBytes();
        byte[] content = in == null ? new byte[0] : in.readNBytes(limit + 1);
        if (content.length > limit) {
            throw new DocumentTooLargeException(properties.label());
        }
        return content;
    }

    /** The draft form's five sections in statutory order, with the report's title. */
    record Sections(String title, List<String> sections) {
    }
}
