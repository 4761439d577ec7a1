package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.ApiException;
import cn.fazhi.annualreport.api.Shown;
import org.springframework.http.HttpStatus;

/** A call the engine's guards refuse: a task that is gone (404, 409), or a call people may not make (403). */
public final class GuardRefusal extends ApiException {

    private GuardRefusal(HttpStatus status, String zh, String en) {
        super(status, zh, en);
    }

    public static GuardRefusal notFound(String taskId) {
        return new GuardRefusal(HttpStatus.NOT_FOUND, "未找到该任务（或无权查看）：" + shown(taskId),
                "No such task (or you may not see it): " + shown(taskId));
    }

    /** The task was completed before this call reached it: by someone else, or by the caller's own earlier submit. */
    public static GuardRefusal alreadyCompleted() {
        return new GuardRefusal(HttpStatus.CONFLICT,
                "该任务已由他人办理完毕（或您已提交过），无需再次提交，请刷新任务列表",
                "This task has already been completed by someone else (or you submitted it before); there is nothing"
                        + " more to submit. Reload the task list");
    }

    /** The task ended without being completed: the case moved on (a timer, a return) or was cancelled. */
    public static GuardRefusal noLongerOpen() {
        return new GuardRefusal(HttpStatus.CONFLICT,
                "该任务已不在办理中（案件已转至其他环节或已撤销），请刷新任务列表",
                "This task is no longer open (the case moved on or was cancelled). Reload the task list");
    }

    /** The engine's optimistic lock (or a deadlock) refused the call: nothing was saved, the task is still open. */
    public static GuardRefusal changedMeanwhile() {
        return new GuardRefusal(HttpStatus.CONFLICT,
                "该案件刚被他人同时修改，本次提交未保存，请刷新后重新提交",
                "The case was changed by someone else at the same moment; your submission was not saved. Reload and"
                        + " submit again");
    }

    /** What only administrators do (variables, BPMN errors, attachments, renaming, deleting tasks). */
    public static GuardRefusal adminsOnly() {
        return new GuardRefusal(HttpStatus.FORBIDDEN,
                "只有系统管理员可以直接修改任务变量、名称或附件，或以 BPMN 错误、升级事件改变流程；办理任务请提交其表单",
                "Only administrators change a task's variables, name or attachments directly, or steer the process with"
                        + " BPMN errors or escalations; work on a task by submitting its form");
    }

    /** A case started anywhere but at its start event, or with its listeners skipped: administrators only. */
    public static GuardRefusal startAtKickoffOnly() {
        return new GuardRefusal(HttpStatus.FORBIDDEN,
                "案件只能通过启动表单（启动事件）发起；从流程中间环节启动或跳过监听器只限系统管理员",
                "A case starts at its start event through its start form; starting at another step or skipping its"
                        + " listeners is for administrators only");
    }

    /** Listeners or mappings skipped at a start without instructions: Camunda cannot do that (400). */
    public static GuardRefusal skippingWithoutInstructions() {
        return new GuardRefusal(HttpStatus.BAD_REQUEST, "只有在指定启动环节时才能跳过监听器或输入映射",
                "Listeners and input mappings can only be skipped when the start names the activities to start at");
    }

    /** A REVOKE authorization: the application only grants, and the engine does not check revokes (400). */
    public static GuardRefusal revokeNotUsed() {
        return new GuardRefusal(HttpStatus.BAD_REQUEST,
                "本系统只使用授予（GRANT）授权，不支持撤销（REVOKE）授权：请删除或收窄相应的授予授权",
                "This system uses GRANT authorizations only, not REVOKE: delete or narrow the grant instead");
    }

    public static GuardRefusal caseNotFound(String id) {
        return new GuardRefusal(HttpStatus.NOT_FOUND, "未找到该案件（或无权查看）：" + shown(id),
                "No such case (or you may not see it): " + shown(id));
    }

    /** A task query conditioned on a variable that not every task list shows (403). */
    public static GuardRefusal unlistedVariableCondition(String name, java.util.Set<String> listed) {
        return new GuardRefusal(HttpStatus.FORBIDDEN, "只能按" + String.join("、", new java.util.TreeSet<>(listed))
                + "筛选任务，不能按“" + shown(name) + "”筛选",
                "Tasks can only be filtered by " + new java.util.TreeSet<>(listed) + ", not by '" + shown(name) + "'");
    }

    /** An id as it may be echoed back: printable and short. */
    static String shown(String id) {
        return Shown.value(id);
    }
}
