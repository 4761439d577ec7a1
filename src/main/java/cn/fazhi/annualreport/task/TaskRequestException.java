package cn.fazhi.annualreport.task;

import cn.fazhi.annualreport.api.ApiException;
import org.springframework.http.HttpStatus;

/** A task action the rules refuse: unknown or invisible task (404), bad input (400), not yours (403), too late (409). */
class TaskRequestException extends ApiException {

    private TaskRequestException(HttpStatus status, String zh, String en) {
        super(status, zh, en);
    }

    static TaskRequestException notFound(String taskId) {
        return new TaskRequestException(HttpStatus.NOT_FOUND, "未找到该任务（或无权查看）：" + taskId,
                "No such task (or you may not see it): " + taskId);
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

    /** The task was completed before this call reached it: by someone else, or by the caller's own earlier submit. */
    static TaskRequestException alreadyCompleted() {
        return new TaskRequestException(HttpStatus.CONFLICT,
                "该任务已由他人办理完毕（或您已提交过），无需再次提交，请刷新任务列表",
                "This task has already been completed by someone else (or you submitted it before); there is nothing"
                        + " more to submit. Reload the task list");
    }

    /** The task ended without being completed: the case moved on (a timer, a return) or was cancelled. */
    static TaskRequestException noLongerOpen() {
        return new TaskRequestException(HttpStatus.CONFLICT,
                "该任务已不在办理中（案件已转至其他环节或已撤销），请刷新任务列表",
                "This task is no longer open (the case moved on or was cancelled). Reload the task list");
    }

    /** The engine's optimistic lock (or a deadlock) refused the call: nothing was saved, the task is still open. */
    static TaskRequestException changedMeanwhile() {
        return new TaskRequestException(HttpStatus.CONFLICT,
                "该案件刚被他人同时修改，本次提交未保存，请刷新后重新提交",
                "The case was changed by someone else at the same moment; your submission was not saved. Reload and"
                        + " submit again");
    }

    static TaskRequestException conflict(String zh, String en) {
        return new TaskRequestException(HttpStatus.CONFLICT, zh, en);
    }
}
