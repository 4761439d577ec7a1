package cn.fazhi.annualreport.report;

import static cn.fazhi.annualreport.report.AnnualReportProcess.*;

import cn.fazhi.annualreport.deadline.CaseSchedule;
import cn.fazhi.annualreport.deadline.InvalidScheduleException;
import cn.fazhi.annualreport.deadline.Milestone;
import cn.fazhi.annualreport.deadline.ScheduleOverrides;
import cn.fazhi.annualreport.deadline.ScheduleService;
import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.Grants;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.organization.ReviewGate;
import cn.fazhi.annualreport.organization.Role;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.Beijing;
import cn.fazhi.annualreport.shared.CaseReference;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/** Checks and starts annual-report cases: one per reporting entity and year. */
@Service
public class ReportCaseService {

    static final int FIRST_YEAR = 2019; // the督察工作规定 (厅字〔2019〕28号) is in force since 2019

    private final EntityRegistry registry;
    private final ScheduleService scheduleService;
    private final CaseRegistry caseRegistry;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final Grants grants;
    private final OwnerCheck ownerCheck;
    private final CaseStaffing staffing;

    ReportCaseService(EntityRegistry registry, ScheduleService scheduleService, CaseRegistry caseRegistry,
                      RuntimeService runtimeService, IdentityService identityService, Grants grants,
                      OwnerCheck ownerCheck, CaseStaffing staffing) {
        this.ownerCheck = ownerCheck;
        this.staffing = staffing;
        this.registry = registry;
        this.scheduleService = scheduleService;
        this.caseRegistry = caseRegistry;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.grants = grants;
    }

    /**
     * Starts the case of an entity and year; refuses an unknown entity, a bad year and a second case. The case is
     * planned once, by its first step (PrepareCaseDelegate) inside the start transaction, which refuses what the plan
     * refuses before anything is stored; here only the request's form is read, for the business key.
     */
    public ProcessInstance start(String entityCode, Integer year) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put(VAR_ENTITY_CODE, entityCode);
        vars.put(VAR_REPORTING_YEAR, year);
        CaseRequest request = CaseRequest.from(vars, scheduleZone());
        return runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(new CaseReference(request.entityCode(), request.year()).businessKey())
                .setVariables(vars)
                .execute();
    }

    /**
     * Checks kickoff variables against the rules and the existing cases, and derives the case from them. Used before
     * a start (API and start form) and again inside the start transaction.
     */
    public void check(Map<String, Object> kickoffVariables) {
        plan(kickoffVariables);
    }

    CasePlan plan(Map<String, Object> vars) {
        return plan(vars, true, today());
    }

    /**
     * The plan of a case from its variables: at kickoff (checking that no other case exists) or again later for a
     * running case (its kickoff day given), when the calendar or the case's notice changed.
     */
    CasePlan plan(Map<String, Object> vars, boolean newCase, LocalDate kickoff) {
        CaseRequest request = CaseRequest.from(vars, scheduleZone());
        ReportingEntity entity = registry.find(request.entityCode())
                .orElseThrow(() -> ReportRequestException.unknownEntity(request.entityCode()));
        if (newCase) {
            ownerCheck.requireStarter(entity.code());
        }
        if (newCase && !entity.active()) {
            throw ReportRequestException.invalid("该单位已停用，不再启动年度报告：" + entity.code(),
                    "The entity is inactive and gets no new cases: " + entity.code());
        }
        int currentYear = today().getYear();
        if (newCase && (request.year() < FIRST_YEAR || request.year() > currentYear)) {
            throw ReportRequestException.invalid(
                    "报告年度须在" + FIRST_YEAR + "年至" + currentYear + "年之间：" + request.year(),
                    "The reporting year must lie between " + FIRST_YEAR + " and " + currentYear + ": " + request.year());
        }
        if (newCase && SystemCall.run(identityService,
                () -> caseRegistry.liveCase(entity.code(), request.year())).isPresent()) {
            throw ReportRequestException.alreadyExists(entity.code(), request.year());
        }
        ReviewGate gate = request.reviewGate() != null ? request.reviewGate() : entity.reviewGate();
        if (gate == null) {
            gate = entity.isGovernment() ? ReviewGate.EXECUTIVE_MEETING : ReviewGate.LEADERSHIP_MEETING;
        }
        if (newCase) {
            List<Role> missing = staffing.missingRoles(entity, gate);
            if (!missing.isEmpty()) {
                throw ReportRequestException.unstaffed(entity.code(), missing);
            }
        }
        CaseSchedule schedule;
        try {
            schedule = scheduleService.schedule(entity.isGovernment(), request.year(),
                    new ScheduleOverrides(request.filingOverride(), request.publicationOverride(),
                            request.noticeReference()), kickoff);
        } catch (InvalidScheduleException e) {
            throw ReportRequestException.invalid(e.messageZh(), e.getMessage());
        }
        List<String> contributors = entity.isGovernment()
                ? registry.departmentsOf(entity.code()).stream().map(ReportingEntity::code).toList()
                : List.of();
        return new CasePlan(request, entity, gate, contributors, registry.recipientsOf(entity), schedule);
    }

    /** The variables a planned case carries through the process. */
    Map<String, Object> variables(CasePlan plan, String processInstanceId) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(VAR_ENTITY_CODE, plan.entity().code());
        v.put(VAR_REPORTING_YEAR, plan.request().year());
        v.put(VAR_ENTITY_NAME, plan.entity().name());
        v.put(VAR_ENTITY_TYPE, plan.entity().type().name());
        v.put(VAR_REVIEW_GATE, plan.reviewGate().name());
        v.put(VAR_SOLICIT_OPINIONS, plan.request().solicitOpinions());
        v.put(VAR_CONTRIBUTING_DEPARTMENTS,
                Variables.objectValue(new ArrayList<>(plan.contributors())).serializationDataFormat("application/json").create());
        v.put(VAR_HAS_CONTRIBUTORS, !plan.contributors().isEmpty());
        v.put(VAR_FILING_RECIPIENTS,
                Variables.objectValue(new ArrayList<>(plan.recipients().filing())).serializationDataFormat("application/json").create());
        v.put(VAR_SUPERVISING_OFFICE, plan.recipients().copyTo() == null ? "" : plan.recipients().copyTo());
        v.put(VAR_DOCUMENT_NUMBER_PREFIX, plan.entity().documentNumberPrefix());
        if (plan.request().noticeReference() != null) {
            v.put(VAR_NOTICE_REFERENCE, plan.request().noticeReference());
        }
        for (Milestone m : Milestone.values()) {
            Date due = scheduleService.endOfWorkingDay(plan.schedule().get(m));
            v.put(m.variable(), due);
        }
        v.put(VAR_KICKOFF_DATE, scheduleService.endOfWorkingDay(today()));
        return v;
    }

    /**
     * Lets the entity's own groups and its supervising offices read the case in Tasklist, Cockpit and the API. The
     * supervision is hierarchical: the owners (依法治X办) of every government above the entity read it — the parent's,
     * the grand-parent's, and so on — never a sibling's.
     */
    void grantCaseAccess(CasePlan plan, String processInstanceId) {
        for (Role role : Role.values()) {
            if (role == Role.CONTRIBUTOR) {
                continue;
            }
            grantRead(role.groupId(plan.entity().code()), processInstanceId);
        }
        for (ReportingEntity government : registry.ancestorsOf(plan.entity())) {
            grantRead(Role.OWNER.groupId(government.code()), processInstanceId);
        }
    }

    /**
     * After an import: the supervising offices above the entity as it now stands read its existing cases too (a new
     * parent's owners see the history; the former parent's keep what they had).
     */
    void grantSupervisionOfExistingCases(String entityCode) {
        List<String> existing = caseRegistry.casesOf(entityCode);
        ReportingEntity entity = existing.isEmpty() ? null : registry.find(entityCode).orElse(null);
        if (entity == null) {
            return; // a new entity (most of a large import) costs this one query
        }
        List<ReportingEntity> ancestors = registry.ancestorsOf(entity);
        for (String processInstanceId : existing) {
            for (ReportingEntity government : ancestors) {
                grantRead(Role.OWNER.groupId(government.code()), processInstanceId);
            }
        }
    }

    private void grantRead(String group, String processInstanceId) {
        grants.grantGroup(group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
        grants.grantGroup(group, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
                HistoricProcessInstancePermissions.READ);
    }

    void claim(CasePlan plan, String processInstanceId, String startedBy) {
        caseRegistry.claim(plan.entity().code(), plan.request().year(), processInstanceId, startedBy);
    }

    /** The engine's idea of today, in China (tests move the engine clock). */
    LocalDate today() {
        return Beijing.today();
    }

    private ZoneId scheduleZone() {
        return Beijing.ZONE;
    }
}
