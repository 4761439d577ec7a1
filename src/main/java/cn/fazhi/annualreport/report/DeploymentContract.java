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
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.ModelParseException;
import org.camunda.bpm.model.xml.instance.DomElement;
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
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final String APPLICATION_PACKAGE = "cn.fazhi.annualreport.";
    private static final List<String> OTHER_MODELS = List.of(".dmn", ".dmn11.xml", ".cmmn", ".cmmn10.xml", ".cmmn11.xml");

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
        List<String> added = completeForms(deployment);
        List<Breach> breaches = new ArrayList<>(deploymentBreaches(deployment));
        breaches.addAll(breaches(deployment.getResources()));
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
        if (!added.isEmpty()) {
            log.info("Deployment {} ('{}', source {}) completed with the application's forms it names: {}",
                    deployment.getId(), deployment.getName(), deployment.getSource(), added);
        }
    }

    /**
     * Completes a deployment made of a diagram alone — as Camunda Modeler's deploy dialog sends it — with the
     * application's own forms it names and lacks, so that its tasks open their forms: a form file attached by its bare
     * name ("draft-report.html") takes its place under forms/, and a form attached keeps precedence over the packaged
     * one. Only forms the application ships are added; any other missing form is a breach.
     */
    List<String> completeForms(DeploymentEntity deployment) {
        Map<String, ResourceEntity> resources = deployment.getResources();
        if (resources.keySet().stream().noneMatch(DeploymentContract::isDiagram)
                || SOURCE_OF_APPLICATION.equals(deployment.getSource())) {
            return List.of();
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
        Map<String, String> fileOfFormId = new java.util.HashMap<>();
        packaged.forEach((name, bytes) -> formId(bytes).ifPresent(id -> fileOfFormId.put(id, name)));
        Set<String> needed = new java.util.TreeSet<>();
        for (BpmnModelInstance model : diagrams(resources).values()) {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                needed.addAll(formsOf(task.getCamundaFormRef(), task.getCamundaFormKey(), formIds, fileOfFormId, packaged));
            }
            for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                needed.addAll(formsOf(start.getCamundaFormRef(), start.getCamundaFormKey(), formIds, fileOfFormId, packaged));
            }
        }
        List<String> added = new ArrayList<>();
        for (String name : needed) {
            if (resources.containsKey(name)) {
                continue;
            }
            added.add(name);
            ResourceEntity form = new ResourceEntity();
            form.setName(name);
            form.setBytes(packaged.get(name));
            form.setDeploymentId(deployment.getId());
            form.setType(org.camunda.bpm.engine.repository.ResourceTypes.REPOSITORY.getValue());
            form.setCreateTime(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime());
            Context.getCommandContext().getResourceManager().insertResource(form);
            deployment.addResource(form);
        }
        return added;
    }

    /** The packaged form files a task or start event names and the deployment lacks. */
    private static List<String> formsOf(String formRef, String formKey, Set<String> formIds,
                                        Map<String, String> fileOfFormId, Map<String, byte[]> packaged) {
        List<String> out = new ArrayList<>();
        if (formRef != null && !formIds.contains(formRef) && fileOfFormId.containsKey(formRef)) {
            out.add(fileOfFormId.get(formRef));
        }
        if (formKey != null && formKey.contains(DEPLOYMENT_PREFIX)) {
            String path = formKey.substring(formKey.indexOf(DEPLOYMENT_PREFIX) + DEPLOYMENT_PREFIX.length());
            if (packaged.containsKey(path)) {
                out.add(path);
            }
        }
        return out;
    }

    /** What is wrong with the deployment as a whole: a tenant, other kinds of model, forms that are no forms, … */
    private List<Breach> deploymentBreaches(DeploymentEntity deployment) {
        List<Breach> out = new ArrayList<>();
        String name = deployment.getName() == null ? "" : deployment.getName();
        if (deployment.getTenantId() != null) {
            out.add(new Breach(name, "本系统不使用租户，部署不得指定租户（tenant-id=" + deployment.getTenantId() + "）",
                    "the application has no tenants: a deployment may not name one (tenant-id="
                            + deployment.getTenantId() + ")"));
        }
        if (ProcessResourcesDeployer.SOURCE.equals(deployment.getSource()) && !ProcessResourcesDeployer.deploying()) {
            out.add(new Breach(name, "部署来源 " + ProcessResourcesDeployer.SOURCE + " 留给系统自身使用",
                    "the deployment source " + ProcessResourcesDeployer.SOURCE + " is the application's own"));
        }
        boolean diagram = false;
        boolean forms = false;
        for (ResourceEntity resource : deployment.getResources().values()) {
            String file = resource.getName();
            diagram |= isDiagram(file);
            if (OTHER_MODELS.stream().anyMatch(file::endsWith)) {
                out.add(new Breach(file, "本系统不使用决策表（DMN）或案例模型（CMMN）",
                        "the application uses no decision tables (DMN) or case models (CMMN)"));
            }
            if (file.endsWith(".form")) {
                forms = true;
                if (formId(resource.getBytes()).isEmpty()) {
                    out.add(new Breach(file, "不是有效的 Camunda 表单（须为含 id 的 JSON）",
                            "is not a valid Camunda Form (JSON with an id)"));
                }
            }
            forms |= file.endsWith(".html");
        }
        if (forms && !diagram) {
            out.add(new Breach(name, "只含表单的部署不会生效（任务按流程图所在的部署查找表单）：请把表单与流程图一同部署；"
                    + "流程图未改动时，请先修改其版本标签（Version tag），否则“仅部署变更”会略去流程图",
                    "a deployment of forms alone has no effect (tasks find their forms in their diagram's deployment): "
                            + "deploy the forms with the diagram; if the diagram is unchanged, change its version tag "
                            + "first, or deploy-changed-only leaves it out"));
        }
        return out;
    }

    private static boolean isDiagram(String name) {
        return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
    }

    /** Every breach of the contract in the deployment's diagrams. */
    List<Breach> breaches(Map<String, ResourceEntity> resources) {
        Set<String> formIds = formIds(resources);
        List<Breach> out = new ArrayList<>();
        diagrams(resources).forEach((file, model) -> check(model, file, resources.keySet(), formIds, out));
        return out;
    }

    /** The deployment's diagrams that parse, by file name (the engine's own parser names what is wrong with others). */
    private static Map<String, BpmnModelInstance> diagrams(Map<String, ResourceEntity> resources) {
        Map<String, BpmnModelInstance> diagrams = new java.util.LinkedHashMap<>();
        for (ResourceEntity resource : resources.values()) {
            if (isDiagram(resource.getName())) {
                try {
                    diagrams.put(resource.getName(),
                            Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes())));
                } catch (ModelParseException e) {
                    // left to the engine
                }
            }
        }
        return diagrams;
    }

    private void check(BpmnModelInstance model, String file, Set<String> resources, Set<String> formIds,
                       List<Breach> out) {
        everyElement(model.getDocument().getRootElement(), file, out);
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

    /**
     * What no element of any process may carry, whatever its type (a send task, a listener, a multi-instance
     * condition, a conditional event): a script or a script language, an expression of its own, a Java class that is
     * not one of the application's steps, a delegate expression naming none of its beans, an external task.
     */
    private void everyElement(DomElement element, String file, List<Breach> out) {
        String local = element.getLocalName();
        if ("scriptTask".equals(local) || "script".equals(local)) {
            out.add(new Breach(file + " " + where(element), "不得使用脚本", "scripts are not allowed"));
        }
        String language = element.getAttribute("language");
        if (language == null) {
            language = element.getAttribute("scriptFormat");
        }
        if (language != null && !language.isBlank() && !"scriptTask".equals(local)) {
            out.add(new Breach(file + " " + where(element), "不得使用脚本语言（" + language + "）",
                    "script languages (" + language + ") are not allowed"));
        }
        String javaClass = element.getAttribute(CAMUNDA_NS, "class");
        if (javaClass != null && !javaClass.isBlank() && !isDelegateClass(javaClass)) {
            out.add(new Breach(file + " " + where(element),
                    "Java 类 " + javaClass + " 不是本系统的步骤，请选用元素模板中的步骤",
                    "Java class " + javaClass + " is none of the application's steps: use a step of the element templates"));
        }
        String expression = element.getAttribute(CAMUNDA_NS, "expression");
        if (expression != null && !expression.isBlank()) {
            out.add(new Breach(file + " " + where(element),
                    "不得使用任意表达式（camunda:expression=" + expression + "），请选用元素模板中的步骤",
                    "expressions of its own (camunda:expression=" + expression + ") are not allowed: use a step of "
                            + "the element templates"));
        }
        String delegateExpression = element.getAttribute(CAMUNDA_NS, "delegateExpression");
        if (delegateExpression != null && !delegateExpression.isBlank()) {
            Matcher m = BEAN.matcher(delegateExpression);
            if (!m.matches() || !beans.containsBean(m.group(1))) {
                out.add(new Breach(file + " " + where(element), "委托表达式 " + delegateExpression + " 不是本系统的步骤",
                        "delegate expression " + delegateExpression + " is none of the application's steps"));
            }
        }
        if ("external".equals(element.getAttribute(CAMUNDA_NS, "type"))) {
            out.add(new Breach(file + " " + where(element), "本系统没有外部任务的执行程序",
                    "the application has no external task worker"));
        }
        for (DomElement child : element.getChildElements()) {
            everyElement(child, file, out);
        }
    }

    /** The element's id and name, or those of the nearest element around it that has an id. */
    private static String where(DomElement element) {
        for (DomElement e = element; e != null; e = e.getParentElement()) {
            String id = e.getAttribute("id");
            if (id != null && !id.isBlank()) {
                String name = e.getAttribute("name");
                return id + (name == null || name.isBlank() ? "" : "（" + name + "）");
            }
        }
        return element.getLocalName();
    }

    /** Whether a class of the application implements a delegate or listener the engine can run. */
    private static boolean isDelegateClass(String name) {
        if (!name.strip().startsWith(APPLICATION_PACKAGE)) {
            return false;
        }
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
