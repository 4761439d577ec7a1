package cn.fazhi.annualreport;

import static org.assertj.core.api.Assertions.assertThat;

import cn.fazhi.annualreport.testing.FreeSmtpPort;
import cn.fazhi.annualreport.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The application as docker-compose.yml starts it: the prod profile (which includes postgres) on an empty PostgreSQL
 * database owned by an ordinary role, configured through the same environment variables (DB_URL, DB_USER,
 * DB_PASSWORD, MAIL_HOST); the engine and db/schema.sql create their tables. PostgreSQL run only; under its own
 * engine name, like DevProfileStartupTest.
 */
@EnabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {"MAIL_HOST=127.0.0.1",
                "camunda.bpm.admin-user.id=admin", "camunda.bpm.admin-user.password=Prod-Startup-Passw0rd",
                "report.calendar.reload-interval=PT0S",
                "camunda.bpm.process-engine-name=prodStartup"})
@ActiveProfiles("prod")
@ContextConfiguration(initializers = {FreeSmtpPort.class, ProdProfileStartupTest.EmptyDatabase.class})
@DirtiesContext
class ProdProfileStartupTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;
    @Autowired
    Environment environment;

    @Test
    void startsOnAnEmptyPostgresDatabaseWithItsTablesAndWithoutDemoData() throws SQLException {
        assertThat(environment.getActiveProfiles()).containsExactly("prod", "postgres");
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(c.getMetaData().getURL()).endsWith("/prodstartup");
        }
        // sized from the job executor: 10 threads x 2 connections + 15 (platform.ConnectionPoolSizing)
        assertThat(((HikariDataSource) dataSource).getMaximumPoolSize()).isEqualTo(35);

        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getDatabaseType()).isEqualTo("postgres");
        assertThat(configuration.getJobExecutor().isActive()).isTrue();
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("annual-report")
                .count()).isEqualTo(1);
        assertThat(engine.getIdentityService().checkPassword("admin", "Prod-Startup-Passw0rd")).isTrue();
        assertThat(engine.getIdentityService().createUserQuery().userId("bayan_owner").count()).isZero();

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report_case", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reporting_entity", Integer.class)).isZero();
    }

    /** A database of its own, reached through the variables docker-compose.yml sets. */
    static class EmptyDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("DB_URL=" + TestDatabase.newDatabase("prodstartup"), "DB_USER=annualreport",
                    "DB_PASSWORD=annualreport").applyTo(context);
        }
    }
}
