package cn.fazhi.annualreport.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many pooled connections the application needs besides the job executor's ({@code report.database}).
 *
 * @param connectionsPerJobThread connections one job can hold at once: the engine's transaction and one transaction of
 *                                its own (the mail log's row of a reminder, the notice outbox)
 * @param reservedConnections     connections kept for everything else: HTTP requests, the notice dispatcher's threads,
 *                                the launch, start-up work
 */
@ConfigurationProperties("report.database")
record DatabaseProperties(@DefaultValue("2") int connectionsPerJobThread, @DefaultValue("15") int reservedConnections) {

    DatabaseProperties {
        if (connectionsPerJobThread < 1 || reservedConnections < 1) {
            throw new IllegalArgumentException("report.database.connections-per-job-thread and reserved-connections"
                    + " must be at least 1");
        }
    }

    /** The smallest pool with which no job waits for a connection while all job threads run. */
    int poolSizeFor(int jobThreads) {
        return jobThreads * connectionsPerJobThread + reservedConnections;
    }
}
