package cn.fazhi.annualreport.api;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A request the application refuses, with an HTTP status and a message in Chinese and English. */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String messageZh;

    protected ApiException(HttpStatus status, String messageZh, String messageEn) {
        super(messageEn);
        this.status = status;
        this.messageZh = messageZh;
    }

    public HttpStatus status() {
        return status;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return getMessage();
    }

    /** Further bilingual lines for the error body, e.g. one per bad line of an imported file. */
    public List<String> details() {
        return List.of();
    }
}
