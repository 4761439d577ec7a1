package cn.fazhi.annualreport.document;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** A report in a format the checker cannot read: PDF, legacy .doc, other binary files (415). */
class UnsupportedDocumentException extends ApiException {

    UnsupportedDocumentException(String messageZh, String messageEn) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, messageZh, messageEn);
    }
}
