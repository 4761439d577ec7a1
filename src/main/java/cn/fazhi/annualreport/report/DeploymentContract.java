package cn.fazhi.annualreport.report;

import cn.fazhi.annualreport.api.Refusals;
import cn.fazhi.annualreport.deadline.DeclaredDeadline;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.ModelParseException;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

/**
 * The application's contract with a deployed diagram, checked when it is deployed — from the jar, Camunda Modeler or
 * {@code /engine-rest/deployment/create} — before any case can use it: every delegate is one of the application's
 * beans (or delegate classes), no script and no external task runs; and in the case process {@code annual-report}
 * every user task has people (candidate groups or an assignee) and a due date the application can plan
 * ({@code ${deadlineX}} or {@code <n>WD}), reminders follow a case deadline, and every form a task or start event names
 * is in the deployment. A breach refuses the whole deployment (400, every breach named in
 * Chinese and English); nothing is stored.
 */
@Component
class DeploymentContract extends AbstractProcessEnginePlugin {

    private static final Pattern BEAN = Pattern.compile("^\\s*\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}\\s*$");
    private static final Pattern WORKING_DAYS = Pattern.compile("^\\s*[1-9][0-9]{0,2}\\s*WD\\s*$");
    private static final String DEPLOYMENT_PREFIX = "deployment:";

    private static final String SOURCE_OF_APPLICATION = ProcessResourcesDeployer.SOURCE;
    private static final Logger log = LoggerFactory.getLogger(DeploymentContract.class);

    private final BeanFactory beans;
    private final ObjectMapper json;
    private final Supplier<Map<String, byte[]>> packagedForms;

    DeploymentContract(BeanFactory beans, ObjectMapper json) {
        this.beans = beans;
        this.json = json;
        this.packagedForms = () -> ProcessResourcesDeployer.packagedResources().entrySet().stream()
                .filter(e -> e.getKey().startsWith(ProcessResourcesDeployer.FORMS))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(this::check);
        configuration.setCustomPreDeployers(deployers);
    }

    /** Refuses a new deployment that breaks the contract; deployments read again from the database pass. */
    void check(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        completeForms(deployment);
        List<Breach> breaches = breaches(deployment.getResources());
        if (!breaches.isEmpty()) {
            StringBuilder zh = new StringBuilder("部署被拒绝，流程图不符合本系统的要求：");
            StringBuilder en = new StringBuilder("Deployment refused: the diagram breaks the application's contract: ");
            for (int i = 0; i < breaches.size(); i++) {
                Breach b = breaches.get(i);
                zh.append(i == 0 ? "" : "；").append(b.where()).append("：").append(b.zh());
                en.append(i == 0 ? "" : "; ").append(b.where()).append(": ").append(b.en());
            }
            throw Refusals.ofAction(ReportRequestException.invalid(zh.append("。").toString(), en.toString()));
        }
    }

    /**
     * Completes a deployment made of a diagram alone — as Camunda Modeler's deploy dialog sends it — with the
     * application's own forms it names and lacks, so that its tasks open their forms: a form file attached by its bare
     * name ("draft-report.html") takes its place under forms/, and a form attached keeps precedence over the packaged
     * one. Only forms the application ships are added; any other missing form is a breach.
     */
    void completeForms(DeploymentEntity deployment) {
        Map<String, ResourceEntity> resources = deployment.getResources();
        if (resources.keySet().stream().noneMatch(n -> n.endsWith(".bpmn") || n.endsWith(".bpmn20.xml"))
                || SOURCE_OF_APPLICATION.equals(deployment.getSource())) {
            return;
        }
        Map<String, byte[]> packaged = packagedForms.get();
        for (ResourceEntity resource : List.copyOf(resources.values())) {
            String qualified = ProcessResourcesDeployer.FORMS + resource.getName();
            if (!resource.getName().contains("/") && packaged.containsKey(qualified) && !resources.containsKey(qualified)) {
                resources.remove(resource.getName());
                resource.setName(qualified);
                resources.put(qualified, resource);
            }
        }
        Set<String> formIds = formIds(resources);
        Map<String, byte[]> byFormId = new java.util.HashMap<>();
        packaged.forEach((name, bytes) -> formId(bytes).ifPresent(id -> byFormId.put(id, bytes)));
        Set<String> needed = new java.util.TreeSet<>();
        for (ResourceEntity resource : List.copyOf(resources.values())) {
            if (!resource.getName().endsWith(".bpmn")) {
                continue;
            }
            BpmnModelInstance model;
            try {
                model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
            } catch (ModelParseException e) {
                continue;
            }
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                needed.addAll(formsOf(task.getCamundaFormRef(), task.getCamundaFormKey(), formIds, byFormId, packaged));
            }
            for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                needed.addAll(formsOf(start.getCamundaFormRef(), start.getCamundaFormKey(), formIds, byFormId, packaged));
            }
        }
        for (String name : needed) {
            if (resources.containsKey(name)) {
                continue;
            }
            ResourceEntity form = new ResourceEntity();
            form.setName(name);
            form.setBytes(packaged.get(name));
            form.setDeploymentId(deployment.getId());
            form.setType(org.camunda.bpm.engine.repository.ResourceTypes.REPOSITORY.getValue());
            form.setCreateTime(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime());
            Context.getCommandContext().getResourceManager().insertResource(form);
            deployment.addResource(form);
        }
        if (!needed.isEmpty()) {
            log.info("Deployment {} ('{}', source {}) completed with the application's forms it names: {}",
                    deployment.getId(), deployment.getName(), deployment.getSource(), needed);
        }
    }

    /** The packaged form files a task or start event names and the deployment lacks. */
    private static List<String> formsOf(String formRef, String formKey, Set<String> formIds, Map<String, byte[]> byFormId,
                                        Map<String, byte[]> packaged) {
        List<String> out = new ArrayList<>();
        if (formRef != null && !formIds.contains(formRef) && byFormId.containsKey(formRef)) {
            packaged.forEach((name, bytes) -> {
                if (bytes == byFormId.get(formRef)) {
                    out.add(name);
                }
            });
        }
        if (formKey != null && formKey.contains(DEPLOYMENT_PREFIX)) {
            String path = formKey.substring(formKey.indexOf(DEPLOYMENT_PREFIX) + DEPLOYMENT_PREFIX.length());
            if (packaged.containsKey(path)) {
                out.add(path);
            }
        }
        return out;
    }

    /** Every breach of the contract in the deployment's diagrams. */
    List<Breach> breaches(Map<String, ResourceEntity> resources) {
        Set<String> formIds = formIds(resources);
        List<Breach> out = new ArrayList<>();
        for (ResourceEntity resource : resources.values()) {
            if (!resource.getName().endsWith(".bpmn") && !resource.getName().endsWith(".bpmn20.xml")) {
                continue;
            }
            BpmnModelInstance model;
            try {
                model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
            } catch (ModelParseException e) {
                continue; // the engine's own parser names what is wrong with it
            }
            check(model, resource.getName(), resources.keySet(), formIds, out);
        }
        return out;
    }

    private void check(BpmnModelInstance model, String file, Set<String> resources, Set<String> formIds,
                       List<Breach> out) {
        for (ScriptTask task : model.getModelElementsByType(ScriptTask.class)) {
            out.add(new Breach(file, task, "不得使用脚本任务", "script tasks are not allowed"));
        }
        for (CamundaScript script : model.getModelElementsByType(CamundaScript.class)) {
            out.add(new Breach(file, owner(script), "不得使用脚本（camunda:script）", "scripts are not allowed"));
        }
        for (ConditionExpression condition : model.getModelElementsByType(ConditionExpression.class)) {
            if (condition.getLanguage() != null && !condition.getLanguage().isBlank()) {
                out.add(new Breach(file, owner(condition), "条件不得使用脚本语言（" + condition.getLanguage() + "）",
                        "conditions may not be scripts (" + condition.getLanguage() + ")"));
            }
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if ("external".equals(task.getCamundaType())) {
                out.add(new Breach(file, task, "本系统没有外部任务的执行程序", "the application has no external task worker"));
            }
            delegate(file, task, task.getCamundaClass(), task.getCamundaDelegateExpression(), out);
        }
        for (CamundaExecutionListener l : model.getModelElementsByType(CamundaExecutionListener.class)) {
            delegate(file, owner(l), l.getCamundaClass(), l.getCamundaDelegateExpression(), out);
        }
        for (CamundaTaskListener l : model.getModelElementsByType(CamundaTaskListener.class)) {
            delegate(file, owner(l), l.getCamundaClass(), l.getCamundaDelegateExpression(), out);
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            if (ofCaseProcess(task)) {
                userTask(file, task, resources, formIds, out);
            }
        }
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            if (!ofCaseProcess(start)) {
                continue;
            }
            form(file, start, start.getCamundaFormRef(), start.getCamundaFormRefBinding(), start.getCamundaFormKey(),
                    resources, formIds, out);
        }
    }

    private void userTask(String file, UserTask task, Set<String> resources, Set<String> formIds, List<Breach> out) {
        if (blank(task.getCamundaCandidateGroups()) && blank(task.getCamundaAssignee())
                && blank(task.getCamundaCandidateUsers())) {
            out.add(new Breach(file, task, "须指定候选组（camunda:candidateGroups，如 ${entityCode}-office）或办理人",
                    "needs candidate groups (camunda:candidateGroups, e.g. ${entityCode}-office) or an assignee"));
        }
        String due = task.getCamundaDueDate();
        boolean caseDeadline = DeclaredDeadline.ofDueDate(due).isPresent();
        if (!caseDeadline && (due == null || !WORKING_DAYS.matcher(due).matches())) {
            out.add(new Breach(file, task,
                    "须有截止日期：案件期限（如 ${deadlineIssuance}）或工作日数（如 10WD）" + (blank(due) ? "" : "，而不是 " + due),
                    "needs a due date: a case deadline (e.g. ${deadlineIssuance}) or working days (e.g. 10WD)"
                            + (blank(due) ? "" : ", not " + due)));
        }
        boolean reminders = DeclaredTimers.timeoutListeners(task).stream().flatMap(l -> l.getTimeouts().stream())
                .anyMatch(DeclaredTimers::isReminderCycle);
        if (reminders && !caseDeadline) {
            out.add(new Breach(file, task, "催办提醒须跟随案件期限：截止日期须为 ${deadline…}",
                    "reminders follow a case deadline: the due date must be ${deadline…}"));
        }
        for (CamundaTaskListener l : DeclaredTimers.timeoutListeners(task)) {
            for (TimerEventDefinition timer : l.getTimeouts()) {
                if (timer.getTimeCycle() == null && timer.getTimeDate() == null && timer.getTimeDuration() == null) {
                    out.add(new Breach(file, task, "超时监听器缺少定时器", "a timeout listener has no timer"));
                }
            }
        }
        form(file, task, task.getCamundaFormRef(), task.getCamundaFormRefBinding(), task.getCamundaFormKey(), resources,
                formIds, out);
    }

    private void form(String file, BaseElement element, String formRef, String binding, String formKey,
                      Set<String> resources, Set<String> formIds, List<Breach> out) {
        if (!blank(formRef)) {
            boolean inDeployment = formIds.contains(formRef);
            boolean deployed = inDeployment || (!"deployment".equals(binding) && Context.getCommandContext() != null
                    && Context.getCommandContext().getCamundaFormDefinitionManager()
                    .findLatestDefinitionByKey(formRef) != null);
            if (!deployed) {
                out.add(new Breach(file, element, "表单 " + formRef + " 不在本次部署中：请在 Camunda Modeler 的部署对话框中"
                        + "附上 forms/ 文件夹中的表单文件（.form、.html）一并部署",
                        "form " + formRef + " is not in this deployment: attach the files of forms/ (.form, .html) in "
                                + "Camunda Modeler's deploy dialog"));
            }
        }
        if (!blank(formKey)) {
            int at = formKey.indexOf(DEPLOYMENT_PREFIX);
            if (at >= 0) {
                String path = formKey.substring(at + DEPLOYMENT_PREFIX.length());
                if (!resources.contains(path)) {
                    out.add(new Breach(file, element, "表单文件 " + path + " 不在本次部署中：请在部署对话框中附上它",
                            "form file " + path + " is not in this deployment: attach it in the deploy dialog"));
                }
            }
        }
    }

    private void delegate(String file, ModelElementInstance element, String javaClass, String delegateExpression,
                          List<Breach> out) {
        if (!blank(javaClass) && !isDelegateClass(javaClass)) {
            out.add(new Breach(file, element, "Java 类 " + javaClass + " 不是本系统的步骤，请选用元素模板中的步骤",
                    "Java class " + javaClass + " is none of the application's steps: use a step of the element templates"));
        }
        if (!blank(delegateExpression)) {
            Matcher m = BEAN.matcher(delegateExpression);
            if (!m.matches() || !beans.containsBean(m.group(1))) {
                out.add(new Breach(file, element, "委托表达式 " + delegateExpression + " 不是本系统的步骤",
                        "delegate expression " + delegateExpression + " is none of the application's steps"));
            }
        }
    }

    /** Whether a class of the application implements a delegate or listener the engine can run. */
    private static boolean isDelegateClass(String name) {
        try {
            Class<?> type = Class.forName(name.strip(), false, DeploymentContract.class.getClassLoader());
            return JavaDelegate.class.isAssignableFrom(type) || ExecutionListener.class.isAssignableFrom(type)
                    || TaskListener.class.isAssignableFrom(type) || ActivityBehavior.class.isAssignableFrom(type);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether the element belongs to the process the application runs its cases on (its people, dates, forms). */
    private static boolean ofCaseProcess(ModelElementInstance element) {
        for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
            if (e instanceof Process process) {
                return AnnualReportProcess.PROCESS_KEY.equals(process.getId());
            }
        }
        return false;
    }

    private Set<String> formIds(Map<String, ResourceEntity> resources) {
        Set<String> ids = new HashSet<>();
        for (ResourceEntity resource : resources.values()) {
            if (resource.getName().endsWith(".form")) {
                formId(resource.getBytes()).ifPresent(ids::add);
            }
        }
        return ids;
    }

    /** The id of a Camunda Form, if the bytes are one. */
    private java.util.Optional<String> formId(byte[] form) {
        try {
            JsonNode id = json.readTree(form).get("id");
            return id != null && id.isTextual() ? java.util.Optional.of(id.asText()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty(); // the engine refuses an unreadable form itself
        }
    }

    /** The flow element or process an extension element belongs to. */
    private static ModelElementInstance owner(ModelElementInstance element) {
        ModelElementInstance e = element;
        while (e != null && !(e instanceof BaseElement)) {
            e = e.getParentElement();
        }
        if (e instanceof ConditionExpression) {
            e = e.getParentElement();
        }
        return e;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** One breach: the file and element, and what is wrong in Chinese and English. */
    record Breach(String where, String zh, String en) {

        Breach(String file, ModelElementInstance element, String zh, String en) {
            this(file + " " + describe(element), zh, en);
        }

        private static String describe(ModelElementInstance element) {
            if (element instanceof BaseElement base) {
                String name = base.getAttributeValue("name");
                return base.getId() + (name == null || name.isBlank() ? "" : "（" + name + "）");
            }
            return element == null ? "?" : element.getElementType().getTypeName();
        }
    }
}
