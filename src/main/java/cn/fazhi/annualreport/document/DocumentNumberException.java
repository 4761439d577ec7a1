package cn.fazhi.annualreport.document;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** A document number that is malformed (400), taken (409) or unknown (404). */
public class DocumentNumberException extends ApiException {

    private DocumentNumberException(HttpStatus status, String zh, String en) {
        super(status, zh, en);
    }

    static DocumentNumberException malformed(String number) {
        return new DocumentNumberException(HttpStatus.BAD_REQUEST,
                "文号格式不正确：" + number + "（应为 发文机关代字〔年份〕序号号，如 巴政呈〔2026〕12号）",
                "Malformed document number " + number + " (prefix〔year〕sequence号, e.g. 巴政呈〔2026〕12号)");
    }

    static DocumentNumberException taken(String number) {
        return new DocumentNumberException(HttpStatus.CONFLICT, "文号已被使用或已作废，不能再用：" + number,
                "Document number " + number + " is taken or cancelled and cannot be used again");
    }

    static DocumentNumberException unknown(String number) {
        return new DocumentNumberException(HttpStatus.NOT_FOUND, "未找到文号：" + number,
                "Unknown document number " + number);
    }
}
