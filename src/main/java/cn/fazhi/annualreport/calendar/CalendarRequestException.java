package cn.fazhi.annualreport.calendar;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** A calendar question the API cannot answer: a bad date, year or number of days (400). */
final class CalendarRequestException extends ApiException {

    CalendarRequestException(String messageZh, String messageEn) {
        super(HttpStatus.BAD_REQUEST, messageZh, messageEn);
    }
}
