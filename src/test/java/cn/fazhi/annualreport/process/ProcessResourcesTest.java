package cn.fazhi.annualreport.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deploys everything in bpmn/ and forms/ together, as the application does, and checks that every user task and none
 * start event has a form that exists in the deployment and parses: Camunda Forms by formRef, embedded HTML by formKey.
 */
class ProcessResourcesTest {

    @RegisterExtension
    static ProcessEngineExtension engineExtension = ProcessEngineExtension.builder()
            .configurationResource("deployment-test.cfg.xml").build();

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Closes the plain engine (which unregisters it): left registered beside the application's, it made the webapps of
     * later tests in the same JVM offer an engine chooser ("default" in Tasklist's header).
     */
    @AfterAll
    static void closeTheEngine() {
        engineExtension.getProcessEngine().close();
    }

    @Test
    void everyUserTaskAndStartEventHasADeployedFormThatParses() throws IOException {
        // Given bpmn/ and forms/ deployed as one deployment
        ProcessEngine engine = engineExtension.getProcessEngine();
        DeploymentBuilder builder = engine.getRepositoryService().createDeployment().name("resources-test");
        for (Path dir : List.of(Path.of("bpmn"), Path.of("forms"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    builder.addInputStream(dir + "/" + f.getFileName(), Files.newInputStream(f));
                }
            }
        }
        String deploymentId = builder.deploy().getId();

        try {
            // When every process's form references are resolved against the deployment
            Set<String> formIds = new HashSet<>();
            for (String name : engine.getRepositoryService().getDeploymentResourceNames(deploymentId)) {
                if (name.endsWith(".form")) {
                    JsonNode form = json.readTree(resource(engine, deploymentId, name));
                    assertThat(form.path("components").isArray()).as(name + " has components").isTrue();
                    assertThat(formIds.add(form.path("id").asText())).as(name + " has a unique id").isTrue();
                }
            }
            List<String> checked = new ArrayList<>();
            for (ProcessDefinition definition : engine.getRepositoryService().createProcessDefinitionQuery()
                    .deploymentId(deploymentId).list()) {
                BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(definition.getId());
                for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
                    String formRef = null;
                    String formKey = null;
                    if (element instanceof UserTask task) {
                        formRef = task.getCamundaFormRef();
                        formKey = task.getCamundaFormKey();
                    } else if (element instanceof StartEvent start && start.getEventDefinitions().isEmpty()
                            && start.getParentElement() == model.getModelElementById(definition.getKey())) {
                        // a none start event: people start the process with a form (timer and message starts have none)
                        formRef = start.getCamundaFormRef();
                        formKey = start.getCamundaFormKey();
                    } else {
                        continue;
                    }
                    // Then each has exactly one form, and it exists and parses
                    assertThat(formRef != null ^ formKey != null).as(element.getId() + " has one form").isTrue();
                    if (formRef != null) {
                        assertThat(formIds).as(element.getId() + " formRef " + formRef).contains(formRef);
                    } else {
                        assertThat(formKey).startsWith("embedded:deployment:");
                        String html = resource(engine, deploymentId, formKey.substring("embedded:deployment:".length()));
                        assertThat(html).containsAnyOf("cam-variable-name", "data-variable-name");
                    }
                    checked.add(element.getId());
                }
            }
            assertThat(checked).hasSizeGreaterThanOrEqualTo(13)
                    .contains("StartEvent_Kickoff", "UserTask_DraftReport", "UserTask_SecrecyReview");
        } finally {
            engine.getRepositoryService().deleteDeployment(deploymentId, true);
        }
    }

    private static String resource(ProcessEngine engine, String deploymentId, String name) throws IOException {
        try (InputStream in = engine.getRepositoryService().getResourceAsStream(deploymentId, name)) {
            assertThat(in).as("deployed resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
