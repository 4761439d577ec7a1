package cn.fazhi.annualreport.document;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** A report file above the configured limit ({@code report.documents.max-size}): 413, nothing stored. */
class DocumentTooLargeException extends ApiException {

    DocumentTooLargeException(String limit) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, "报告文件超过" + limit + "的上限", "The report file is larger than " + limit);
    }
}
