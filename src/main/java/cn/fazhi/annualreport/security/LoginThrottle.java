package cn.fazhi.annualreport.security;

import cn.fazhi.annualreport.api.Shown;
import cn.fazhi.annualreport.shared.Beijing;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wrong passwords slow down the account they were tried on, from the address they came from, and nothing else: after
 * the n-th failure in a row, that account waits min(base · 2^(n−1), max) from that address (refused without looking at
 * the password meanwhile); its owner elsewhere logs in as usual, and no delay lasts longer than max. Every refused
 * login is one WARN line, never with the password. docs/security.md, "Wrong passwords".
 */
@Component
class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_USER_KEY = 128;

    private final JdbcTemplate jdbc;
    private final SecurityProperties.Logins settings;
    /** Attempts on one account from one address run one after the other on this node: no guess slips past a delay. */
    private final Lock[] attempts = IntStream.range(0, 64).mapToObj(i -> new ReentrantLock()).toArray(Lock[]::new);

    LoginThrottle(JdbcTemplate jdbc, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.logins();
    }

    /** What a login found: the password right, wrong, or not looked at (e.g. a form refused for its CSRF token). */
    enum Verdict { RIGHT, WRONG, UNDECIDED }

    /** The outcome of one login attempt. */
    record Attempt(boolean succeeded, Duration retryAfter) {

        boolean throttled() {
            return !retryAfter.isZero();
        }
    }

    /**
     * Tries a login: refused at once while the account waits at this address; otherwise {@code check} decides, and a
     * wrong password is counted, a right one clears the address's count.
     */
    Attempt attempt(String channel, String userId, String source, Supplier<Verdict> check) {
        String user = key(userId);
        String from = source == null ? "" : source;
        Lock lock = attempts[Math.floorMod((user + "\n" + from).hashCode(), attempts.length)];
        lock.lock();
        try {
            Instant now = Beijing.now();
            Row row = row(user, from);
            if (row != null && row.blockedUntil().isAfter(now)) {
                Duration wait = Duration.between(now, row.blockedUntil());
                LOG.warn("Login throttled (登录过于频繁): channel={} user='{}' remote={} failures={} wait={}s", channel,
                        printable(userId), printable(from), row.failures(), seconds(wait));
                return new Attempt(false, wait);
            }
            Verdict verdict = check.get();
            if (verdict == Verdict.UNDECIDED) {
                return new Attempt(false, Duration.ZERO);
            }
            if (verdict == Verdict.RIGHT) {
                if (row != null) {
                    jdbc.update("DELETE FROM login_failure WHERE user_key = ? AND source = ?", user, from);
                }
                return new Attempt(true, Duration.ZERO);
            }
            int failures = row == null || row.lastFailureAt().isBefore(now.minus(settings.forgetAfter()))
                    ? 1 : row.failures() + 1;
            Instant blockedUntil = now.plus(delay(failures));
            Timestamp at = Timestamp.from(now);
            if (row == null) {
                jdbc.update("INSERT INTO login_failure (user_key, source, failures, first_failure_at, last_failure_at,"
                        + " blocked_until) VALUES (?, ?, ?, ?, ?, ?)", user, from, failures, at, at,
                        Timestamp.from(blockedUntil));
            } else {
                jdbc.update("UPDATE login_failure SET failures = ?, last_failure_at = ?, blocked_until = ?"
                        + " WHERE user_key = ? AND source = ?", failures, at, Timestamp.from(blockedUntil), user, from);
            }
            LOG.warn("Failed login (登录失败): channel={} user='{}' remote={} status=401 failures={} wait={}s", channel,
                    printable(userId), printable(from), failures, seconds(delay(failures)));
            return new Attempt(false, Duration.ZERO);
        } finally {
            lock.unlock();
        }
    }

    /** The wait after the n-th failure in a row. */
    Duration delay(int failures) {
        long base = settings.base().toMillis();
        double grown = base * Math.pow(2, Math.min(failures, 40) - 1);
        return Duration.ofMillis((long) Math.min(grown, settings.max().toMillis()));
    }

    /** Accounts and addresses with recent failures, most recent first (the administrator's view of attacks). */
    List<Row> recent() {
        Instant since = Beijing.now().minus(settings.forgetAfter());
        jdbc.update("DELETE FROM login_failure WHERE last_failure_at < ?", Timestamp.from(since));
        return jdbc.query("SELECT * FROM login_failure ORDER BY last_failure_at DESC, user_key, source",
                (rs, i) -> new Row(rs.getString("user_key"), rs.getString("source"), rs.getInt("failures"),
                        rs.getTimestamp("first_failure_at").toInstant(), rs.getTimestamp("last_failure_at").toInstant(),
                        rs.getTimestamp("blocked_until").toInstant()));
    }

    /** Lets an account in again at once: from one address, or (source null) from every address. */
    int clear(String userId, String source) {
        return source == null
                ? jdbc.update("DELETE FROM login_failure WHERE user_key = ?", key(userId))
                : jdbc.update("DELETE FROM login_failure WHERE user_key = ? AND source = ?", key(userId), source);
    }

    private Row row(String user, String source) {
        return jdbc.query("SELECT * FROM login_failure WHERE user_key = ? AND source = ?",
                (rs, i) -> new Row(rs.getString("user_key"), rs.getString("source"), rs.getInt("failures"),
                        rs.getTimestamp("first_failure_at").toInstant(), rs.getTimestamp("last_failure_at").toInstant(),
                        rs.getTimestamp("blocked_until").toInstant()), user, source).stream().findFirst().orElse(null);
    }

    static String key(String userId) {
        String key = userId == null ? "" : userId.strip().toLowerCase(Locale.ROOT);
        return key.length() > MAX_USER_KEY ? key.substring(0, MAX_USER_KEY) : key;
    }

    private static long seconds(Duration wait) {
        return (wait.toMillis() + 999) / 1000;
    }

    /** A value as typed, for a log line: on one line and shortened ({@link Shown}). */
    static String printable(String value) {
        return Shown.value(value);
    }

    /** Failures of one account from one address. */
    record Row(String user, String source, int failures, Instant firstFailureAt, Instant lastFailureAt,
               Instant blockedUntil) {
    }
}
