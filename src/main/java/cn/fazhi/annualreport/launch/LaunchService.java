package cn.fazhi.annualreport.launch;

import static cn.fazhi.annualreport.launch.AnnualLaunchProcess.*;

import cn.fazhi.annualreport.organization.EntityRegistry;
import cn.fazhi.annualreport.organization.ReportingEntity;
import cn.fazhi.annualreport.report.AnnualReportProcess;
import cn.fazhi.annualreport.report.ReportCaseService;
import cn.fazhi.annualreport.report.ReportRequestException;
import cn.fazhi.annualreport.security.SystemCall;
import cn.fazhi.annualreport.shared.Beijing;
import cn.fazhi.annualreport.shared.CaseReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Launches the annual-report cases of every active entity for a reporting year: records the launch, starts each
 * entity's case in its own job and transaction, records what happened, and shows a launch with its outcomes.
 */
@Service
class LaunchService {

    /** The 督察工作规定 (厅字〔2019〕28号) is in force since 2019: no reporting year before it. */
    static final int FIRST_YEAR = 2019;

    private static final Logger log = LoggerFactory.getLogger(LaunchService.class);

    private final EntityRegistry registry;
    private final ReportCaseService cases;
    private final LaunchRecords records;
    private final LaunchProperties properties;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final ManagementService managementService;
    private final IdentityService identityService;

    LaunchService(EntityRegistry registry, ReportCaseService cases, LaunchRecords records, LaunchProperties properties,
                  RuntimeService runtimeService, HistoryService historyService, ManagementService managementService,
                  IdentityService identityService) {
        this.registry = registry;
        this.cases = cases;
        this.records = records;
        this.properties = properties;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.managementService = managementService;
        this.identityService = identityService;
    }

    // ---- starting a launch ---------------------------------------------------------------------------------------

    /**
     * Starts a launch of the year on behalf of the user, as the system (the engine's authorization would otherwise
     * keep an administrator from starting other entities' cases); answers the launch id once the launch and its
     * per-entity jobs are committed.
     */
    String launch(int year, String requestedBy) {
        requireValidYear(year);
        ProcessInstance instance = SystemCall.run(identityService, () -> runtimeService
                .createMessageCorrelation(MESSAGE_LAUNCH_REQUESTED)
                .processInstanceBusinessKey(businessKey(year))
                .setVariable(VAR_TRIGGER, Trigger.MANUAL.name())
                .setVariable(VAR_REPORTING_YEAR, year)
                .setVariable(VAR_REQUESTED_BY, requestedBy)
                .correlateStartMessage());
        log.info("Launch {} of the {} cases requested by {}", instance.getId(), year, requestedBy);
        return instance.getId();
    }

    /**
     * The first step of a launch, in its start transaction: the reporting year (a timer launch: last calendar year),
     * the active entities parents first, the launch row and one PENDING row per entity. A timer launch is not recorded
     * when the timer is switched off or has launched the year already.
     */
    Recorded record(String launchId, Trigger trigger, Object requestedYear, String requestedBy) {
        Instant now = now();
        int year;
        if (trigger == Trigger.TIMER) {
            year = LaunchSchedule.reportingYearOf(now);
            if (!properties.enabled()) {
                log.info("The yearly launch timer fired, but report.launch.enabled is false: no launch of {}", year);
                return Recorded.not(year, "定时发起已关闭（report.launch.enabled=false）",
                        "The yearly launch is switched off (report.launch.enabled=false)");
            }
            if (records.scheduledLaunchExists(year)) {
                log.info("The yearly launch timer fired again for {}: launched already, nothing to do", year);
                return Recorded.not(year, year + "年度已由定时任务发起过", "The timer has launched " + year + " already");
            }
        } else {
            year = requireValidYear(yearOf(requestedYear));
        }
        List<String> codes = parentsFirst(registry.active()).stream().map(ReportingEntity::code).toList();
        records.insertLaunch(launchId, year, trigger, requestedBy, now, trigger == Trigger.TIMER ? year : null);
        records.insertPending(launchId, codes);
        log.info("Launch {} ({}) of the {} cases for {} entities", launchId, trigger, year, codes.size());
        return new Recorded(true, year, codes, null, null);
    }

    /**
     * Starts one entity's case, in the transaction of its job. Concurrent launches of the same year take turns (a row
     * lock on the year's launches), so each sees the cases the other started. A case that exists already is SKIPPED
     * and a request the rules refuse is FAILED, both decided by a check that changes nothing. Anything that goes wrong
     * while the case starts propagates — including a start that loses the race on report_case's primary key to a
     * start from outside the launches: the job's transaction rolls back the case and its STARTED row together, the
     * engine retries the job (a retry cannot find a case this launch started: that case would have committed with its
     * row), and after the last retry the job raises an incident.
     */
    void startCase(String launchId, int year, String entityCode) {
        records.lockLaunchesOf(year);
        Optional<LaunchRecords.Result> done = records.result(launchId, entityCode);
        if (done.isPresent() && done.get().outcome() != Outcome.PENDING) {
            log.info("Launch {}: {} is {} already", launchId, entityCode, done.get().outcome());
            return;
        }
        Map<String, Object> request = Map.of(AnnualReportProcess.VAR_ENTITY_CODE, entityCode,
                AnnualReportProcess.VAR_REPORTING_YEAR, year);
        try {
            SystemCall.run(identityService, () -> {
                cases.check(request);
                return null;
            });
        } catch (ReportRequestException e) {
            boolean exists = e.status() == HttpStatus.CONFLICT;
            records.record(launchId, entityCode, exists ? Outcome.SKIPPED : Outcome.FAILED,
                    exists ? existingCase(entityCode, year).orElse(null) : null, e.messageZh(), e.messageEn(), now());
            log.info("Launch {}: {} {} ({})", launchId, entityCode, exists ? "skipped" : "refused", e.getMessage());
            return;
        }
        ProcessInstance instance = SystemCall.run(identityService, () -> cases.start(entityCode, year));
        records.record(launchId, entityCode, Outcome.STARTED, instance.getId(), null, null, now());
        log.info("Launch {}: started {} ({})", launchId, instance.getBusinessKey(), instance.getId());
    }

    /** The last step of a launch: every entity has its outcome; the launch is finished. */
    LaunchView finish(String launchId) {
        records.finish(launchId, now());
        LaunchView view = view(launchId);
        log.info("Launch {} of {} finished: {} started, {} skipped, {} failed", launchId, view.year(), view.started(),
                view.skipped(), view.failed());
        return view;
    }

    // ---- showing launches ----------------------------------------------------------------------------------------

    LaunchView view(String launchId) {
        return records.find(launchId).map(this::view).orElseThrow(() -> LaunchRequestException.notFound(launchId));
    }

    List<LaunchView> list(Integer year) {
        return records.list(year).stream().map(this::view).toList();
    }

    /**
     * The recorded outcomes, completed from the engine for entities still PENDING: an open incident of the entity's
     * job makes it FAILED (a technical failure that outlasted the retries), a failed attempt with retries left is
     * shown as the reason of the PENDING entity, and a launch whose process was deleted before it finished leaves its
     * PENDING entities FAILED.
     */
    private LaunchView view(LaunchRecords.Launch launch) {
        String id = launch.id();
        boolean finished = launch.finishedAt() != null;
        Map<String, Incident> incidents = new HashMap<>();
        Map<String, Job> retrying = new HashMap<>();
        boolean running = false;
        if (!finished) {
            running = SystemCall.run(identityService,
                    () -> runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0);
            if (running) {
                SystemCall.run(identityService, () -> {
                    for (Incident incident : runtimeService.createIncidentQuery().processInstanceId(id)
                            .activityId(TASK_START_ENTITY_CASE).list()) {
                        entityOf(incident.getExecutionId()).ifPresent(e -> incidents.put(e, incident));
                    }
                    for (Job job : managementService.createJobQuery().processInstanceId(id)
                            .activityId(TASK_START_ENTITY_CASE).withException().list()) {
                        entityOf(job.getExecutionId()).ifPresent(e -> retrying.put(e, job));
                    }
                    return null;
                });
            }
        }
        List<LaunchView.EntityResult> results = new ArrayList<>();
        Map<Outcome, Integer> counts = new LinkedHashMap<>();
        for (LaunchRecords.Result r : records.results(id)) {
            Outcome outcome = r.outcome();
            String zh = r.reasonZh();
            String en = r.reasonEn();
            if (outcome == Outcome.PENDING) {
                Incident incident = incidents.get(r.entityCode());
                Job job = retrying.get(r.entityCode());
                if (incident != null) {
                    outcome = Outcome.FAILED;
                    zh = "技术故障，重试后仍失败；请在 Cockpit 中处理事件（incident " + incident.getId() + "）："
                            + incident.getIncidentMessage();
                    en = "Technical failure after the retries; handle the incident " + incident.getId()
                            + " in Cockpit: " + incident.getIncidentMessage();
                } else if (!finished && !running) {
                    outcome = Outcome.FAILED;
                    zh = "发起流程在启动该单位案件前已终止（如在 Cockpit 中被删除），未启动案件";
                    en = "The launch was terminated (e.g. deleted in Cockpit) before this entity's case was started";
                } else if (job != null) {
                    zh = "上次尝试失败，将自动重试（剩余 " + job.getRetries() + " 次）：" + job.getExceptionMessage();
                    en = "The last attempt failed and will be retried (" + job.getRetries() + " retries left): "
                            + job.getExceptionMessage();
                }
            }
            counts.merge(outcome, 1, Integer::sum);
            results.add(new LaunchView.EntityResult(r.entityCode(),
                    registry.find(r.entityCode()).map(ReportingEntity::name).orElse(null), outcome.name(),
                    r.processInstanceId(), zh, en, r.recordedAt()));
        }
        String state = finished ? LaunchView.FINISHED : running ? LaunchView.RUNNING : LaunchView.TERMINATED;
        return new LaunchView(id, launch.year(), launch.trigger().name(), launch.requestedBy(), launch.requestedAt(),
                launch.finishedAt(), state, results.size(), counts.getOrDefault(Outcome.STARTED, 0),
                counts.getOrDefault(Outcome.SKIPPED, 0), counts.getOrDefault(Outcome.FAILED, 0),
                counts.getOrDefault(Outcome.PENDING, 0), results);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Governments before their departments, higher levels before lower ones; otherwise the registry's order. */
    List<ReportingEntity> parentsFirst(List<ReportingEntity> entities) {
        Map<String, Integer> depth = new HashMap<>();
        for (ReportingEntity e : entities) {
            int d = 0;
            Set<String> seen = new HashSet<>();
            for (String parent = e.parent(); parent != null && seen.add(parent) && d < 32; d++) {
                parent = registry.find(parent).map(ReportingEntity::parent).orElse(null);
            }
            depth.put(e.code(), d);
        }
        List<ReportingEntity> sorted = new ArrayList<>(entities);
        sorted.sort(Comparator.comparingInt(e -> depth.get(e.code()))); // stable: keeps the registry's order
        return sorted;
    }

    static int requireValidYear(Integer year) {
        int current = now().atZone(Beijing.ZONE).getYear();
        if (year == null) {
            throw LaunchRequestException.invalid("缺少报告年度（year），例如 {\"year\": " + (current - 1) + "}",
                    "The reporting year is required, e.g. {\"year\": " + (current - 1) + "}");
        }
        if (year < FIRST_YEAR || year > current) {
            throw LaunchRequestException.invalid("报告年度须在" + FIRST_YEAR + "年至" + current + "年之间：" + year,
                    "The reporting year must lie between " + FIRST_YEAR + " and " + current + ": " + year);
        }
        return year;
    }

    private static Integer yearOf(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (value instanceof String s && s.trim().matches("\\d{4}")) {
            return Integer.parseInt(s.trim());
        }
        if (value == null) {
            return null;
        }
        throw LaunchRequestException.invalid("报告年度须为四位整数年份：" + value, "The reporting year must be a whole year: "
                + value);
    }

    /** The case of the entity and year that exists (running or ended, not deleted). */
    private Optional<String> existingCase(String entityCode, int year) {
        return SystemCall.run(identityService, () -> historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(AnnualReportProcess.PROCESS_KEY)
                .processInstanceBusinessKey(new CaseReference(entityCode, year).businessKey())
                .orderByProcessInstanceStartTime().desc().list().stream()
                .filter(h -> !HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(h.getState())
                        && !HistoricProcessInstance.STATE_INTERNALLY_TERMINATED.equals(h.getState()))
                .map(HistoricProcessInstance::getId)
                .findFirst());
    }

    private Optional<String> entityOf(String executionId) {
        if (executionId == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((String) runtimeService.getVariable(executionId, VAR_ENTITY));
        } catch (RuntimeException e) {
            return Optional.empty(); // the execution ended meanwhile
        }
    }

    private static Instant now() {
        return Beijing.now();
    }

    /** What the record step decided: whether a launch was recorded, for which year and entities, or why not. */
    record Recorded(boolean launched, int year, List<String> entityCodes, String reasonZh, String reasonEn) {

        static Recorded not(int year, String zh, String en) {
            return new Recorded(false, year, List.of(), zh, en);
        }
    }
}
