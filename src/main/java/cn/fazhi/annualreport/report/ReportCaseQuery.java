package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.archive.CaseArchives;
import cn.fazhi.annualreport.deadline.Milestone;
import cn.fazhi.annualreport.deadline.ScheduleService;
import cn.fazhi.annualreport.document.IssuedReports;
import cn.fazhi.annualreport.filing.FilingRecords;
import cn.fazhi.annualreport.notification.UnstaffedTasks;
import cn.fazhi.annualreport.publication.Publications;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.Beijing;
import cn.fazhi.annualreport.shared.CaseReference;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Reads a case for the owners' API. Whether the caller may see the case is decided by the engine (the case's
 * historic instance must be readable for the caller); the details of a visible case are then read in full.
 */
@Service
class ReportCaseQuery {

    private final HistoryService historyService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final ScheduleService scheduleService;
    private final FilingRecords filingRecords;
    private final CaseArchives archives;
    private final Publications publications;
    private final CaseMaterials materials;
    private final UnstaffedTasks unstaffed;
    private final IssuedReports issued;

    ReportCaseQuery(HistoryService historyService, TaskService taskService, IdentityService identityService,
                    ScheduleService scheduleService, FilingRecords filingRecords, CaseArchives archives,
                    Publications publications, CaseMaterials materials, UnstaffedTasks unstaffed,
                    IssuedReports issued) {
        this.issued = issued;
        this.unstaffed = unstaffed;
        this.materials = materials;
        this.archives = archives;
        this.publications = publications;
        this.historyService = historyService;
        this.taskService = taskService;
        this.identityService = identityService;
        this.scheduleService = scheduleService;
        this.filingRecords = filingRecords;
    }

    ReportCaseView find(String entity, int year) {
        HistoricProcessInstance instance = visibleCase(entity, year);
        return SystemCall.run(identityService, () -> view(entity, year, instance));
    }

    /** The case of an entity and year if the caller may see it (the engine decides); 404 otherwise. */
    HistoricProcessInstance visibleCase(String entity, int year) {
        if (entity == null || entity.isBlank()) {
            throw ReportRequestException.notFound(entity, year); // no case has a blank entity
        }
        String key = new CaseReference(entity, year).businessKey();
        return historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(key)
                .orderByProcessInstanceStartTime().desc().list().stream()
                .filter(i -> !CaseRegistry.isDeleted(i))
                .findFirst()
                .orElseThrow(() -> ReportRequestException.notFound(entity, year));
    }

    private ReportCaseView view(String entity, int year, HistoricProcessInstance instance) {
        Map<String, Object> vars = new HashMap<>();
        List<String> names = new ArrayList<>(List.of(VAR_ENTITY_NAME, VAR_REVIEW_GATE, VAR_NOTICE_REFERENCE));
        for (Milestone m : Milestone.values()) {
            names.add(m.variable());
        }
        for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableNameIn(names.toArray(String[]::new)).list()) {
            vars.put(v.getName(), v.getValue());
        }
        List<ReportCaseView.Deadline> deadlines = new ArrayList<>();
        for (Milestone m : Milestone.values()) {
            if (vars.get(m.variable()) instanceof Date d) {
                deadlines.add(new ReportCaseView.Deadline(m.name(), m.labelZh(), m.labelEn(), scheduleService.toLocalDate(d)));
            }
        }
        List<ReportCaseView.OpenTask> open = new ArrayList<>();
        for (Task t : taskService.createTaskQuery().processInstanceId(instance.getId()).orderByTaskCreateTime().asc().list()) {
            List<IdentityLink> links = taskService.getIdentityLinksForTask(t.getId());
            List<String> groups = links.stream()
                    .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                    .map(IdentityLink::getGroupId).toList();
            open.add(new ReportCaseView.OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(),
                    groups, t.getDueDate() == null ? null
                    : t.getDueDate().toInstant().atZone(Beijing.ZONE).toOffsetDateTime(),
                    unstaffed.staffed(t.getAssignee(), links)));
        }
        String state = instance.getState();
        String phase;
        if (HistoricProcessInstance.STATE_COMPLETED.equals(state)) {
            phase = "已完成：报告已报送、公开并归档";
        } else if (open.isEmpty()) {
            phase = "处理中";
        } else {
            phase = String.join("、", open.stream().map(ReportCaseView.OpenTask::name).distinct().toList());
            long nobody = open.stream().filter(t -> !t.staffed()).count();
            if (nobody > 0) {
                phase += "（其中" + nobody + "项无人可办）";
            }
        }
        return new ReportCaseView(entity, (String) vars.get(VAR_ENTITY_NAME), year, instance.getBusinessKey(),
                instance.getId(), state, phase, (String) vars.get(VAR_REVIEW_GATE),
                (String) vars.get(VAR_NOTICE_REFERENCE), deadlines, open, materials.of(instance.getId(), entity, year),
                issued.latest(instance.getId()).map(i -> new ReportCaseView.IssuedReport(i.fileName(), i.mediaType(),
                        i.sizeBytes(), i.sha256(), i.hasText(), i.draftVersion(), i.uploadedBy(), i.uploadedAt(),
                        IssuedReportController.link(entity, year))).orElse(null),
                filingRecords.forCase(instance.getId()), publications.forCase(instance.getId()),
                archives.info(instance.getId()).orElse(null));
    }
}
