package cn.fazhi.annualreport.document;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** A report in a format the application does not accept: legacy .doc, executables and other binary files (415). */
class UnsupportedDocumentException extends ApiException {

    UnsupportedDocumentException(String messageZh, String messageEn) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, messageZh, messageEn);
    }
}
