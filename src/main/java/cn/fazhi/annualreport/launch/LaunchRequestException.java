package cn.fazhi.annualreport.launch;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Shown;
import org.springframework.http.HttpStatus;

/** A launch request the application refuses: not an administrator (403), a bad year or body (400), no such launch (404). */
final class LaunchRequestException extends ApiException {

    private LaunchRequestException(HttpStatus status, String zh, String en) {
        super(status, zh, en);
    }

    static LaunchRequestException adminOnly() {
        return new LaunchRequestException(HttpStatus.FORBIDDEN,
                "只有系统管理员（camunda-admin 组）可以批量发起年度报告案件或查看发起记录",
                "Only administrators (group camunda-admin) may launch the annual cases or see the launches");
    }

    static LaunchRequestException invalid(String zh, String en) {
        return new LaunchRequestException(HttpStatus.BAD_REQUEST, zh, en);
    }

    static LaunchRequestException notFound(String id) {
        return new LaunchRequestException(HttpStatus.NOT_FOUND, "未找到发起记录：" + Shown.value(id),
                "No launch " + Shown.value(id));
    }
}
