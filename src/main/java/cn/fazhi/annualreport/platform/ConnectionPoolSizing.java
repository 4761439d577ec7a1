package cn.fazhi.annualreport.platform;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Sizes the connection pool from the job executor on every profile, so that a storm of due jobs never waits for a
 * connection.
 *
 * <p>A job holds a connection for the engine's transaction and, when it sends a mail, asks for a second one for the
 * mail log's own transaction. With Hikari's default of 10 connections and the job executor's 10 threads, a storm of
 * reminders had every thread holding one connection and waiting for a second until Hikari gave up after 30 s; the
 * jobs failed and waited for their retry 5 minutes later (issue 16). The pool is therefore at least
 * {@code max-pool-size × connections-per-job-thread + reserved-connections}; a larger configured pool is kept, a smaller
 * one is raised, with a warning, before the pool opens.
 */
@Component
class ConnectionPoolSizing implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoolSizing.class);
    /** Hikari's own default, which nobody chose: raised without a warning. */
    private static final int DEFAULT_HIKARI_POOL_SIZE = 10;

    private final ObjectProvider<CamundaBpmProperties> camunda;
    private final ObjectProvider<DatabaseProperties> database;

    ConnectionPoolSizing(ObjectProvider<CamundaBpmProperties> camunda, ObjectProvider<DatabaseProperties> database) {
        this.camunda = camunda;
        this.database = database;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && !pool.isRunning()) {
            size(pool);
        }
        return bean;
    }

    private void size(HikariDataSource pool) {
        int jobThreads = camunda.getObject().getJobExecution().getMaxPoolSize();
        DatabaseProperties rule = database.getObject();
        int needed = rule.poolSizeFor(jobThreads);
        int configured = pool.getMaximumPoolSize();
        if (configured < needed) {
            if (configured != DEFAULT_HIKARI_POOL_SIZE) {
                log.warn("Connection pool {}: {} connections configured, raised to {}: the job executor's {} threads need"
                        + " {} each, and {} are reserved for requests and the notice dispatcher (report.database)",
                        pool.getPoolName(), configured, needed, jobThreads, rule.connectionsPerJobThread(),
                        rule.reservedConnections());
            }
            pool.setMaximumPoolSize(needed);
        }
        log.info("Connection pool {}: {} connections (job executor: {} threads × {}, reserved: {})",
                pool.getPoolName() == null ? "" : pool.getPoolName(), pool.getMaximumPoolSize(), jobThreads,
                rule.connectionsPerJobThread(), rule.reservedConnections());
    }
}
