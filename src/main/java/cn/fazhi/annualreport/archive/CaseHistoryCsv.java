package cn.fazhi.annualreport.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;

/**
 * The case's history from the engine as one CSV timeline: every step the case went through (活动实例: start, end,
 * assignee, completed or cancelled) and every operation people performed on its tasks (完成, 认领, 转办, 委派 … with the
 * user and time, from the user operation log). Sorted by time.
 */
final class CaseHistoryCsv {

    static final List<String> HEADER = List.of("时间", "记录类型", "环节ID", "环节名称", "类型或操作", "开始时间",
            "结束时间", "人员", "任务ID", "状态或内容");

    private static final Map<String, String> ACTIVITY_TYPES = Map.ofEntries(
            Map.entry("startEvent", "开始事件"), Map.entry("noneEndEvent", "结束事件"),
            Map.entry("userTask", "用户任务"), Map.entry("serviceTask", "服务任务"),
            Map.entry("exclusiveGateway", "排他网关"), Map.entry("parallelGateway", "并行网关"),
            Map.entry("multiInstanceBody", "多实例"), Map.entry("boundaryTimer", "计时器边界事件"));

    private static final Map<String, String> OPERATIONS = Map.ofEntries(
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_COMPLETE, "完成"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_CLAIM, "认领"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_ASSIGN, "指派（转办）"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELEGATE, "委派"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_RESOLVE, "办结委派"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_SET_OWNER, "设置所有人"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_CREATE, "创建"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_UPDATE, "更新"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_ADD_USER_LINK, "添加人员"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELETE_USER_LINK, "移除人员"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_ADD_GROUP_LINK, "添加候选组"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_DELETE_GROUP_LINK, "移除候选组"),
            Map.entry(UserOperationLogEntry.OPERATION_TYPE_ADD_ATTACHMENT, "添加附件"));

    private CaseHistoryCsv() {
    }

    private record Row(Date at, int order, List<String> cells) {
    }

    /** The timeline; {@code person} shows a user id as the person's name with the id. */
    static byte[] build(HistoryService history, String processInstanceId, Function<String, String> person) {
        Map<String, HistoricTaskInstance> tasks = new HashMap<>();
        history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).list()
                .forEach(t -> tasks.put(t.getId(), t));
        List<Row> rows = new ArrayList<>();
        int order = 0;
        for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).orderPartiallyByOccurrence().asc().list()) {
            String state = a.getEndTime() == null ? "进行中" : a.isCanceled() ? "已取消" : "已完成";
            HistoricTaskInstance task = a.getTaskId() == null ? null : tasks.get(a.getTaskId());
            String name = task != null && task.getName() != null ? task.getName() : a.getActivityName();
            rows.add(new Row(a.getStartTime(), order++, List.of(Csv.time(a.getStartTime()), "环节",
                    a.getActivityId(), nz(name), ACTIVITY_TYPES.getOrDefault(a.getActivityType(), a.getActivityType()),
                    Csv.time(a.getStartTime()), Csv.time(a.getEndTime()), nz(person.apply(a.getAssignee())), nz(a.getTaskId()),
                    state)));
        }
        Map<String, List<UserOperationLogEntry>> operations = new LinkedHashMap<>();
        for (UserOperationLogEntry e : history.createUserOperationLogQuery().processInstanceId(processInstanceId)
                .orderByTimestamp().asc().list()) {
            operations.computeIfAbsent(e.getOperationId(), k -> new ArrayList<>()).add(e);
        }
        for (List<UserOperationLogEntry> entries : operations.values()) {
            UserOperationLogEntry e = entries.get(0);
            HistoricTaskInstance task = e.getTaskId() == null ? null : tasks.get(e.getTaskId());
            List<String> changes = new ArrayList<>();
            for (UserOperationLogEntry change : entries) {
                // "delete=true" of a completion says nothing the operation does not
                if (change.getProperty() != null && change.getNewValue() != null
                        && !"delete".equals(change.getProperty())) {
                    changes.add(change.getProperty() + "=" + change.getNewValue());
                }
            }
            rows.add(new Row(e.getTimestamp(), order++, List.of(Csv.time(e.getTimestamp()), "操作",
                    task == null ? nz(e.getEntityType()) : nz(task.getTaskDefinitionKey()),
                    task == null ? "" : nz(task.getName()),
                    OPERATIONS.getOrDefault(e.getOperationType(), e.getOperationType()), "", "", nz(person.apply(e.getUserId())),
                    nz(e.getTaskId()), String.join("；", changes))));
        }
        rows.sort(Comparator.comparing((Row r) -> r.at() == null ? new Date(Long.MAX_VALUE) : r.at())
                .thenComparingInt(Row::order));
        return Csv.write(HEADER, rows.stream().map(Row::cells).toList());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
