package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.api.Downloads;
import cn.fazhi.annualreport.deadline.Milestone;
import cn.fazhi.annualreport.document.ReportDocuments;
import cn.fazhi.annualreport.material.DepartmentMaterials;
import cn.fazhi.annualreport.material.MaterialException;
import cn.fazhi.annualreport.material.MaterialSubmission;
import cn.fazhi.annualreport.security.SystemCall;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The departments' material of a case (部门材料): {@code GET /api/reports/{entity}/{year}/materials} (each department's
 * state and latest version), {@code …/materials/{department}} (its versions), {@code …/{version}/text} and
 * {@code …/{version}/attachment}; {@code POST …/materials/{department}} hands in a correction or a late material while
 * the report is being drafted. The case's readers see every department; a department's contributors and owners see
 * their own department only; everybody else gets the same 404 as for a case that does not exist.
 * {@code GET /api/tasks/{id}/material} gives a material task's form its case, department and earlier versions.
 */
@RestController
class MaterialController {

    private final ReportCaseQuery query;
    private final CaseMaterials caseMaterials;
    private final DepartmentMaterials materials;
    private final ReportDocuments documents;
    private final HistoryService historyService;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final IdentityService identityService;

    MaterialController(ReportCaseQuery query, CaseMaterials caseMaterials, DepartmentMaterials materials,
                       ReportDocuments documents, HistoryService historyService, RuntimeService runtimeService,
                       TaskService taskService, IdentityService identityService) {
        this.query = query;
        this.caseMaterials = caseMaterials;
        this.materials = materials;
        this.documents = documents;
        this.historyService = historyService;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.identityService = identityService;
    }

    @GetMapping("/api/reports/{entity}/{year}/materials")
    List<CaseMaterials.DepartmentMaterial> list(@PathVariable String entity, @PathVariable int year) {
        Access access = access(entity, year);
        return caseMaterials.of(access.processInstanceId(), entity, year).stream()
                .filter(m -> access.sees(m.department())).toList();
    }

    @GetMapping("/api/reports/{entity}/{year}/materials/{department}")
    List<CaseMaterials.Version> versions(@PathVariable String entity, @PathVariable int year,
                                         @PathVariable String department) {
        Access access = access(entity, year).requireSees(entity, year, department);
        return caseMaterials.versions(access.processInstanceId(), entity, year, department);
    }

    /** A version as plain text: who, when, contact, then the text, to read in the browser or print. */
    @GetMapping("/api/reports/{entity}/{year}/materials/{department}/{version}/text")
    ResponseEntity<String> text(@PathVariable String entity, @PathVariable int year, @PathVariable String department,
                                @PathVariable int version) {
        Access access = access(entity, year).requireSees(entity, year, department);
        CaseMaterials.Version v = caseMaterials.versions(access.processInstanceId(), entity, year, department).stream()
                .filter(x -> x.version() == version).findFirst()
                .orElseThrow(() -> ReportRequestException.notFoundMaterial(entity, year, department, version));
        String text = caseMaterials.departmentName(department) + " 部门材料 第" + v.version() + "版\n"
                + "报送人：" + v.submittedByName() + "  报送时间：" + v.submittedAt().toLocalDate() + " "
                + v.submittedAt().toLocalTime().withNano(0) + (v.late() ? "（逾期报送）" : "") + "\n"
                + "联系人及电话：" + v.contact() + "\n"
                + (v.attachment() == null ? "" : "附件：" + v.attachment().fileName() + "\n")
                + "\n" + v.summary() + "\n";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(text);
    }

    @GetMapping("/api/reports/{entity}/{year}/materials/{department}/{version}/attachment")
    ResponseEntity<byte[]> attachment(@PathVariable String entity, @PathVariable int year,
                                      @PathVariable String department, @PathVariable int version) {
        Access access = access(entity, year).requireSees(entity, year, department);
        DepartmentMaterials.Attachment file = materials.attachment(access.processInstanceId(), department, version)
                .orElseThrow(() -> ReportRequestException.notFoundMaterial(entity, year, department, version));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .contentLength(file.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(
                        entity + "-" + year + "-" + department + "-v" + version + extension(file.fileName()),
                        file.fileName()))
                .body(file.content());
    }

    /**
     * A department's correction, or its material after the deadline, while the report is still being drafted (no
     * draft handed in yet, or the draft returned for revision): the next version, marked late after the deadline. Only
     * the department's contributors; while the department's task is open, the material is handed in there.
     */
    @PostMapping("/api/reports/{entity}/{year}/materials/{department}")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    CaseMaterials.Version submit(@PathVariable String entity, @PathVariable int year, @PathVariable String department,
                                 HttpServletRequest request) throws IOException {
        String summary = field(request, "summary");
        String contact = field(request, "contact");
        List<MultipartFile> files = request instanceof MultipartHttpServletRequest m ? m.getFiles("file") : List.of();
        if (files.size() > 1) {
            throw ReportRequestException.invalid("一次只能上传一个附件（" + files.size() + "个）",
                    "One attachment at a time (" + files.size() + " were sent)");
        }
        MultipartFile file = files.isEmpty() ? null : files.get(0);
        Access access = access(entity, year).requireSees(entity, year, department);
        Authentication caller = identityService.getCurrentAuthentication();
        if (!CaseMaterials.contributes(caller, department)) {
            throw ReportRequestException.forbidden("只有本部门的材料报送人员可以报送部门材料",
                    "Only the department's contributors hand in its material");
        }
        String pid = access.processInstanceId();
        if (caseMaterials.openTask(pid, department) != null) {
            throw MaterialException.conflict("本部门的「报送部门材料」任务尚在办理，请在待办任务中报送",
                    "The department's material task is open: hand the material in there");
        }
        if (!SystemCall.run(identityService, () -> drafting(pid))) {
            throw MaterialException.conflict("报告稿已提交审核，不再接收部门材料；如需补充，请与起草人员联系",
                    "The draft has gone to review: material is no longer taken; contact the drafters");
        }
        Date deadline = SystemCall.run(identityService,
                () -> (Date) runtimeService.getVariable(pid, Milestone.MATERIALS.variable()));
        Date now = ClockUtil.getCurrentTime();
        MaterialSubmission submission = new MaterialSubmission(summary, contact,
                file == null || file.isEmpty() ? null : file.getOriginalFilename(),
                file == null || file.isEmpty() ? null : file.getBytes());
        int version = materials.store(pid, department, submission, caller.getUserId(), null,
                deadline != null && now.after(deadline), now.toInstant()).version();
        return caseMaterials.versions(pid, entity, year, department).stream()
                .filter(v -> v.version() == version).findFirst().orElseThrow();
    }

    /** What a material task's form shows: the case, the department, its deadline and its earlier versions. */
    @GetMapping("/api/tasks/{taskId}/material")
    Map<String, Object> forTask(@PathVariable String taskId) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null || !TASK_SUBMIT_MATERIAL.equals(task.getTaskDefinitionKey())) {
            throw ReportRequestException.notFoundMaterialTask(taskId);
        }
        return SystemCall.run(identityService, () -> {
            Map<String, Object> vars = taskService.getVariables(taskId,
                    List.of(VAR_ENTITY_CODE, VAR_ENTITY_NAME, VAR_REPORTING_YEAR, VAR_DEPARTMENT));
            String entity = (String) vars.get(VAR_ENTITY_CODE);
            int year = ((Number) vars.get(VAR_REPORTING_YEAR)).intValue();
            String department = (String) vars.get(VAR_DEPARTMENT);
            return Map.of("entity", entity, "entityName", vars.get(VAR_ENTITY_NAME), "year", year,
                    "department", department, "departmentName", caseMaterials.departmentName(department),
                    "due", task.getDueDate() == null ? "" : task.getDueDate().toInstant().toString(),
                    "versions", caseMaterials.versions(task.getProcessInstanceId(), entity, year, department));
        });
    }

    /**
     * A text field of the form, sent as a field ({@code -F summary=…}) or as a file part ({@code -F summary=@a.txt},
     * read as UTF-8); null if absent.
     */
    private static String field(HttpServletRequest request, String name) throws IOException {
        String value = request.getParameter(name);
        if (value != null || !(request instanceof MultipartHttpServletRequest multipart)) {
            return value;
        }
        MultipartFile part = multipart.getFile(name);
        if (part == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(part.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw ReportRequestException.invalid("「" + name + "」须为 UTF-8 文本",
                    "'" + name + "' must be UTF-8 text");
        }
    }

    /** A file name's extension for an ASCII download name ("" without one). */
    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot).replaceAll("[^A-Za-z0-9.]", "");
    }

    /** Whether the case is still at drafting: running, and no draft handed in yet or the drafting task open again. */
    private boolean drafting(String processInstanceId) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance == null || instance.getEndTime() != null) {
            return false;
        }
        return documents.versions(processInstanceId).isEmpty() || taskService.createTaskQuery()
                .processInstanceId(processInstanceId).taskDefinitionKey(TASK_DRAFT).count() > 0;
    }

    /**
     * Which departments' material of the case the caller sees: all for the case's readers, their own departments
     * for a department's people; the case's 404 for everybody else.
     */
    private Access access(String entity, int year) {
        try {
            String pid = query.visibleCase(entity, year).getId();
            return new Access(pid, caseMaterials.departments(pid), null);
        } catch (ReportRequestException notVisible) {
            Authentication caller = identityService.getCurrentAuthentication();
            HistoricProcessInstance instance = SystemCall.run(identityService, () -> {
                try {
                    return query.visibleCase(entity, year);
                } catch (ReportRequestException none) {
                    return null;
                }
            });
            if (instance == null) {
                throw notVisible;
            }
            List<String> own = caseMaterials.ownDepartments(instance.getId(), caller);
            if (own.isEmpty()) {
                throw notVisible;
            }
            return new Access(instance.getId(), caseMaterials.departments(instance.getId()), own);
        }
    }

    /** The case, its departments, and those the caller sees ({@code null}: all of them). */
    private record Access(String processInstanceId, List<String> departments, List<String> visible) {

        boolean sees(String department) {
            return visible == null || visible.contains(department);
        }

        Access requireSees(String entity, int year, String department) {
            if (!sees(department)) {
                throw ReportRequestException.notFound(entity, year);
            }
            if (!departments.contains(department)) {
                throw ReportRequestException.notFoundMaterial(entity, year, department, null);
            }
            return this;
        }
    }
}
