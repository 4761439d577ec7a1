package cn.fazhi.annualreport.document;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Bilingual;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A report or draft submission that cannot be accepted as sent: empty, without text, or incomplete (400). */
class InvalidDocumentException extends ApiException {

    private final List<Bilingual> details;

    InvalidDocumentException(String messageZh, String messageEn) {
        this(messageZh, messageEn, List.of());
    }

    InvalidDocumentException(String messageZh, String messageEn, List<Bilingual> details) {
        super(HttpStatus.BAD_REQUEST, messageZh, messageEn);
        this.details = List.copyOf(details);
    }

    @Override
    public List<Bilingual> details() {
        return details;
    }
}
