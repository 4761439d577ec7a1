package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Shown;
import org.springframework.http.HttpStatus;

/** No entity has the code asked for (404). */
class EntityNotFoundException extends ApiException {

    private EntityNotFoundException(String code) {
        super(HttpStatus.NOT_FOUND, "未知的报告单位：" + Shown.value(code), "Unknown reporting entity: " + Shown.value(code));
    }

    static EntityNotFoundException of(String code) {
        return new EntityNotFoundException(code);
    }
}
