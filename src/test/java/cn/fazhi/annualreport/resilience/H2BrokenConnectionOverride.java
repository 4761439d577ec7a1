package cn.fazhi.annualreport.resilience;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import org.h2.api.ErrorCode;

/**
 * Lets Hikari drop an H2 TCP connection that an outage broke. Hikari evicts a connection on the SQL states of a broken
 * connection ({@code 08…}), which PostgreSQL's driver reports; H2's client reports its own codes instead, and a pool
 * whose connections are borrowed more often than every 500 ms (the job executor's acquisition) would otherwise keep
 * lending the dead ones. Test set-up for the H2 TCP server only: the application's H2 is embedded, without a network.
 */
public class H2BrokenConnectionOverride implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return switch (e.getErrorCode()) {
            case ErrorCode.CONNECTION_BROKEN_1, ErrorCode.DATABASE_CALLED_AT_SHUTDOWN -> Override.MUST_EVICT;
            default -> Override.CONTINUE_EVICT;
        };
    }
}
