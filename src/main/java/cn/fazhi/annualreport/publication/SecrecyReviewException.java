package cn.fazhi.annualreport.publication;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** A secrecy review submission that cannot be accepted (400), e.g. "publish after deleting content" without the text. */
class SecrecyReviewException extends ApiException {

    SecrecyReviewException(String messageZh, String messageEn) {
        super(HttpStatus.BAD_REQUEST, messageZh, messageEn);
    }
}
