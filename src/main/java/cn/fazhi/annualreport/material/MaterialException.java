package cn.fazhi.annualreport.material;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** A department's material that cannot be accepted as sent (400), or not now (409). */
public class MaterialException extends ApiException {

    private MaterialException(HttpStatus status, String messageZh, String messageEn) {
        super(status, messageZh, messageEn);
    }

    static MaterialException invalid(String messageZh, String messageEn) {
        return new MaterialException(HttpStatus.BAD_REQUEST, messageZh, messageEn);
    }

    public static MaterialException conflict(String messageZh, String messageEn) {
        return new MaterialException(HttpStatus.CONFLICT, messageZh, messageEn);
    }
}
