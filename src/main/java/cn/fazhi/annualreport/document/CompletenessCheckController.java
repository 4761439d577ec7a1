package cn.fazhi.annualreport.document;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** POST /api/completeness-check: the report as text/plain body or as multipart part {@code file}. */
@RestController
class CompletenessCheckController {

    static final String PATH = "/api/completeness-check";

    private final CompletenessChecker checker;

    CompletenessCheckController(CompletenessChecker checker) {
        this.checker = checker;
    }

    @PostMapping(path = PATH, consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    CompletenessReport checkText(InputStream body) throws IOException {
        return checker.check(readAtMost(body), null);
    }

    @PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletenessReport checkFile(@RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidDocumentException("缺少上传文件 file", "The multipart part 'file' is missing or empty");
        }
        try (InputStream in = file.getInputStream()) {
            return checker.check(readAtMost(in), file.getOriginalFilename());
        }
    }

    /** Any other content type: answered with the bilingual 415. */
    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    CompletenessReport otherType() {
        throw new UnsupportedDocumentException("请以 text/plain 或 multipart/form-data（文件字段 file）提交报告",
                "Send the report as text/plain or as multipart/form-data with a part 'file'");
    }

    /** Reads at most 20 MB + 1 byte, so that larger bodies are refused without being held in memory. */
    private static byte[] readAtMost(InputStream in) throws IOException {
        byte[] content = in == null ? new byte[0] : in.readNBytes(DocumentText.MAX_BYTES + 1);
        if (content.length > DocumentText.MAX_BYTES) {
            throw new InvalidDocumentException("报告超过 20 MB", "The report is larger than 20 MB");
        }
        return content;
    }
}
