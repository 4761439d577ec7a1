package cn.fazhi.annualreport.calendar;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** Only members of camunda-admin may reload the holiday data (403). */
final class CalendarAdminOnlyException extends ApiException {

    CalendarAdminOnlyException() {
        super(HttpStatus.FORBIDDEN, "只有系统管理员（camunda-admin 组）可以重新加载节假日数据",
                "Only administrators (group camunda-admin) may reload the holiday data");
    }
}
