package cn.fazhi.annualreport;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.FreeSmtpPort;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The application as `mvn spring-boot:run` starts it: the dev profile with the job executor running (the other
 * tests switch it off and run jobs themselves), on an in-memory database instead of ./data, under its own engine name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {"spring.datasource.url=jdbc:h2:mem:dev-startup;DB_CLOSE_DELAY=-1",
                "report.calendar.reload-interval=PT0S",
                // Camunda keeps engines in a static registry by name: closing this context must not unregister the
                // "default" engine of the other tests' context
                "camunda.bpm.process-engine-name=devStartup"})
@ActiveProfiles("dev")
@ContextConfiguration(initializers = FreeSmtpPort.class)
@DirtiesContext
class DevProfileStartupTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;

    @Test
    void startsWithTheJobExecutorDemoUsersAndTheProcess() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getJobExecutor().isActive()).isTrue();
        // a storm of due jobs runs on all 10 threads, each able to hold its second connection for the mail log
        assertThat(configuration.getJobExecutor().getMaxJobsPerAcquisition()).isEqualTo(10);
        assertThat(((HikariDataSource) dataSource).getMaximumPoolSize()).isEqualTo(35);
        assertThat(engine.getIdentityService().checkPassword("bayan_owner", "demo")).isTrue();
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("annual-report")
                .count()).isEqualTo(1);
    }
}
