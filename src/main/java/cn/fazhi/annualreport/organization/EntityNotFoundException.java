package cn.fazhi.annualreport.organization;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** No entity has the code asked for (404). */
class EntityNotFoundException extends ApiException {

    private EntityNotFoundException(String code) {
        super(HttpStatus.NOT_FOUND, "未知的报告单位：" + code, "Unknown reporting entity: " + code);
    }

    static EntityNotFoundException of(String code) {
        return new EntityNotFoundException(code);
    }
}
