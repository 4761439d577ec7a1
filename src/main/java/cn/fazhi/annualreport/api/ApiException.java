package cn.fazhi.annualreport.api;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.springframework.http.HttpStatus;

/**
 * A request the application refuses, with an HTTP status and a message in Chinese and English. Thrown inside the
 * engine (a check in a delegate, listener or task guard), it is what the engine calls a bad user request: logged at
 * debug level, not as an error, and answered by the REST API with a 4xx ({@link Refusals}).
 */
public abstract class ApiException extends BadUserRequestException {

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

    /** Further lines for the error body in both languages, e.g. one per bad line of an imported file. */
    public List<Bilingual> details() {
        return List.of();
    }
}
