package cn.fazhi.annualreport.migration;

import static cn.fazhi.annualreport.report.AnnualReportProcess.PROCESS_KEY;
import static cn.fazhi.annualreport.report.AnnualReportProcess.VAR_ENTITY_CODE;
import static cn.fazhi.annualreport.report.AnnualReportProcess.VAR_ENTITY_NAME;

import cn.fazhi.annualreport.api.Bilingual;
import cn.fazhi.annualreport.migration.MigrationReport.CaseReport;
import cn.fazhi.annualreport.migration.MigrationReport.Element;
import cn.fazhi.annualreport.migration.MigrationReport.InstructionView;
import cn.fazhi.annualreport.migration.MigrationReport.JobView;
import cn.fazhi.annualreport.migration.MigrationReport.TaskView;
import cn.fazhi.annualreport.migration.MigrationReport.Version;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.batch.history.HistoricBatch;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingTransitionInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.migration.MigrationPlanValidationReport;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans, dry-runs and starts the migration of running annual-report cases from one deployed version to another.
 * <p>
 * Camunda 7.24 has no public dry run for process instances ({@code POST /migration/validate} checks the plan only).
 * The dry run therefore migrates each case for real with the public API, inside a transaction of its own that is
 * always rolled back: the engine's instance validation ({@link MigratingProcessInstanceValidationException}) says
 * why a case cannot move, and for a case that can, the state read before the rollback shows exactly which tasks and
 * timers it keeps, which timers the migration removes and which it creates. Nothing of it is committed: no history,
 * no job, no mail.
 */
@Service
class CaseMigrations {

    /** The job type of the timer of a user task's timeout listener (Camunda's TimerTaskListenerJobHandler). */
    static final String TIMEOUT_LISTENER_JOB = "timer-task-listener";
    /** The listener's id at the end of such a timer's handler configuration ("UserTask_X$taskListener~Reminders_X"). */
    private static final Pattern LISTENER_ID = Pattern.compile("taskListener~(.+)$");

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final HistoryService history;
    private final TransactionTemplate rolledBack;
    private final TaskReminderTimers reminderTimers;

    CaseMigrations(RepositoryService repository, RuntimeService runtime, TaskService tasks,
                   ManagementService management, HistoryService history, PlatformTransactionManager transactions,
                   TaskReminderTimers reminderTimers) {
        this.reminderTimers = reminderTimers;
        this.repository = repository;
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
        this.history = history;
        this.rolledBack = new TransactionTemplate(transactions);
        this.rolledBack.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The plan and the dry run of every case on the source version. */
    MigrationReport dryRun(MigrationRequest request) {
        Planned planned = plan(request);
        List<CaseReport> reports = runtime.createProcessInstanceQuery()
                .processDefinitionId(planned.source().getId()).orderByBusinessKey().asc().list().stream()
                .map(pi -> examine(planned, pi)).toList();
        int movable = (int) reports.stream().filter(CaseReport::canMigrate).count();
        return new MigrationReport(version(planned.source()), version(planned.target()),
                planned.plan().getInstructions().stream().map(i -> new InstructionView(i.getSourceActivityId(),
                        i.getTargetActivityId(), i.isUpdateEventTrigger())).toList(),
                unmapped(planned.source(), sourceIds(planned.plan())),
                unmapped(planned.target(), targetIds(planned.plan())),
                reports.size(), movable, reports.size() - movable, reports);
    }

    /**
     * Hands the cases the dry run found able to move (those asked for, or all) to a Camunda batch: its jobs migrate
     * one case each, survive a node's death, and show in Cockpit. Cases that cannot move stay where they are.
     */
    MigrationStarted execute(MigrationRequest request) {
        MigrationReport report = dryRun(request);
        Set<String> wanted = request.processInstanceIds() == null ? null : Set.copyOf(request.processInstanceIds());
        if (wanted != null) {
            Set<String> known = new LinkedHashSet<>(wanted);
            report.caseReports().forEach(c -> known.remove(c.processInstanceId()));
            if (!known.isEmpty()) {
                throw MigrationRequestException.invalid("以下案件不在源版本上：" + known,
                        "These cases are not on the source version: " + known);
            }
        }
        List<String> moving = new ArrayList<>();
        List<CaseReport> staying = new ArrayList<>();
        for (CaseReport c : report.caseReports()) {
            if (wanted != null && !wanted.contains(c.processInstanceId())) {
                continue;
            }
            if (c.canMigrate()) {
                moving.add(c.processInstanceId());
            } else {
                staying.add(c);
            }
        }
        if (moving.isEmpty()) {
            throw MigrationRequestException.invalid("没有可以迁移的案件（源版本上 " + report.cases() + " 件，"
                            + report.cannotMigrate() + " 件不能迁移）",
                    "No case can be migrated (" + report.cases() + " on the source version, " + report.cannotMigrate()
                            + " cannot move)");
        }
        Planned planned = plan(request);
        Batch batch = runtime.newMigration(planned.plan()).processInstanceIds(moving).executeAsync();
        return new MigrationStarted(batch.getId(), planned.source().getId(), planned.target().getId(), moving, staying);
    }

    /** A migration batch's progress; a finished batch is read from the history. */
    MigrationProgress progress(String batchId) {
        Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
        if (batch != null && Batch.TYPE_PROCESS_INSTANCE_MIGRATION.equals(batch.getType())) {
            BatchStatistics stats = management.createBatchStatisticsQuery().batchId(batchId).singleResult();
            List<MigrationProgress.FailedJob> failures = management.createJobQuery()
                    .jobDefinitionId(batch.getBatchJobDefinitionId()).withException().list().stream()
                    .map(j -> new MigrationProgress.FailedJob(j.getId(), j.getRetries(), j.getExceptionMessage()))
                    .toList();
            int total = batch.getTotalJobs();
            int done = stats == null ? 0 : stats.getCompletedJobs();
            int failed = stats == null ? 0 : stats.getFailedJobs();
            return new MigrationProgress(batchId, MigrationProgress.RUNNING, batch.getCreateUserId(),
                    batch.getStartTime(), null, total, done, total - done, failed, failures);
        }
        HistoricBatch finished = history.createHistoricBatchQuery().batchId(batchId).singleResult();
        if (finished == null || !Batch.TYPE_PROCESS_INSTANCE_MIGRATION.equals(finished.getType())) {
            throw MigrationRequestException.notFound("迁移批次", "migration batch", batchId);
        }
        return new MigrationProgress(batchId, finished.getEndTime() == null ? MigrationProgress.RUNNING
                : MigrationProgress.FINISHED, finished.getCreateUserId(), finished.getStartTime(),
                finished.getEndTime(), finished.getTotalJobs(), finished.getTotalJobs(), 0, 0, List.of());
    }

    // ---- the plan ---------------------------------------------------------------------------------------------------

    /** The source and target versions and the engine's plan between them. */
    record Planned(ProcessDefinition source, ProcessDefinition target, MigrationPlan plan,
                   Map<String, String> sourceNames, Map<String, String> targetNames) {
    }

    Planned plan(MigrationRequest request) {
        ProcessDefinition source = definition("source", request.sourceDefinitionId(), request.sourceVersion(), false);
        ProcessDefinition target = definition("target", request.targetDefinitionId(), request.targetVersion(), true);
        if (source.getId().equals(target.getId())) {
            throw MigrationRequestException.invalid("源版本与目标版本相同（" + source.getVersion() + "）",
                    "Source and target are the same version (" + source.getVersion() + ")");
        }
        MigrationPlanBuilder builder = request.updatesEventTriggers()
                ? runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().updateEventTriggers()
                : runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities();
        for (MigrationRequest.Instruction i : request.instructionsOrNone()) {
            if (i == null || blank(i.source()) || blank(i.target())) {
                throw MigrationRequestException.invalid("每条迁移指令须写明 source 和 target（活动 id）",
                        "Each instruction needs a source and a target (activity ids)");
            }
            var instruction = builder.mapActivities(i.source().trim(), i.target().trim());
            // by default an event (a timer) is re-evaluated on the new version as mapEqualActivities' are; other
            // activities have no trigger to update
            boolean update = i.updateEventTrigger() != null ? i.updateEventTrigger()
                    : request.updatesEventTriggers() && catchesEvents(target, i.target().trim());
            builder = update ? instruction.updateEventTrigger() : instruction;
        }
        try {
            return new Planned(source, target, builder.build(), names(source), names(target));
        } catch (MigrationPlanValidationException e) {
            throw MigrationRequestException.invalidPlan(failures(e.getValidationReport()));
        }
    }

    private boolean catchesEvents(ProcessDefinition definition, String activityId) {
        return repository.getBpmnModelInstance(definition.getId()).getModelElementById(activityId)
                instanceof CatchEvent event && !event.getEventDefinitions().isEmpty();
    }

    private ProcessDefinition definition(String role, String id, Integer version, boolean latestByDefault) {
        var query = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY);
        ProcessDefinition found;
        if (!blank(id)) {
            found = query.processDefinitionId(id.trim()).singleResult();
        } else if (version != null) {
            found = query.processDefinitionVersion(version).singleResult();
        } else if (latestByDefault) {
            found = query.latestVersion().singleResult();
        } else {
            throw MigrationRequestException.invalid("须给出源版本：sourceDefinitionId 或 sourceVersion",
                    "The source version is required: sourceDefinitionId or sourceVersion");
        }
        if (found == null) {
            String what = !blank(id) ? id : String.valueOf(version);
            throw MigrationRequestException.invalid("未找到" + (role.equals("source") ? "源" : "目标")
                    + "版本：流程 " + PROCESS_KEY + " 没有 " + what, "No " + role + " version " + what + " of process "
                    + PROCESS_KEY);
        }
        return found;
    }

    private static List<Bilingual> failures(MigrationPlanValidationReport report) {
        List<Bilingual> lines = new ArrayList<>();
        for (MigrationInstructionValidationReport r : report.getInstructionReports()) {
            MigrationInstruction i = r.getMigrationInstruction();
            for (String failure : r.getFailures()) {
                String line = i.getSourceActivityId() + " → " + i.getTargetActivityId() + ": " + failure;
                lines.add(new Bilingual("迁移指令 " + line, "Instruction " + line));
            }
        }
        report.getVariableReports().forEach((name, r) -> r.getFailures().forEach(f ->
                lines.add(new Bilingual("变量 " + name + "：" + f, "Variable " + name + ": " + f))));
        return lines;
    }

    // ---- the dry run of one case ------------------------------------------------------------------------------------

    /** The parts of a case the migration touches, as the engine holds them. */
    private record Snapshot(Map<String, Integer> standsAt, Map<String, Integer> continuesAt, List<TaskView> tasks,
                            List<JobView> timers, List<JobView> jobs) {
    }

    private CaseReport examine(Planned planned, ProcessInstance pi) {
        String id = pi.getId();
        Map<String, String> names = planned.sourceNames();
        Snapshot before = snapshot(id, names);
        List<String> failures = new ArrayList<>();
        Snapshot after;
        try {
            after = rolledBack.execute(status -> {
                status.setRollbackOnly(); // a dry run: whatever the migration did is undone
                try {
                    runtime.newMigration(planned.plan()).processInstanceIds(id).execute();
                    // what the application does after a migration is committed (MigratedCaseReplanner): the reminder
                    // timers the engine lost are put back
                    reminderTimers.forgetCached(planned.target().getId());
                    reminderTimers.restore(id);
                    return snapshot(id, planned.targetNames());
                } catch (MigratingProcessInstanceValidationException e) {
                    failures.addAll(failures(e.getValidationReport(), names));
                } catch (ProcessEngineException e) {
                    failures.add(e.getMessage());
                }
                return null;
            });
        } finally {
            // the engine's migration changed the cached target version, even though it was rolled back
            reminderTimers.forgetCached(planned.target().getId());
        }
        if (after != null) {
            after = sameTimersAgain(before, after);
        }
        List<JobView> removed = after == null ? List.of() : without(before.timers(), after.timers());
        List<JobView> jobsRemoved = after == null ? List.of() : without(before.jobs(), after.jobs());
        List<String> lost = new ArrayList<>();
        if (after == null) {
            lost.add("案件不能迁移，留在源版本 " + planned.source().getVersion() + " 上 / The case cannot move and stays on "
                    + "version " + planned.source().getVersion());
        }
        removed.forEach(t -> lost.add(t.timeoutListener() != null
                ? "任务 " + t.activityId() + "（" + t.activityName() + "）的超时监听器 " + t.timeoutListener()
                        + " 的定时器（催办）被移除，不再提醒 / the timer of task " + t.activityId() + "'s timeout listener "
                        + t.timeoutListener() + " (its reminders) is removed and will not fire"
                : "定时器 " + t.activityId() + "（" + t.activityName() + "）被移除，到期不再触发 / timer "
                        + t.activityId() + " is removed and will not fire"));
        jobsRemoved.forEach(j -> lost.add("待执行的作业 " + j.activityId() + " 被移除 / pending job " + j.activityId()
                + " is removed"));
        Object entityName = variable(id, VAR_ENTITY_NAME);
        Object entityCode = variable(id, VAR_ENTITY_CODE);
        return new CaseReport(id, pi.getBusinessKey(), entityCode == null ? null : entityCode.toString(),
                entityName == null ? null : entityName.toString(), after != null, before.standsAt(),
                before.continuesAt(), before.tasks(),
                after == null ? List.of() : kept(before.timers(), after.timers()), removed,
                after == null ? List.of() : without(after.timers(), before.timers()), jobsRemoved, lost, failures);
    }

    private Object variable(String processInstanceId, String name) {
        return runtime.getVariable(processInstanceId, name);
    }

    private Snapshot snapshot(String processInstanceId, Map<String, String> names) {
        Map<String, Integer> standsAt = new TreeMap<>();
        Map<String, Integer> continuesAt = new TreeMap<>();
        collect(runtime.getActivityInstance(processInstanceId), standsAt, continuesAt);
        List<TaskView> open = tasks.createTaskQuery().processInstanceId(processInstanceId).orderByTaskId().asc().list()
                .stream().map(t -> new TaskView(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(),
                        t.getDueDate())).toList();
        Map<String, Optional<JobDefinition>> definitions = new HashMap<>();
        List<JobView> timers = management.createJobQuery().processInstanceId(processInstanceId).timers().list()
                .stream().map(j -> job(j, definitions, names)).toList();
        List<JobView> jobs = management.createJobQuery().processInstanceId(processInstanceId).messages().list()
                .stream().map(j -> job(j, definitions, names)).toList();
        return new Snapshot(standsAt, continuesAt, open, timers, jobs);
    }

    /**
     * A job as the report shows it: its activity, and for the timer of a user task's timeout listener (a task's
     * reminders since the reminders became listeners) the listener's id — its activity is the task itself.
     */
    private JobView job(Job job, Map<String, Optional<JobDefinition>> definitions, Map<String, String> names) {
        Optional<JobDefinition> definition = job.getJobDefinitionId() == null ? Optional.empty()
                : definitions.computeIfAbsent(job.getJobDefinitionId(), d -> Optional.ofNullable(
                        management.createJobDefinitionQuery().jobDefinitionId(d).singleResult()));
        String activity = definition.map(JobDefinition::getActivityId).orElse(null);
        String listener = null;
        if (job instanceof JobEntity entity && TIMEOUT_LISTENER_JOB.equals(entity.getJobHandlerType())
                && entity.getJobHandlerConfigurationRaw() != null) {
            Matcher m = LISTENER_ID.matcher(entity.getJobHandlerConfigurationRaw());
            listener = m.find() ? m.group(1) : null;
        }
        return new JobView(job.getId(), activity, activity == null ? null : names.get(activity), listener,
                job.getExecutionId(), job.getDuedate());
    }

    /**
     * The leaves of the activity instance tree (where the case waits) and its transition instances (an asynchronous
     * continuation before or after an activity, waiting for the job executor).
     */
    private static void collect(ActivityInstance instance, Map<String, Integer> standsAt,
                                Map<String, Integer> continuesAt) {
        if (instance == null) {
            return;
        }
        for (TransitionInstance transition : instance.getChildTransitionInstances()) {
            continuesAt.merge(transition.getActivityId(), 1, Integer::sum);
        }
        if (instance.getChildActivityInstances().length == 0 && instance.getChildTransitionInstances().length == 0
                && instance.getParentActivityInstanceId() != null) {
            standsAt.merge(instance.getActivityId(), 1, Integer::sum);
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            collect(child, standsAt, continuesAt);
        }
    }

    private static List<String> failures(MigratingProcessInstanceValidationReport report, Map<String, String> names) {
        List<String> lines = new ArrayList<>(report.getFailures());
        for (MigratingActivityInstanceValidationReport r : report.getActivityInstanceReports()) {
            r.getFailures().forEach(f -> lines.add(describe(r.getSourceScopeId(), names) + ": " + f));
        }
        for (MigratingTransitionInstanceValidationReport r : report.getTransitionInstanceReports()) {
            r.getFailures().forEach(f -> lines.add(describe(r.getSourceScopeId(), names) + ": " + f));
        }
        return lines;
    }

    private static String describe(String activityId, Map<String, String> names) {
        String name = names.get(activityId);
        return name == null ? activityId : activityId + "（" + name + "）";
    }

    /**
     * A timer the engine removed and the application put back — the same task's reminder listener, on the same
     * execution — is shown as kept (with its new job id and due date), not as removed and created.
     */
    private static Snapshot sameTimersAgain(Snapshot before, Snapshot after) {
        Set<String> beforeIds = new LinkedHashSet<>();
        before.timers().forEach(j -> beforeIds.add(j.id()));
        Map<String, JobView> removed = new HashMap<>();
        for (JobView j : before.timers()) {
            if (j.timeoutListener() != null && after.timers().stream().noneMatch(a -> a.id().equals(j.id()))) {
                removed.putIfAbsent(j.activityId() + "|" + j.timeoutListener() + "|" + j.executionId(), j);
            }
        }
        List<JobView> timers = new ArrayList<>();
        for (JobView a : after.timers()) {
            JobView old = beforeIds.contains(a.id()) || a.timeoutListener() == null ? null
                    : removed.remove(a.activityId() + "|" + a.timeoutListener() + "|" + a.executionId());
            timers.add(old == null ? a : new JobView(old.id(), a.activityId(), a.activityName(), a.timeoutListener(),
                    a.executionId(), a.due()));
        }
        return new Snapshot(after.standsAt(), after.continuesAt(), after.tasks(), timers, after.jobs());
    }

    private static List<JobView> without(List<JobView> these, List<JobView> those) {
        Set<String> ids = new LinkedHashSet<>();
        those.forEach(j -> ids.add(j.id()));
        return these.stream().filter(j -> !ids.contains(j.id())).toList();
    }

    private static List<JobView> kept(List<JobView> before, List<JobView> after) {
        Set<String> ids = new LinkedHashSet<>();
        before.forEach(j -> ids.add(j.id()));
        return after.stream().filter(j -> ids.contains(j.id())).toList();
    }

    // ---- the diagrams -----------------------------------------------------------------------------------------------

    private Map<String, String> names(ProcessDefinition definition) {
        Map<String, String> names = new HashMap<>();
        for (FlowNode node : repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(FlowNode.class)) {
            if (node.getName() != null) {
                names.put(node.getId(), node.getName());
            }
        }
        return names;
    }

    /**
     * The flow nodes of a version where a case can stand (tasks, sub-processes, timers and other catching events,
     * asynchronous steps, joining gateways) that no instruction of the plan names.
     */
    private List<Element> unmapped(ProcessDefinition definition, Collection<String> mapped) {
        BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
        List<Element> out = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (!mapped.contains(node.getId()) && canHoldACase(node)) {
                out.add(new Element(node.getId(), node.getName(), node.getElementType().getTypeName()));
            }
        }
        out.sort(java.util.Comparator.comparing(Element::id));
        return out;
    }

    private static boolean canHoldACase(FlowNode node) {
        return node instanceof UserTask || node instanceof ReceiveTask || node instanceof SubProcess
                || node instanceof BoundaryEvent || node instanceof IntermediateCatchEvent
                || node instanceof ParallelGateway
                || node instanceof Activity && (node.isCamundaAsyncBefore() || node.isCamundaAsyncAfter());
    }

    private static Set<String> sourceIds(MigrationPlan plan) {
        Set<String> ids = new LinkedHashSet<>();
        plan.getInstructions().forEach(i -> ids.add(i.getSourceActivityId()));
        return ids;
    }

    private static Set<String> targetIds(MigrationPlan plan) {
        Set<String> ids = new LinkedHashSet<>();
        plan.getInstructions().forEach(i -> ids.add(i.getTargetActivityId()));
        return ids;
    }

    private Version version(ProcessDefinition definition) {
        var deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult();
        return new Version(definition.getId(), definition.getVersion(), definition.getDeploymentId(),
                deployment == null ? null : deployment.getDeploymentTime());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

}
