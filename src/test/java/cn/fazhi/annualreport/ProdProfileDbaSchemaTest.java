package cn.fazhi.annualreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.fazhi.annualreport.testing.FreeSmtpPort;
import cn.fazhi.annualreport.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Production with a DBA-run DDL (docs/postgresql.md, "Schema handling"): the owner creates the engine's tables from
 * Camunda's scripts and the application's from db/schema.sql; the application connects as a role that may only read
 * and write rows, with the engine's schema update and spring.sql.init off. PostgreSQL run only.
 */
@EnabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {"MAIL_HOST=127.0.0.1",
                "camunda.bpm.admin-user.id=admin", "camunda.bpm.admin-user.password=Prod-Startup-Passw0rd",
                "camunda.bpm.database.schema-update=false", "spring.sql.init.mode=never",
                "report.calendar.reload-interval=PT0S",
                "camunda.bpm.process-engine-name=prodDbaSchema"})
@ActiveProfiles("prod")
@ContextConfiguration(initializers = {FreeSmtpPort.class, ProdProfileDbaSchemaTest.DbaSchema.class})
@DirtiesContext
class ProdProfileDbaSchemaTest {

    /** Camunda's PostgreSQL scripts, in the order the engine itself runs them when it creates its schema. */
    static final String[] CAMUNDA_COMPONENTS = {"engine", "history", "identity", "case.engine", "case.history",
            "decision.engine", "decision.history"};

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;

    @Test
    void startsOnTheDbasSchemaAsARoleThatOnlyReadsAndWritesRows() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getUserName()).isEqualTo("annualreport_app");
        }
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("annual-report")
                .count()).isEqualTo(1);
        assertThat(engine.getIdentityService().checkPassword("admin", "Prod-Startup-Passw0rd")).isTrue();

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO case_copy (process_instance_id, task_id, from_user, to_user, created_at)"
                + " VALUES ('p', 't', 'a', 'b', CURRENT_TIMESTAMP)");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_copy", Integer.class)).isEqualTo(1);
        assertThatThrownBy(() -> jdbc.execute("CREATE TABLE not_allowed (id INTEGER)"))
                .rootCause().hasMessageContaining("permission denied");
    }

    /** The DBA's work: database, tables, the application's role and its grants. */
    static class DbaSchema implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String url = TestDatabase.newDatabase("proddba");
            try (Connection su = TestDatabase.superuser().getConnection(); Statement s = su.createStatement()) {
                s.execute("CREATE ROLE annualreport_app LOGIN PASSWORD 'app'");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            try (Connection owner = DriverManager.getConnection(url, "annualreport", "annualreport");
                 Statement s = owner.createStatement()) {
                for (String component : CAMUNDA_COMPONENTS) {
                    ScriptUtils.executeSqlScript(owner, new ClassPathResource(
                            "org/camunda/bpm/engine/db/create/activiti.postgres.create." + component + ".sql"));
                }
                ScriptUtils.executeSqlScript(owner, new ClassPathResource("db/schema.sql"));
                // (PostgreSQL 15 and later revoke it by default; 13 and 14 still let every role create tables)
                s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
                s.execute("GRANT USAGE ON SCHEMA public TO annualreport_app");
                s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO annualreport_app");
                s.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO annualreport_app");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            TestPropertyValues.of("DB_URL=" + url, "DB_USER=annualreport_app", "DB_PASSWORD=app").applyTo(context);
        }
    }
}
