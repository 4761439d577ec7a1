package cn.fazhi.annualreport.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.AnnualReportTest;
import cn.fazhi.annualreport.testing.Mails;
import cn.fazhi.annualreport.testing.TestCases;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The administrator's path from Camunda Modeler: a copy of the shipped diagram, edited as the Modeler writes it (a new
 * task from the due-date template with the reminder listener, a task's deadline moved), deployed through
 * {@code /engine-rest/deployment/create} with the Modeler's form fields; cases on it get due dates, reminder mails and
 * re-planning from the diagram alone; a diagram that breaks the contract is refused; a restart keeps it in force.
 */
@AnnualReportTest
class ModelerDeploymentTest {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "Fz-Test-K7q#2026-Vw";
    private static final String MODELER = "Camunda Modeler";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final String NEW_TASK = "UserTask_LegalCheck";
    private static final String NEW_TASK_NAME = "法制机构合法性审查";

    @Autowired
    ProcessEngine engine;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    GreenMail smtp;
    @Autowired
    ProcessResourcesDeployer deployer;

    TestCases cases;
    RepositoryService repository;

    @BeforeEach
    void setUp() throws Exception {
        cases = new TestCases(engine);
        repository = engine.getRepositoryService();
        smtp.purgeEmailFromAllMailboxes();
        TestCases.setClock(LocalDateTime.of(2026, 1, 5, 10, 0));
    }

    @AfterEach
    void tearDown() {
        cases.cleanUp();
        repository.createDeploymentQuery().deploymentSource(MODELER).list()
                .forEach(d -> repository.deleteDeployment(d.getId(), true));
    }

    @Test
    void aDiagramDeployedFromTheModelerRunsItsNewTaskWithDueDateRemindersAndReplanning() throws Exception {
        // Given the shipped diagram with a task added after drafting (template 截止日期, the reminder listener) and the
        // draft task's deadline moved to the internal review's
        String edited = withLegalCheck(shippedDiagram())
                .replace("camunda:dueDate=\"${deadlineFirstDraft}\"", "camunda:dueDate=\"${deadlineInternalReview}\"");

        // When the administrator deploys it from the Modeler's deploy dialog, the diagram alone
        ResponseEntity<Map<String, Object>> deployed = deploy(ADMIN, ADMIN_PASSWORD, Map.of("annual-report.bpmn", edited));

        // Then it is the version new cases use, completed with the forms it names
        assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
        String deploymentId = (String) deployed.getBody().get("id");
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey("annual-report")
                .latestVersion().singleResult();
        assertThat(latest.getDeploymentId()).isEqualTo(deploymentId);
        assertThat(repository.getDeploymentResourceNames(deploymentId))
                .contains("annual-report.bpmn", "forms/kickoff.form", "forms/draft-report.html", "forms/filing.form");

        // When a case starts on it and the drafter hands in the draft
        ProcessInstance pi = cases.start("bayan-gaj", 2025);
        assertThat(pi.getProcessDefinitionId()).isEqualTo(latest.getId());
        Task draft = cases.task(pi, "UserTask_DraftReport");
        Object internalReview = engine.getRuntimeService().getVariable(pi.getId(), "deadlineInternalReview");
        assertThat(draft.getDueDate()).as("the moved deadline").isEqualTo(internalReview);
        assertThat(get("bayan_gaj_staff", "demo", "/engine-rest/task/" + draft.getId() + "/deployed-form")
                .getStatusCode()).as("the draft form opens").isEqualTo(HttpStatus.OK);
        HttpHeaders drafter = new HttpHeaders();
        drafter.setBasicAuth("bayan_gaj_staff", "demo");
        drafter.setContentType(MediaType.APPLICATION_JSON);
        assertThat(rest.exchange("/engine-rest/task/" + draft.getId() + "/complete", HttpMethod.POST,
                new HttpEntity<>(Map.of("variables", Map.of()), drafter), String.class).getStatusCode())
                .as("the server-side form check holds on the administrator's version").isEqualTo(HttpStatus.BAD_REQUEST);
        cases.complete(pi, "UserTask_DraftReport", TestCases.draft(false));

        // Then the new task is open, due at the deadline it declares, with its reminder timer
        Task check = cases.task(pi, NEW_TASK);
        assertThat(check.getName()).isEqualTo(NEW_TASK_NAME);
        assertThat(check.getDueDate()).isEqualTo(internalReview);
        Job reminder = reminderOf(pi);
        assertThat(reminder.getDuedate()).isBefore(check.getDueDate());

        // When its reminder time comes
        ClockUtil.setCurrentTime(reminder.getDuedate());
        cases.executeDueJobs();

        // Then the owners got the reminder of the new task in their mailbox
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).isNotEmpty();
        assertThat(Arrays.stream(mails).map(Mails::text)).anyMatch(text -> text.contains(NEW_TASK_NAME)
                && text.contains("/camunda/app/tasklist/default/#/?task=" + check.getId()));

        // When a higher-level notice moves the internal review to 27 February
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("bayan_gaj_head", "demo");
        ResponseEntity<Map<String, Object>> replanned = rest.exchange("/api/reports/bayan-gaj/2025/deadlines",
                HttpMethod.PUT, new HttpEntity<>(Map.of("notice", "市依法治市办通知",
                        "dates", Map.of("INTERNAL_REVIEW", "2026-02-27")), headers), JSON);

        // Then the new task and its next reminder move with it, though no Java code names the task
        assertThat(replanned.getStatusCode()).isEqualTo(HttpStatus.OK);
        Task moved = cases.task(pi, NEW_TASK);
        assertThat(moved.getDueDate().toInstant().atZone(TestCases.ZONE).toLocalDate())
                .isEqualTo(LocalDate.of(2026, 2, 27));
        Job next = reminderOf(pi);
        assertThat(next.getDuedate()).isAfter(ClockUtil.getCurrentTime()).isBefore(moved.getDueDate());
        assertThat(next.getDuedate().toInstant().atZone(TestCases.ZONE).toLocalDate())
                .isEqualTo(LocalDate.of(2026, 2, 24)); // 3 working days before 27 February, at the reminder hour
    }

    @Test
    void aDiagramThatBreaksTheContractIsRefusedBeforeAnyCaseUsesIt() throws Exception {
        long versions = repository.createProcessDefinitionQuery().processDefinitionKey("annual-report").count();
        String shipped = shippedDiagram();
        Map<String, String> breaches = Map.of(
                "a script task", withLegalCheck(shipped).replace(
                        "<bpmn:userTask id=\"UserTask_LegalCheck\"", "<bpmn:scriptTask id=\"ScriptTask_X\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask><bpmn:userTask id=\"UserTask_LegalCheck\""),
                "a task without a due date", withLegalCheck(shipped).replace(
                        "name=\"" + NEW_TASK_NAME + "\" camunda:candidateGroups=\"${entityCode}-owner\" camunda:dueDate=\"${deadlineInternalReview}\"",
                        "name=\"" + NEW_TASK_NAME + "\" camunda:candidateGroups=\"${entityCode}-owner\""),
                "a task nobody can do", withLegalCheck(shipped).replace(
                        " camunda:candidateGroups=\"${entityCode}-owner\" camunda:dueDate=\"${deadlineInternalReview}\"",
                        " camunda:dueDate=\"${deadlineInternalReview}\""),
                "an unknown delegate", shipped.replace("${receiptCheckDelegate}", "${receiptCheckerThatDoesNotExist}"),
                "a form that does not exist", shipped.replace("camunda:formRef=\"form-archive\"",
                        "camunda:formRef=\"form-nowhere\""),
                "a Java class that is none of the application's steps", withLegalCheck(shipped).replace(
                        "<bpmn:userTask id=\"UserTask_LegalCheck\"", "<bpmn:sendTask id=\"SendTask_X\" camunda:class=\"java.lang.Thread\" /><bpmn:userTask id=\"UserTask_LegalCheck\""),
                "an expression of its own", shipped.replace("camunda:delegateExpression=\"${receiptCheckDelegate}\"",
                        "camunda:expression=\"${identityService.deleteUser('admin')}\""),
                "a script language in a condition", shipped.replace("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${hasContributors}",
                        "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"groovy\">${hasContributors}"));
        for (Map.Entry<String, String> breach : breaches.entrySet()) {
            // When the administrator deploys it
            ResponseEntity<Map<String, Object>> response = deploy(ADMIN, ADMIN_PASSWORD,
                    Map.of("annual-report.bpmn", breach.getValue()));

            // Then it is refused with what is wrong, in both languages, and no version is added
            assertThat(response.getStatusCode()).as(breach.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) response.getBody().get("messageZh")).as(breach.getKey()).startsWith("部署被拒绝");
            assertThat((String) response.getBody().get("messageEn")).as(breach.getKey()).startsWith("Deployment refused");
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("annual-report").count())
                    .as(breach.getKey()).isEqualTo(versions);
        }
        assertThat(repository.createDeploymentQuery().deploymentSource(MODELER).count()).isZero();
    }

    @Test
    void aDeploymentTheApplicationCannotUseIsRefusedWithAClearReasonNotA500() throws Exception {
        long deployments = repository.createDeploymentQuery().count();
        String diagram = withLegalCheck(shippedDiagram());
        String dmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" "
                + "id=\"d\" name=\"d\" namespace=\"x\"><decision id=\"d1\" name=\"d1\"><decisionTable id=\"t\">"
                + "<output id=\"o\" typeRef=\"string\" /></decisionTable></decision></definitions>";
        Map<String, ResponseEntity<Map<String, Object>>> answers = new java.util.LinkedHashMap<>();
        answers.put("a tenant", deploy(ADMIN, ADMIN_PASSWORD, "/engine-rest/deployment/create",
                Map.of("annual-report.bpmn", diagram), Map.of("tenant-id", "t1")));
        answers.put("a decision table", deploy(ADMIN, ADMIN_PASSWORD, Map.of("annual-report.bpmn", diagram, "rules.dmn", dmn)));
        answers.put("a form that is no form", deploy(ADMIN, ADMIN_PASSWORD,
                Map.of("annual-report.bpmn", diagram, "kickoff.form", "{not json")));
        answers.put("forms alone", deploy(ADMIN, ADMIN_PASSWORD, Map.of("kickoff.form",
                new String(ProcessResourcesDeployer.packagedResources().get("forms/kickoff.form"), StandardCharsets.UTF_8))));
        answers.put("the application's own source", deploy(ADMIN, ADMIN_PASSWORD, "/engine-rest/deployment/create",
                Map.of("annual-report.bpmn", diagram), Map.of("deployment-source", ProcessResourcesDeployer.SOURCE)));
        answers.forEach((what, response) -> {
            assertThat(response.getStatusCode()).as(what).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) response.getBody().get("messageZh")).as(what).startsWith("部署被拒绝");
        });
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void aDiagramNamedBpmn20XmlIsCompletedWithTheFormsToo() throws Exception {
        ResponseEntity<Map<String, Object>> deployed = deploy(ADMIN, ADMIN_PASSWORD,
                Map.of("annual-report.bpmn20.xml", withLegalCheck(shippedDiagram())));
        assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(repository.getDeploymentResourceNames((String) deployed.getBody().get("id")))
                .contains("forms/kickoff.form", "forms/draft-report.html");
    }

    @Test
    void onlyAnAdministratorDeploys() throws Exception {
        String edited = withLegalCheck(shippedDiagram());
        for (String path : List.of("/engine-rest/deployment/create", "/engine-rest/deployment/create/",
                "/engine-rest//deployment/create", "/engine-rest/deployment/./create")) {
            ResponseEntity<Map<String, Object>> response = deploy("bayan_gaj_head", "demo", path,
                    Map.of("annual-report.bpmn", edited));
            assertThat(response.getStatusCode().is2xxSuccessful()).as(path).isFalse();
            assertThat(response.getStatusCode().is4xxClientError()).as(path).isTrue();
        }
        assertThat(repository.createDeploymentQuery().deploymentSource(MODELER).count()).isZero();
    }

    @Test
    void aRestartOrAReleaseKeepsTheAdministratorsVersionInForce() throws Exception {
        // Given the administrator's version is the latest
        ResponseEntity<Map<String, Object>> deployed = deploy(ADMIN, ADMIN_PASSWORD,
                Map.of("annual-report.bpmn", withLegalCheck(shippedDiagram())));
        String adminDeployment = (String) deployed.getBody().get("id");

        // When the application starts again with the same files, and then with a release whose diagram changed
        Map<String, byte[]> packaged = ProcessResourcesDeployer.packagedResources();
        ProcessResourcesDeployer.Outcome restart = deployer.deploy(repository, packaged);
        Map<String, byte[]> release = new java.util.LinkedHashMap<>(packaged);
        release.put("bpmn/annual-report.bpmn", (new String(packaged.get("bpmn/annual-report.bpmn"),
                StandardCharsets.UTF_8) + "<!-- release -->").getBytes(StandardCharsets.UTF_8));
        ProcessResourcesDeployer.Outcome upgrade = deployer.deploy(repository, release);

        // Then neither deployed anything, and new cases still use the administrator's version
        assertThat(restart.deployed()).isFalse();
        assertThat(upgrade.deployed()).isFalse();
        assertThat(upgrade.keptAdminVersion()).isTrue();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("annual-report").latestVersion()
                .singleResult().getDeploymentId()).isEqualTo(adminDeployment);
    }

    // --- the administrator's tools ----------------------------------------------------------------------------

    private static String shippedDiagram() throws IOException {
        return Files.readString(Path.of("bpmn/annual-report.bpmn"), StandardCharsets.UTF_8);
    }

    /** Adds 法制机构合法性审查 after drafting, as the Modeler writes it: template, reminder listener, flows and shape. */
    private static String withLegalCheck(String diagram) {
        String task = "<bpmn:userTask id=\"" + NEW_TASK + "\" camunda:modelerTemplate=\"cn.fazhi.annualreport.due-date\" "
                + "camunda:modelerTemplateVersion=\"2\" name=\"" + NEW_TASK_NAME + "\" "
                + "camunda:candidateGroups=\"${entityCode}-owner\" camunda:dueDate=\"${deadlineInternalReview}\">"
                + "<bpmn:extensionElements><camunda:taskListener delegateExpression=\"${taskReminderListener}\" "
                + "event=\"timeout\" id=\"Reminders_LegalCheck\"><bpmn:timerEventDefinition id=\"TimerDef_LegalCheck\">"
                + "<bpmn:timeCycle xsi:type=\"bpmn:tFormalExpression\">${reminderSchedule.forTask(execution)}</bpmn:timeCycle>"
                + "</bpmn:timerEventDefinition></camunda:taskListener>"
                + "<camunda:failedJobRetryTimeCycle>R5/PT5M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements>"
                + "<bpmn:incoming>Flow_DraftToSolicit</bpmn:incoming><bpmn:outgoing>Flow_LegalCheckDone</bpmn:outgoing>"
                + "</bpmn:userTask>\n<bpmn:sequenceFlow id=\"Flow_LegalCheckDone\" sourceRef=\"" + NEW_TASK
                + "\" targetRef=\"Gateway_SolicitOpinions\" />\n";
        String edited = diagram
                .replace("<bpmn:sequenceFlow id=\"Flow_DraftToSolicit\" sourceRef=\"UserTask_DraftReport\" targetRef=\"Gateway_SolicitOpinions\" />",
                        "<bpmn:sequenceFlow id=\"Flow_DraftToSolicit\" sourceRef=\"UserTask_DraftReport\" targetRef=\"" + NEW_TASK + "\" />")
                .replace("<bpmn:incoming>Flow_DraftToSolicit</bpmn:incoming><bpmn:outgoing>Flow_SolicitYes</bpmn:outgoing>",
                        "<bpmn:incoming>Flow_LegalCheckDone</bpmn:incoming><bpmn:outgoing>Flow_SolicitYes</bpmn:outgoing>")
                .replace("</bpmn:process>", task + "</bpmn:process>")
                .replace("</bpmndi:BPMNPlane>", "<bpmndi:BPMNShape id=\"" + NEW_TASK + "_di\" bpmnElement=\"" + NEW_TASK
                        + "\"><dc:Bounds x=\"960\" y=\"520\" width=\"100\" height=\"80\" /></bpmndi:BPMNShape>\n"
                        + "</bpmndi:BPMNPlane>");
        assertThat(edited).contains("targetRef=\"" + NEW_TASK + "\"", "<bpmn:incoming>Flow_LegalCheckDone");
        return edited;
    }

    private Job reminderOf(ProcessInstance pi) {
        return engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .activityId(NEW_TASK).singleResult();
    }

    private ResponseEntity<Map<String, Object>> deploy(String user, String password, Map<String, String> files) {
        return deploy(user, password, "/engine-rest/deployment/create", files);
    }

    /** The Modeler's deploy request: its form fields and each file under its own name. */
    private ResponseEntity<Map<String, Object>> deploy(String user, String password, String path,
                                                       Map<String, String> files) {
        return deploy(user, password, path, files, Map.of());
    }

    private ResponseEntity<Map<String, Object>> deploy(String user, String password, String path,
                                                       Map<String, String> files, Map<String, String> fields) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("deployment-name", "annual-report");
        body.add("deployment-source", fields.getOrDefault("deployment-source", MODELER));
        body.add("deploy-changed-only", "true");
        if (fields.containsKey("tenant-id")) {
            body.add("tenant-id", fields.get("tenant-id"));
        }
        files.forEach((name, content) -> body.add(name, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        }));
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JSON);
    }

    private ResponseEntity<String> get(String user, String password, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
