package cn.fazhi.annualreport.document;

import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Keeps the servlet container's multipart limits in line with {@code report.documents.max-size} at start-up: a
 * multipart limit below it would refuse files the application accepts, with a less helpful answer.
 */
@Component
class DocumentUploadLimits {

    DocumentUploadLimits(DocumentProperties documents, MultipartProperties multipart) {
        DataSize maxFileSize = multipart.getMaxFileSize();
        DataSize maxRequestSize = multipart.getMaxRequestSize();
        if (isBelow(maxFileSize, documents.maxSize()) || isBelow(maxRequestSize, documents.maxSize())) {
            throw new IllegalStateException("spring.servlet.multipart.max-file-size (" + maxFileSize
                    + ") and max-request-size (" + maxRequestSize + ") must be at least report.documents.max-size ("
                    + documents.maxSize() + "); see docs/documents.md");
        }
    }

    /** A negative multipart limit means "unlimited". */
    private static boolean isBelow(DataSize limit, DataSize required) {
        return limit.toBytes() >= 0 && limit.toBytes() < required.toBytes();
    }
}
