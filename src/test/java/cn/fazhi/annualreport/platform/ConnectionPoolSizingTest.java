package cn.fazhi.annualreport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The pool a deployment configures against what its job executor needs. */
class ConnectionPoolSizingTest {

    @Test
    void aPoolTooSmallForTheJobExecutorIsRaisedAndALargerOneKept() {
        // Given a job executor of 16 threads and the shipped rule (2 connections per thread, 15 reserved)
        ConnectionPoolSizing sizing = sizing(16);

        // When an installation configures 30 connections (the size shipped before issue 16), or 60
        HikariDataSource small = pool(30);
        HikariDataSource large = pool(60);
        sizing.postProcessAfterInitialization(small, "dataSource");
        sizing.postProcessAfterInitialization(large, "dataSource");

        // Then the small pool is raised to 16 x 2 + 15 and the large one is kept
        assertThat(small.getMaximumPoolSize()).isEqualTo(47);
        assertThat(large.getMaximumPoolSize()).isEqualTo(60);
    }

    @Test
    void otherBeansAreLeftAlone() {
        Object bean = new Object();
        assertThat(sizing(10).postProcessAfterInitialization(bean, "other")).isSameAs(bean);
    }

    private static ConnectionPoolSizing sizing(int jobThreads) {
        CamundaBpmProperties camunda = new CamundaBpmProperties();
        camunda.getJobExecution().setMaxPoolSize(jobThreads);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("camunda", camunda);
        beans.addBean("database", new DatabaseProperties(2, 15));
        return new ConnectionPoolSizing(beans.getBeanProvider(CamundaBpmProperties.class),
                beans.getBeanProvider(DatabaseProperties.class));
    }

    private static HikariDataSource pool(int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setMaximumPoolSize(size);
        return pool;
    }
}
