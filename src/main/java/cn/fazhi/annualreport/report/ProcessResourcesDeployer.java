package cn.fazhi.annualreport.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys bpmn/ and forms/ (packaged from the project's top-level folders) as ONE deployment, with names relative to
 * the classpath root ("bpmn/annual-report.bpmn", "forms/kickoff.form"), so that camunda:formRefBinding="deployment"
 * and "embedded:deployment:forms/..." resolve. Unchanged resources are not deployed again.
 */
@Component
class ProcessResourcesDeployer extends AbstractCamundaConfiguration {

    static final String DEPLOYMENT_NAME = "annual-report";
    static final List<String> FOLDERS = List.of("bpmn/", "forms/");

    private static final Logger log = LoggerFactory.getLogger(ProcessResourcesDeployer.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        DeploymentBuilder builder = processEngine.getRepositoryService().createDeployment()
                .name(DEPLOYMENT_NAME)
                .source("annual-report-app")
                .enableDuplicateFiltering(false);
        List<String> names = new ArrayList<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        try {
            for (String folder : FOLDERS) {
                for (Resource resource : resolver.getResources("classpath*:" + folder + "**/*.*")) {
                    String name = nameOf(resource, folder);
                    if (name == null || !resource.isReadable()) {
                        continue;
                    }
                    try (InputStream in = resource.getInputStream()) {
                        builder.addInputStream(name, new ByteArrayInputStream(in.readAllBytes()));
                    }
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the process resources", e);
        }
        if (names.stream().noneMatch(n -> n.endsWith(".bpmn"))) {
            throw new IllegalStateException("No BPMN found under bpmn/ on the classpath");
        }
        Deployment deployment = builder.deploy();
        log.info("Deployment '{}' ({}) with {} resources: {}", DEPLOYMENT_NAME, deployment.getId(), names.size(), names);
    }

    private static String nameOf(Resource resource, String folder) throws IOException {
        String url = resource.getURL().toString();
        int at = url.lastIndexOf("/" + folder);
        if (at < 0 || url.endsWith("/")) {
            return null;
        }
        String name = url.substring(at + 1);
        return name.contains("/.") ? null : name;
    }
}
