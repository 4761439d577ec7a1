package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** A desk request the rules refuse: a bad filter (400), a case or region the caller cannot see (404), 催办 too soon (429). */
class SupervisionException extends ApiException {

    SupervisionException(HttpStatus status, String zh, String en) {
        super(status, zh, en);
    }

    static SupervisionException invalid(String zh, String en) {
        return new SupervisionException(HttpStatus.BAD_REQUEST, zh, en);
    }

    static SupervisionException notFound(String zh, String en) {
        return new SupervisionException(HttpStatus.NOT_FOUND, zh, en);
    }
}
