package cn.fazhi.annualreport.calendar;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** The reload endpoint's answer to a malformed holiday file (400): file, line and reason; the old calendar stays. */
final class HolidayFileRejectedException extends ApiException {

    HolidayFileRejectedException(HolidayFileException e) {
        super(HttpStatus.BAD_REQUEST, "节假日文件未被采用，原日历继续有效。" + e.messageZh(),
                "Holiday file refused, the previous calendar stays in force. " + e.getMessage());
    }
}
