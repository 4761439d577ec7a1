package cn.fazhi.annualreport.form;

import cn.fazhi.annualreport.api.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A form submission that breaks its form's rules; {@link #violations()} lists each field's problem. */
public class FormValidationException extends ApiException {

    private final List<String> violations;

    FormValidationException(List<String> violationsZh, List<String> violationsEn) {
        super(HttpStatus.BAD_REQUEST, "表单填写有误：" + String.join("；", violationsZh),
                "Invalid form submission: " + String.join("; ", violationsEn));
        this.violations = List.copyOf(violationsZh);
    }

    public List<String> violations() {
        return violations;
    }
}
