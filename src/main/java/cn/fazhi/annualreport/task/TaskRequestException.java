package cn.fazhi.annualreport.task;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Shown;
import org.springframework.http.HttpStatus;

/** A task action the rules refuse: unknown or invisible task (404), bad input (400), not yours (403), too late (409). */
class TaskRequestException extends ApiException {

    private TaskRequestException(HttpStatus status, String zh, String en) {
        super(status, zh, en);
    }

    static TaskRequestException notFound(String taskId) {
        return new TaskRequestException(HttpStatus.NOT_FOUND, "未找到该任务（或无权查看）：" + Shown.value(taskId),
                "No such task (or you may not see it): " + Shown.value(taskId));
    }

    static TaskRequestException alreadyClaimed() {
        return new TaskRequestException(HttpStatus.CONFLICT, "任务已被他人认领", "The task was claimed by someone else");
    }

    static TaskRequestException invalid(String zh, String en) {
        return new TaskRequestException(HttpStatus.BAD_REQUEST, zh, en);
    }

    static TaskRequestException forbidden(String zh, String en) {
        return new TaskRequestException(HttpStatus.FORBIDDEN, zh, en);
    }



    static TaskRequestException conflict(String zh, String en) {
        return new TaskRequestException(HttpStatus.CONFLICT, zh, en);
    }
}
