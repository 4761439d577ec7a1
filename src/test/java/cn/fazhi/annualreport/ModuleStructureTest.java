package cn.fazhi.annualreport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** One top-level package per capability; modules depend on each other without cycles and only through their API. */
class ModuleStructureTest {

    private final ApplicationModules modules = ApplicationModules.of(AnnualReportApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        modules.verify();
    }

    @Test
    void theCapabilitiesAreModules() {
        assertThat(modules.stream().map(ApplicationModule::getName))
                .contains("calendar", "deadline", "organization", "report", "notification", "form", "filing",
                        "security", "webapp", "api", "task", "launch", "document", "publication", "supervision");
    }
}
