package cn.fazhi.annualreport.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Adds an index on the authorization table's user column, which Camunda's schema lacks.
 *
 * <p>Every authorization-checked query joins the grants of the caller: {@code USER_ID_ IN (me, '*') OR GROUP_ID_ IN
 * (my groups)}. Camunda indexes {@code GROUP_ID_} alone but {@code USER_ID_} only behind {@code TYPE_}, so PostgreSQL
 * read the whole table for each such query: 414,000 grants with 10,000 cases open, 200 ms for the variables of one
 * Tasklist page (issue 16). With the index it combines both indexes (under 3 ms). The index is created once, when the
 * engine has its schema, on H2 and PostgreSQL alike; its name is the application's, so no Camunda upgrade script
 * meets it.
 */
@Component
class AuthorizationUserIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "FZ_IDX_AUTH_USER_ID";

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationUserIndex.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        create(configuration.getDataSource(), "CREATE INDEX IF NOT EXISTS " + NAME + " ON " + prefix
                + "ACT_RU_AUTHORIZATION (USER_ID_)");
    }

    private static void create(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                statement.execute(sql);
                connection.commit();
            } else {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            // another node creating it at the same moment, or a user without the right: checks work without it,
            // only slower at scale
            LOG.warn("Could not create the index {} on the authorization table ({}); authorization checks read the"
                    + " whole table instead (docs/scale.md)", NAME, e.getMessage());
        }
    }
}
