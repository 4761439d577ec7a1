package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Shown;
import org.springframework.http.HttpStatus;

/** A task call the engine's guard refuses: a task that is gone (404, 409), or a call people may not make (403). */
public final class TaskRefusal extends ApiException {

    private TaskRefusal(HttpStatus status, String zh, String en) {
        super(status, zh, en);
    }

    public static TaskRefusal notFound(String taskId) {
        return new TaskRefusal(HttpStatus.NOT_FOUND, "未找到该任务（或无权查看）：" + shown(taskId),
                "No such task (or you may not see it): " + shown(taskId));
    }

    /** The task was completed before this call reached it: by someone else, or by the caller's own earlier submit. */
    public static TaskRefusal alreadyCompleted() {
        return new TaskRefusal(HttpStatus.CONFLICT,
                "该任务已由他人办理完毕（或您已提交过），无需再次提交，请刷新任务列表",
                "This task has already been completed by someone else (or you submitted it before); there is nothing"
                        + " more to submit. Reload the task list");
    }

    /** The task ended without being completed: the case moved on (a timer, a return) or was cancelled. */
    public static TaskRefusal noLongerOpen() {
        return new TaskRefusal(HttpStatus.CONFLICT,
                "该任务已不在办理中（案件已转至其他环节或已撤销），请刷新任务列表",
                "This task is no longer open (the case moved on or was cancelled). Reload the task list");
    }

    /** The engine's optimistic lock (or a deadlock) refused the call: nothing was saved, the task is still open. */
    public static TaskRefusal changedMeanwhile() {
        return new TaskRefusal(HttpStatus.CONFLICT,
                "该案件刚被他人同时修改，本次提交未保存，请刷新后重新提交",
                "The case was changed by someone else at the same moment; your submission was not saved. Reload and"
                        + " submit again");
    }

    /** What only administrators do (variables, BPMN errors, attachments, renaming, deleting tasks). */
    public static TaskRefusal adminsOnly() {
        return new TaskRefusal(HttpStatus.FORBIDDEN,
                "只有系统管理员可以直接修改任务变量、名称或附件，或以 BPMN 错误、升级事件改变流程；办理任务请提交其表单",
                "Only administrators change a task's variables, name or attachments directly, or steer the process with"
                        + " BPMN errors or escalations; work on a task by submitting its form");
    }

    /** An id as it may be echoed back: printable and short. */
    static String shown(String id) {
        return Shown.value(id);
    }
}
