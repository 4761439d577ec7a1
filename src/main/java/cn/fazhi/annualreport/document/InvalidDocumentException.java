package cn.fazhi.annualreport.document;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** A report that cannot be checked: empty or too large (400). */
class InvalidDocumentException extends ApiException {

    InvalidDocumentException(String messageZh, String messageEn) {
        super(HttpStatus.BAD_REQUEST, messageZh, messageEn);
    }
}
