package cn.fazhi.annualreport.supervision;

import cn.fazhi.annualreport.api.Shown;
import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Finds the case of a task the caller sees (the engine decides), and who issues the caller's 通报. */
@Component
class CaseLookup {

    private final TaskService taskService;
    private final HistoryService historyService;
    private final JdbcTemplate jdbc;
    private final EntityRegistry registry;
    private final EntityAccess access;

    CaseLookup(TaskService taskService, HistoryService historyService, JdbcTemplate jdbc, EntityRegistry registry,
               EntityAccess access) {
        this.access = access;
        this.taskService = taskService;
        this.historyService = historyService;
        this.jdbc = jdbc;
        this.registry = registry;
    }

    CaseRef ofTask(Viewer viewer, String taskId) {
        String processInstanceId = null;
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task != null) {
            processInstanceId = task.getProcessInstanceId();
        } else {
            try {
                HistoricTaskInstance done = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
                processInstanceId = done == null ? null : done.getProcessInstanceId();
            } catch (org.camunda.bpm.engine.AuthorizationException e) {
                processInstanceId = null;
            }
        }
        String id = processInstanceId;
        List<CaseRef> found = id == null ? List.of() : jdbc.query("SELECT entity_code, reporting_year FROM case_progress"
                + " WHERE process_instance_id = ?", (rs, i) -> new CaseRef(rs.getString(1), rs.getInt(2),
                "/desk/case.html?entity=" + rs.getString(1) + "&year=" + rs.getInt(2)), id);
        if (found.isEmpty()) {
            throw SupervisionException.notFound("未找到该待办事项：" + Shown.value(taskId), "No such task: " + Shown.value(taskId));
        }
        try {
            access.readable(viewer, found.get(0).entity());
        } catch (SupervisionException e) {
            // a department's contributor sees its material task, not the county's case
            throw SupervisionException.notFound("您可以办理该待办事项，但无权查看它所属的案件",
                    "You may work on this task but not read its case");
        }
        return found.get(0);
    }

    /**
     * The issuing office of the caller's 通报: the supervising office (依法治X办) of the highest government the caller
     * owns; a placeholder to fill in for administrators and people who own no government.
     */
    String issuer(Viewer viewer) {
        return viewer.owners().stream().map(registry::find).flatMap(Optional::stream)
                .filter(ReportingEntity::isGovernment)
                .min(Comparator.comparingInt(e -> registry.ancestorsOf(e).size()))
                .map(e -> e.supervisingOffice() == null || e.supervisingOffice().isBlank() ? e.name() : e.supervisingOffice())
                .orElse("（发文机关）");
    }

    /** A case: entity and year, and its page on the desk. */
    record CaseRef(String entity, int year, String href) {
    }
}
