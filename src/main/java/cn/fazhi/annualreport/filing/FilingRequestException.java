package cn.fazhi.annualreport.filing;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Bilingual;
import cn.fazhi.annualreport.api.Shown;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A filing submission or request the rules refuse: a receipt or exemption incomplete or malformed (400, one line per
 * problem in both languages), an addressee the case does not have (404), a package asked for before issuance (409).
 */
public class FilingRequestException extends ApiException {

    private final List<Bilingual> details;

    private FilingRequestException(HttpStatus status, String zh, String en, List<Bilingual> details) {
        super(status, zh, en);
        this.details = List.copyOf(details);
    }

    static FilingRequestException invalid(List<String> zh, List<String> en) {
        List<Bilingual> details = new java.util.ArrayList<>();
        for (int i = 0; i < zh.size(); i++) {
            details.add(new Bilingual(zh.get(i), en.get(i)));
        }
        return new FilingRequestException(HttpStatus.BAD_REQUEST, "报送登记有误：" + String.join("；", zh),
                "Invalid filing record: " + String.join("; ", en), details);
    }

    public static FilingRequestException noSuchAddressee(String recipient) {
        return new FilingRequestException(HttpStatus.NOT_FOUND, "本案件没有这个报送（抄送）对象：" + Shown.value(recipient),
                "The case is not filed with " + Shown.value(recipient), List.of());
    }

    public static FilingRequestException notIssued() {
        return new FilingRequestException(HttpStatus.CONFLICT, "报告尚未签发（没有文号），暂无报送材料",
                "The report has not been issued (no document number): there is no filing package yet", List.of());
    }

    static FilingRequestException noFilingRecord(String recipient) {
        return new FilingRequestException(HttpStatus.CONFLICT, "没有向" + recipient + "报送的记录，不能补录回执",
                "Nothing was recorded as filed with " + recipient + ": no receipt can be added", List.of());
    }

    @Override
    public List<Bilingual> details() {
        return details;
    }
}
