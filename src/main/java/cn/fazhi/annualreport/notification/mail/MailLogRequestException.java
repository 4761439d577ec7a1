package cn.fazhi.annualreport.notification.mail;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** A mail-log request the API refuses (400 for a bad parameter), in Chinese and English. */
public class MailLogRequestException extends ApiException {

    private MailLogRequestException(HttpStatus status, String messageZh, String messageEn) {
        super(status, messageZh, messageEn);
    }

    static MailLogRequestException badParameter(String zh, String en) {
        return new MailLogRequestException(HttpStatus.BAD_REQUEST, zh, en);
    }

    static MailLogRequestException unauthenticated() {
        return new MailLogRequestException(HttpStatus.UNAUTHORIZED, "请先登录", "Authentication required");
    }
}
