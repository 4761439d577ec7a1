package cn.fazhi.annualreport.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code report.notice.*}: how often and how far apart a queued notice is tried, whether it goes out right after its
 * transaction commits (or only on the dispatcher's rounds), and how many notices are sent at the same time (1 to 32).
 */
@ConfigurationProperties("report.notice")
record NoticeProperties(@DefaultValue("5") int maxAttempts, @DefaultValue("PT5M") Duration retryInterval,
                        @DefaultValue("PT1H") Duration failedRetryInterval,
                        @DefaultValue("true") boolean dispatchAfterCommit, @DefaultValue("4") int dispatchThreads) {
}
