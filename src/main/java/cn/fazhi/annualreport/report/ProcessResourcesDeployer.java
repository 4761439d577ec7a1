package cn.fazhi.annualreport.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys bpmn/ and forms/ (packaged from the project's top-level folders) as ONE deployment, with names relative to
 * the classpath root ("bpmn/annual-report.bpmn", "forms/kickoff.form"), so that camunda:formRefBinding="deployment"
 * and "embedded:deployment:forms/..." resolve. Only a release whose files differ from the application's last
 * deployment makes a new version; and while an administrator's deployment (Camunda Modeler) is the latest version of
 * a process, a release does not replace it unless {@code report.process.release-replaces-admin-version=true} (the
 * packaged files are one deployment: the release waits as a whole): the log says which version new cases use and why.
 */
@Component
class ProcessResourcesDeployer extends AbstractCamundaConfiguration {

    static final String DEPLOYMENT_NAME = "annual-report";
    static final String SOURCE = "annual-report-app";
    static final String FORMS = "forms/";
    static final List<String> FOLDERS = List.of("bpmn/", FORMS);

    private static final Logger log = LoggerFactory.getLogger(ProcessResourcesDeployer.class);
    /** Set while this class deploys: the deployment source {@value #SOURCE} is refused to anyone else. */
    private static final ThreadLocal<Boolean> DEPLOYING = ThreadLocal.withInitial(() -> false);

    private final boolean releaseReplacesAdminVersion;

    ProcessResourcesDeployer(ProcessProperties properties) {
        this.releaseReplacesAdminVersion = properties.releaseReplacesAdminVersion();
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        deploy(processEngine.getRepositoryService(), packagedResources());
    }

    /** What happened at start: the application's deployment now in force, and whether this start made it. */
    record Outcome(String deploymentId, boolean deployed, boolean keptAdminVersion) {
    }

    /** Deploys the packaged resources if they changed and no administrator's version would be replaced silently. */
    Outcome deploy(RepositoryService repository, Map<String, byte[]> resources) {
        if (resources.keySet().stream().noneMatch(n -> n.endsWith(".bpmn"))) {
            throw new IllegalStateException("No BPMN found under bpmn/ on the classpath");
        }
        Optional<Deployment> previous = repository.createDeploymentQuery().deploymentName(DEPLOYMENT_NAME)
                .deploymentSource(SOURCE).orderByDeploymentTime().desc().listPage(0, 1).stream().findFirst();
        if (previous.isPresent() && sameResources(repository, previous.get().getId(), resources)) {
            log.info("Deployment '{}' ({}, {}) is unchanged: {} resources", DEPLOYMENT_NAME, previous.get().getId(),
                    previous.get().getDeploymentTime(), resources.size());
            reportVersionsInForce(repository, resources);
            return new Outcome(previous.get().getId(), false, false);
        }
        List<ProcessDefinition> adminVersions = adminVersionsInForce(repository, resources);
        if (!adminVersions.isEmpty() && !releaseReplacesAdminVersion) {
            for (ProcessDefinition definition : adminVersions) {
                log.warn("The packaged diagram of '{}' changed, but version {} (deployment {}) of an administrator is "
                        + "the latest: it stays in force and the packaged diagram is NOT deployed. Merge the "
                        + "administrator's change into bpmn/ and deploy it from Camunda Modeler, or start once with "
                        + "report.process.release-replaces-admin-version=true to make the packaged diagram the latest "
                        + "version (docs/admin-guide.md)", definition.getKey(), definition.getVersion(),
                        definition.getDeploymentId());
            }
            reportVersionsInForce(repository, resources);
            return new Outcome(previous.map(Deployment::getId).orElse(null), false, true);
        }
        DeploymentBuilder builder = repository.createDeployment().name(DEPLOYMENT_NAME).source(SOURCE);
        resources.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
        Deployment deployment;
        DEPLOYING.set(true);
        try {
            deployment = builder.deploy();
        } finally {
            DEPLOYING.remove();
        }
        log.info("Deployment '{}' ({}) made with {} resources{}: {}", DEPLOYMENT_NAME, deployment.getId(),
                resources.size(), adminVersions.isEmpty() ? "" : ", replacing an administrator's latest version "
                        + "(report.process.release-replaces-admin-version=true)", resources.keySet());
        reportVersionsInForce(repository, resources);
        return new Outcome(deployment.getId(), true, false);
    }

    /** Whether the application's own start-up deployment is being made on this thread. */
    static boolean deploying() {
        return DEPLOYING.get();
    }

    /** The latest versions of the packaged processes that an administrator deployed (not this application). */
    private static List<ProcessDefinition> adminVersionsInForce(RepositoryService repository,
                                                                Map<String, byte[]> resources) {
        return processKeys(resources).stream()
                .map(key -> repository.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId()
                        .latestVersion().singleResult())
                .filter(d -> d != null && !isOurs(repository, d.getDeploymentId()))
                .toList();
    }

    private static void reportVersionsInForce(RepositoryService repository, Map<String, byte[]> resources) {
        for (String key : processKeys(resources)) {
            ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                    .withoutTenantId().latestVersion().singleResult();
            if (latest != null) {
                Deployment d = repository.createDeploymentQuery().deploymentId(latest.getDeploymentId()).singleResult();
                log.info("New cases of '{}' use version {} (deployment {} '{}', source {}, {})", key,
                        latest.getVersion(), d.getId(), d.getName(), d.getSource(), d.getDeploymentTime());
            }
        }
    }

    private static boolean isOurs(RepositoryService repository, String deploymentId) {
        Deployment d = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
        return d != null && SOURCE.equals(d.getSource()) && DEPLOYMENT_NAME.equals(d.getName());
    }

    private static boolean sameResources(RepositoryService repository, String deploymentId,
                                         Map<String, byte[]> resources) {
        List<String> names = repository.getDeploymentResourceNames(deploymentId);
        if (names.size() != resources.size() || !resources.keySet().containsAll(names)) {
            return false;
        }
        for (String name : names) {
            try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
                if (!Arrays.equals(in.readAllBytes(), resources.get(name))) {
                    return false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    /** The ids of the executable processes in the packaged diagrams. */
    static List<String> processKeys(Map<String, byte[]> resources) {
        return resources.entrySet().stream().filter(e -> e.getKey().endsWith(".bpmn"))
                .flatMap(e -> Bpmn.readModelFromStream(new ByteArrayInputStream(e.getValue()))
                        .getModelElementsByType(Process.class).stream())
                .filter(Process::isExecutable).map(Process::getId).toList();
    }

    /** bpmn/ and forms/ from the classpath, by their names relative to it. */
    static Map<String, byte[]> packagedResources() {
        Map<String, byte[]> resources = new LinkedHashMap<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        try {
            for (String folder : FOLDERS) {
                for (Resource resource : resolver.getResources("classpath*:" + folder + "**/*.*")) {
                    String name = nameOf(resource, folder);
                    if (name == null || !resource.isReadable()) {
                        continue;
                    }
                    try (InputStream in = resource.getInputStream()) {
                        resources.put(name, in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the process resources", e);
        }
        return resources;
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
