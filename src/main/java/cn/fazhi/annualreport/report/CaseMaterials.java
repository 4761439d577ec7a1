package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.deadline.Milestone;
import cn.fazhi.annualreport.material.DepartmentMaterials;
import cn.fazhi.annualreport.material.MaterialVersion;
import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.PersonNames;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.organization.Role;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.Beijing;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * The departments' material of a government's case as people see it: for each contributing department its state
 * (submitted, submitted late, open, overdue, missing) and its latest version with who submitted it and when. Who sees
 * which department is decided here: the case's readers see all; a department's own people see their department only.
 */
@Service
class CaseMaterials {

    private final DepartmentMaterials materials;
    private final HistoryService historyService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final EntityRegistry registry;
    private final PersonNames names;

    CaseMaterials(DepartmentMaterials materials, HistoryService historyService, TaskService taskService,
                  IdentityService identityService, EntityRegistry registry, PersonNames names) {
        this.materials = materials;
        this.historyService = historyService;
        this.taskService = taskService;
        this.identityService = identityService;
        this.registry = registry;
        this.names = names;
    }

    /** Each contributing department's material of the case, in the order the case lists them. */
    List<DepartmentMaterial> of(String processInstanceId, String entity, int year) {
        return SystemCall.run(identityService, () -> {
            Map<String, Object> vars = variables(processInstanceId);
            Map<String, MaterialVersion> latest = materials.latest(processInstanceId);
            Map<String, Task> open = openTasks(processInstanceId);
            Date deadline = (Date) vars.get(Milestone.MATERIALS.variable());
            Date now = ClockUtil.getCurrentTime();
            List<DepartmentMaterial> out = new ArrayList<>();
            for (String department : departments(vars)) {
                MaterialVersion last = latest.get(department);
                Task task = open.get(department);
                Status status;
                if (last != null) {
                    status = last.late() ? Status.LATE : Status.SUBMITTED;
                } else if (task != null) {
                    Date due = task.getDueDate() != null ? task.getDueDate() : deadline;
                    status = due != null && now.after(due) ? Status.OVERDUE : Status.OPEN;
                } else {
                    status = Status.MISSING;
                }
                out.add(new DepartmentMaterial(department, departmentName(department), status, status.zh,
                        deadline == null ? null : deadline.toInstant().atZone(Beijing.ZONE).toLocalDate(),
                        last == null ? 0 : last.version(), last == null ? null : view(entity, year, last)));
            }
            return out;
        });
    }

    /** Every version of one department's material, newest first. */
    List<Version> versions(String processInstanceId, String entity, int year, String department) {
        return materials.versions(processInstanceId, department).stream().map(v -> view(entity, year, v)).toList();
    }

    /** The contributing departments of the case. */
    List<String> departments(String processInstanceId) {
        return SystemCall.run(identityService, () -> departments(variables(processInstanceId)));
    }

    /**
     * The case's departments whose material the caller may see as one of the department's own people (its
     * contributors or its owners), without reading the case.
     */
    List<String> ownDepartments(String processInstanceId, Authentication caller) {
        if (caller == null || caller.getGroupIds() == null) {
            return List.of();
        }
        Set<String> groups = Set.copyOf(caller.getGroupIds());
        return departments(processInstanceId).stream()
                .filter(d -> groups.contains(Role.CONTRIBUTOR.groupId(d)) || groups.contains(Role.OWNER.groupId(d)))
                .toList();
    }

    /** Whether the caller is a contributor of the department (may hand in its material). */
    static boolean contributes(Authentication caller, String department) {
        return caller != null && caller.getGroupIds() != null
                && caller.getGroupIds().contains(Role.CONTRIBUTOR.groupId(department));
    }

    /** The department's open material task in the case, if there is one. */
    Task openTask(String processInstanceId, String department) {
        return SystemCall.run(identityService, () -> openTasks(processInstanceId).get(department));
    }

    String departmentName(String code) {
        return registry.find(code).map(ReportingEntity::name).orElse(code);
    }

    /**
     * A short Markdown table of the departments' material for the reviewers' forms (a few lines per department, the
     * texts behind links), at most {@code limit} characters.
     */
    String overview(String processInstanceId, String entity, int year, int limit) {
        List<DepartmentMaterial> all = of(processInstanceId, entity, year);
        if (all.isEmpty()) {
            return "";
        }
        long missing = all.stream().filter(m -> m.latest() == null).count();
        StringBuilder s = new StringBuilder("#### 部门材料\n\n");
        s.append(all.size()).append("个部门应报送材料，").append(all.size() - missing).append("个已报送");
        if (missing > 0) {
            s.append("，").append(missing).append("个未报送");
        }
        s.append("。\n\n| 部门 | 情况 | 报送人 | 报送时间 | 材料 |\n|---|---|---|---|---|\n");
        int shown = 0;
        for (DepartmentMaterial m : all) {
            Version v = m.latest();
            String row = "| " + cell(m.departmentName()) + " | " + m.statusZh() + " | "
                    + (v == null ? "" : cell(v.submittedByName())) + " | "
                    + (v == null ? "" : v.submittedAt().toLocalDate() + " " + v.submittedAt().toLocalTime()
                    .withSecond(0).withNano(0)) + " | "
                    + (v == null ? "" : "[第" + v.version() + "版全文](" + v.textHref() + ")"
                    + (v.attachment() == null ? "" : " [附件](" + v.attachment().href() + ")")) + " |\n";
            if (s.length() + row.length() > limit - 80) {
                s.append("\n另有").append(all.size() - shown).append("个部门未列出，详见案件的部门材料列表。\n");
                return s.toString();
            }
            s.append(row);
            shown++;
        }
        return s.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "｜").replace("\n", " ");
    }

    private Version view(String entity, int year, MaterialVersion v) {
        String base = "/api/reports/" + entity + "/" + year + "/materials/" + v.department() + "/" + v.version();
        return new Version(v.version(), v.summary(), v.contact(), v.submittedBy(), names.of(v.submittedBy()),
                v.submittedAt(), v.late(), base + "/text", v.hasAttachment()
                ? new Attachment(v.fileName(), v.mediaType(), v.sizeBytes(), v.sha256(), base + "/attachment")
                : null);
    }

    private Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> vars = new HashMap<>();
        for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId)
                .variableNameIn(VAR_CONTRIBUTING_DEPARTMENTS, Milestone.MATERIALS.variable()).list()) {
            vars.put(v.getName(), v.getValue());
        }
        return vars;
    }

    private static List<String> departments(Map<String, Object> vars) {
        return vars.get(VAR_CONTRIBUTING_DEPARTMENTS) instanceof Collection<?> c
                ? c.stream().map(String::valueOf).toList() : List.of();
    }

    private Map<String, Task> openTasks(String processInstanceId) {
        Map<String, Task> out = new HashMap<>();
        for (Task t : taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(TASK_SUBMIT_MATERIAL).list()) {
            if (taskService.getVariable(t.getId(), VAR_DEPARTMENT) instanceof String d) {
                out.put(d, t);
            }
        }
        return out;
    }

    /** Where a department stands with its material. */
    enum Status {
        SUBMITTED("已报送"), LATE("逾期报送"), OPEN("待报送"), OVERDUE("逾期未报"), MISSING("未报送");

        private final String zh;

        Status(String zh) {
            this.zh = zh;
        }
    }

    /** One department's material in a case: its state and its latest version (null if none). */
    record DepartmentMaterial(String department, String departmentName, Status status, String statusZh,
                              LocalDate deadline, int versions, Version latest) {
    }

    /** One version as people see it, with its full text and where to read and download it. */
    record Version(int version, String summary, String contact, String submittedBy, String submittedByName,
                   OffsetDateTime submittedAt, boolean late, String textHref, Attachment attachment) {
    }

    /** A version's attachment and where to download it. */
    record Attachment(String fileName, String mediaType, Long sizeBytes, String sha256, String href) {
    }
}
