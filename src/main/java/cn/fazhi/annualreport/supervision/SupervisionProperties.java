package cn.fazhi.annualreport.supervision;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The desk's settings ({@code report.supervision.*}).
 *
 * @param dueSoonWorkingDays a running case whose next deadline is at most this many working days away is 临近期限
 * @param urgeInterval       the shortest time between two 催办 of one case
 * @param overviewMaxAge     how old the overview's judged rows may be before they are judged again in the background
 *                           ({@link YearSnapshots}); PT0S judges them on every request
 */
@ConfigurationProperties("report.supervision")
record SupervisionProperties(@DefaultValue("5") int dueSoonWorkingDays, @DefaultValue("PT4H") Duration urgeInterval,
                             @DefaultValue("PT15S") Duration overviewMaxAge) {

    SupervisionProperties {
        if (overviewMaxAge.isNegative()) {
            throw new IllegalArgumentException("report.supervision.overview-max-age must not be negative");
        }
    }
}
