package cn.fazhi.annualreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * One top-level package per capability, each declaring the modules it may use (its package-info.java); a module that
 * reaches outside them, into another's internals or into a cycle fails the build.
 */
class ModuleStructureTest {

    static final ApplicationModules MODULES = ApplicationModules.of(AnnualReportApplication.class);

    @Test
    void modulesUseOnlyTheModulesTheyDeclareAndOnlyTheirApi() {
        MODULES.verify();
    }

    @Test
    void everyTopLevelPackageIsAModuleWithDeclaredDependencies() {
        assertThat(MODULES.stream().map(ApplicationModule::getName)).containsExactlyInAnyOrder(
                "api", "archive", "calendar", "deadline", "document", "filing", "form", "launch", "material", "migration",
                "notification", "organization", "platform", "publication", "report", "security", "shared", "supervision",
                "task", "webapp");
        List<String> undeclared = MODULES.stream().map(ApplicationModule::getName)
                .filter(name -> ModuleContracts.declaredDependencies(name) == null).toList();
        assertThat(undeclared).as("modules without @ApplicationModule(allowedDependencies = …) in package-info.java")
                .isEmpty();
    }

    @Test
    void aModuleDeclaresOnlyWhatItUses() {
        // the declarations are the real dependencies, not a wider allowance: verify() checks the other direction
        List<String> unused = new ArrayList<>();
        MODULES.forEach(module -> {
            Set<String> used = module.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> declared = new TreeSet<>(ModuleContracts.declaredDependencies(module.getName()));
            declared.removeAll(used);
            // javac inlines constants: a module that reads only shared's names (CaseVariables) shows no dependency
            declared.remove("shared");
            if (!declared.isEmpty()) {
                unused.add(module.getName() + " declares but does not use " + declared);
            }
        });
        assertThat(unused).isEmpty();
    }

    @Test
    void theSharedModuleDependsOnNoOtherModule() {
        ApplicationModule shared = MODULES.getModuleByName("shared").orElseThrow();

        assertThat(shared.isOpen()).isTrue();
        assertThat(shared.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getName)).isEmpty();
        assertThat(ModuleContracts.declaredDependencies("shared")).isEmpty();
    }

    @Test
    void aModuleReachingOutsideItsDeclaredDependenciesFailsTheCheck() {
        // Given a fixture application whose reporting module declares only the registry but uses the publisher
        ApplicationModules fixture = ApplicationModules.of("cn.fazhi.modulefixture", location -> true);
        assertThat(fixture.stream().map(ApplicationModule::getName))
                .containsExactlyInAnyOrder("registry", "publishing", "reporting");

        // When it is verified as this application's modules are / Then it fails, naming the forbidden dependency
        assertThatThrownBy(fixture::verify).isInstanceOf(Violations.class)
                .hasMessageContaining("reporting").hasMessageContaining("publishing");
        Violations violations = fixture.detectViolations();
        assertThat(violations.getMessages()).hasSize(1)
                .allSatisfy(message -> assertThat(message).contains("reporting").contains("publishing")
                        .doesNotContain("registry.Entities"));
    }
}
