package cn.fazhi.annualreport.benchmark;

import static org.awaitility.Awaitility.await;

import cn.fazhi.annualreport.AnnualReportApplication;
import cn.fazhi.annualreport.report.AnnualReportProcess;
import cn.fazhi.annualreport.report.ReportCaseService;
import cn.fazhi.annualreport.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 6 §3: simulates a national cycle of the annual report on this machine and prints a table (docs/benchmark.md).
 * Not a test: run it with {@code mvn -Pbenchmark -DskipTests test} (the pom's {@code benchmark} profile starts it in a
 * JVM of its own, once on H2 and once on PostgreSQL).
 *
 * <ol>
 *   <li>starts the application as production does ({@link AnnualReportApplication}, a real web server on a free port,
 *       the real job executor) on a fresh H2 file database or a fresh database on an embedded PostgreSQL 16, sending
 *       mail to a GreenMail SMTP sink; imports a generated registry of N governments with M departments each through
 *       {@code POST /api/entities/import};</li>
 *   <li>drives every entity's case for one year through the whole lifecycle with the engine's Java API (T threads);
 *       the jobs (publication, its URL check, the archive) run with their real delegates;</li>
 *   <li>runs as many instances of a bare process with the same user tasks, timers and asynchronous steps and no-op
 *       delegates ({@link BareProcess}) on the same engine, the same way;</li>
 *   <li>starts K department cases of the next year and lets their K draft reminders, due at the same moment, fire
 *       with the real job executor: the time until the SMTP sink has all K;</li>
 *   <li>with the database full, samples {@code GET /api/reports/{entity}/{year}} and Tasklist's task list;</li>
 *   <li>measures the heap after a full GC.</li>
 * </ol>
 */
public final class NationalCycleBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The year whose cases run through the whole lifecycle, at the engine time {@link #LIFECYCLE_CLOCK}. */
    static final int LIFECYCLE_YEAR = 2024;
    static final LocalDateTime LIFECYCLE_CLOCK = LocalDateTime.of(2025, 1, 20, 10, 0);
    /** The year of the cases left in flight (the reminder storm), started at {@link #IN_FLIGHT_CLOCK}. */
    static final int IN_FLIGHT_YEAR = 2025;
    static final LocalDateTime IN_FLIGHT_CLOCK = LocalDateTime.of(2026, 1, 20, 10, 0);
    private static final String PASSWORD = "Bench-" + UUID.randomUUID();

    /** The phases after start-up and the registry import, in the order they run; heap is always measured. */
    static final List<String> PHASES = List.of("lifecycle", "baseline", "storm", "latency", "desk");

    record Settings(String db, int governments, int departments, int reminders, int threads, int samples,
                    Path outputDirectory, Set<String> phases) {

        static Settings fromSystemProperties() {
            int governments = Integer.getInteger("bench.governments", 10);
            int departments = Integer.getInteger("bench.departments", 10);
            int reminders = Integer.getInteger("bench.reminders", governments * departments);
            Set<String> phases = new java.util.LinkedHashSet<>();
            for (String phase : System.getProperty("bench.phases", String.join(",", PHASES)).split(",")) {
                if (!phase.isBlank()) {
                    phases.add(phase.trim().toLowerCase());
                }
            }
            if (!PHASES.containsAll(phases)) {
                throw new IllegalArgumentException("bench.phases must be among " + PHASES + ": " + phases);
            }
            if ((phases.contains("baseline") || phases.contains("latency")) && !phases.contains("lifecycle")) {
                throw new IllegalArgumentException("bench.phases: baseline and latency need lifecycle (they mirror"
                        + " and read its cases)");
            }
            return new Settings(System.getProperty("bench.db", "h2").trim().toLowerCase(), governments, departments,
                    reminders, Integer.getInteger("bench.threads", 4), Integer.getInteger("bench.samples", 200),
                    Path.of(System.getProperty("bench.output", "target")), phases);
        }
    }

    private final Settings settings;
    private final Table table = new Table();
    private final List<String> problems = new ArrayList<>();
    private final EngineTransactionCounter counter = new EngineTransactionCounter();

    private GreenMail sink;
    private ConfigurableApplicationContext context;
    private ProcessEngine engine;
    private JdbcTemplate jdbc;
    private String base;
    private RegistryCsv registry;

    private NationalCycleBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        NationalCycleBenchmark benchmark = new NationalCycleBenchmark(settings);
        int exit;
        try {
            benchmark.run();
            exit = benchmark.problems.isEmpty() ? 0 : 1;
        } catch (Throwable e) {
            e.printStackTrace();
            benchmark.problems.add("aborted: " + CaseDriver.rootMessage(e));
            exit = 2;
        } finally {
            benchmark.finish();
        }
        System.exit(exit);
    }

    private void run() throws Exception {
        if (settings.reminders() > settings.governments() * settings.departments()) {
            throw new IllegalArgumentException("bench.reminders (" + settings.reminders() + ") must not exceed the"
                    + " number of departments, governments x departments = "
                    + settings.governments() * settings.departments());
        }
        registry = new RegistryCsv(settings.governments(), settings.departments());
        header();
        startApplication();
        int registryGovernments = Integer.getInteger("bench.registry.governments", 0);
        if (registryGovernments > 0) {
            // the registry import alone, at the size asked (issue 16): 3,000 x 10 is the national registry
            importRegistryAtScale(registryGovernments, Integer.getInteger("bench.registry.departments", 10));
            heap();
            return;
        }
        importRegistry();
        if (settings.phases().contains("lifecycle")) {
            List<CaseDriver.Result> cases = lifecycle();
            if (settings.phases().contains("baseline")) {
                baseline(cases);
            }
        }
        if (settings.phases().contains("storm")) {
            reminderStorm();
        }
        if (settings.phases().contains("latency")) {
            latencies();
        }
        if (settings.phases().contains("desk")) {
            deskAtNationalScale();
        }
        heap();
    }

    // --- start-up ------------------------------------------------------------------------------------------------

    private void startApplication() throws IOException {
        List<String> args = new ArrayList<>();
        if (settings.db().equals("postgres")) {
            System.setProperty(TestDatabase.PROPERTY, "postgres");
            long start = System.nanoTime();
            String url = TestDatabase.newDatabase("benchmark");
            table.row("PostgreSQL server start (embedded, fsync off)", seconds(System.nanoTime() - start), "");
            args.addAll(List.of("--spring.profiles.active=postgres,benchmark", "--spring.datasource.url=" + url,
                    "--spring.datasource.username=annualreport", "--spring.datasource.password=annualreport"));
        } else if (settings.db().equals("h2")) {
            Path dir = settings.outputDirectory().resolve("benchmark-h2").toAbsolutePath();
            deleteRecursively(dir);
            Files.createDirectories(dir);
            // the dev profile's kind of database: an H2 file, here a fresh one
            args.addAll(List.of("--spring.profiles.active=benchmark", "--spring.datasource.url=jdbc:h2:file:"
                    + dir.resolve("annual-report") + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE",
                    "--spring.datasource.username=sa", "--spring.datasource.password="));
        } else {
            throw new IllegalArgumentException("bench.db must be h2 or postgres: " + settings.db());
        }
        int smtpPort = freePort();
        sink = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
        int httpPort = freePort();
        args.addAll(List.of(
                "--server.port=" + httpPort,
                "--spring.main.banner-mode=off",
                "--logging.level.root=" + System.getProperty("bench.log", "WARN"),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
                "--report.mail-sink.enabled=false",
                "--report.demo-data=false",
                // the yearly launch would start every entity's case when the engine clock is moved past January
                "--report.launch.enabled=false",
                "--camunda.bpm.admin-user.id=admin", "--camunda.bpm.admin-user.password=" + PASSWORD,
                "--camunda.bpm.admin-user.email=admin@example.org",
                // links in mails, and the public column's URLs that the publication check GETs
                "--report.base-url=http://127.0.0.1:" + httpPort));
        long start = System.nanoTime();
        context = new SpringApplicationBuilder(AnnualReportApplication.class)
                .web(WebApplicationType.SERVLET)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("benchmarkTransactionCounter", counter))
                .run(args.toArray(String[]::new));
        long startUp = System.nanoTime() - start;
        long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
        engine = context.getBean(ProcessEngine.class);
        jobExecutor().shutdown(); // paused while the cases are driven; running again for the reminder storm
        jdbc = new JdbcTemplate(configuration().getDataSource());
        base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        table.row("start-up: SpringApplication.run until ready", seconds(startUp),
                "context, engine, schema, deployment, web server");
        table.row("start-up: JVM start until ready", String.format("%.1f s", jvmUptime / 1000.0),
                settings.db().equals("postgres") ? "includes the PostgreSQL server start" : "");
        log("application ready at %s after %s", base, seconds(startUp));
    }

    private void importRegistry() throws Exception {
        HttpSampler http = new HttpSampler(base);
        long start = System.nanoTime();
        JsonNode job = importAndFollow(http, registry.csv(), null);
        long took = System.nanoTime() - start;
        if (!"SUCCEEDED".equals(job.path("status").asText())) {
            throw new IllegalStateException("Registry import ended " + job.path("status").asText() + ": "
                    + HttpSampler.abbreviate(job.toString()));
        }
        // an admin sets the passwords of the people who log in below (imported people get a random one)
        IdentityService identity = engine.getIdentityService();
        for (String id : List.of(RegistryCsv.CITY_OWNER, RegistryCsv.departmentStaff(1, 1))) {
            User user = identity.createUserQuery().userId(id).singleResult();
            user.setPassword(PASSWORD);
            identity.saveUser(user);
        }
        table.row("registry import (POST /api/entities/import, followed to its end)", seconds(took),
                registry.caseEntities().size() + 1 + " entities, " + registry.users() + " users");
    }

    /**
     * Posts a registry file as the admin's page does and follows the import at its URL (once a second) until it has
     * finished; answers the import as its URL shows it at the end. The heap's high-water mark is sampled meanwhile.
     */
    private JsonNode importAndFollow(HttpSampler http, String csv, long[] heapPeak) throws Exception {
        String auth = HttpSampler.basic("admin", PASSWORD);
        HttpResponse<String> answer = http.postCsv("/api/entities/import", auth, csv);
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("Registry import answered " + answer.statusCode() + ": "
                    + HttpSampler.abbreviate(answer.body()));
        }
        String url = answer.headers().firstValue("Location").orElseThrow();
        ObjectMapper json = new ObjectMapper();
        long lastLog = System.nanoTime();
        int refused = 0;
        while (true) {
            HttpResponse<String> polled = http.get(url, auth);
            if (polled.statusCode() != 200) {
                // e.g. 503 when the database died under the import: the import will not end
                if (++refused >= 30) {
                    throw new IllegalStateException("The import's URL answered " + polled.statusCode() + " 30 times"
                            + " in a row: " + HttpSampler.abbreviate(polled.body()));
                }
                Thread.sleep(1000);
                continue;
            }
            refused = 0;
            JsonNode job = json.readTree(polled.body());
            String status = job.path("status").asText();
            if (heapPeak != null) {
                heapPeak[0] = Math.max(heapPeak[0], ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return job;
            }
            if (System.nanoTime() - lastLog > 30_000_000_000L) {
                log("registry import %s: %d%%, %d of %d people, %d of %d entities", status, job.path("percent").asInt(),
                        job.path("peopleDone").asInt(), job.path("peopleTotal").asInt(),
                        job.path("entitiesDone").asInt(), job.path("entitiesTotal").asInt());
                lastLog = System.nanoTime();
            }
            Thread.sleep(1000);
        }
    }

    /** Issue 16: the registry import alone, of N governments with M departments each, with time, heap and SQL. */
    private void importRegistryAtScale(int governments, int departments) throws Exception {
        RegistryCsv big = new RegistryCsv(governments, departments);
        String csv = big.csv();
        int entities = big.caseEntities().size() + 1;
        boolean h2 = settings.db().equals("h2");
        if (h2) {
            jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
            jdbc.execute("SET QUERY_STATISTICS TRUE");
        }
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
        long[] sampledPeak = {heapBefore};
        long gcBefore = gcMillis();
        log("registry import at scale: %d entities, %d users, %.1f MB of CSV", entities, big.users(),
                csv.getBytes(StandardCharsets.UTF_8).length / 1048576.0);
        long start = System.nanoTime();
        JsonNode job = importAndFollow(new HttpSampler(base), csv, sampledPeak);
        long took = System.nanoTime() - start;
        long gc = gcMillis() - gcBefore;
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        table.section("Registry import at scale (issue 16)");
        table.row("registry file", String.format("%d entities", entities), String.format("%d governments x %d"
                        + " departments + the city; %d users; %.1f MB", governments, departments, big.users(),
                csv.getBytes(StandardCharsets.UTF_8).length / 1048576.0));
        table.row("import: POST until the import's URL says " + job.path("status").asText(), seconds(took),
                String.format("%.1f entities/s; %.2f ms per entity", entities / (took / 1e9), took / 1e6 / entities));
        if (!"SUCCEEDED".equals(job.path("status").asText())) {
            problems.add("registry import at scale: " + HttpSampler.abbreviate(job.toString()));
        }
        table.row("import: created / users created / memberships", job.path("created").asText() + " / "
                + job.path("usersCreated").asText() + " / " + job.path("membershipsAdded").asText(), "");
        table.row("heap: used before / sampled peak / sum of pool peaks", String.format("%.0f / %.0f / %.0f MB",
                heapBefore / 1048576.0, sampledPeak[0] / 1048576.0, poolPeaks / 1048576.0),
                String.format("-Xmx %d MB; GC time during the import %.1f s", Runtime.getRuntime().maxMemory()
                        / 1048576, gc / 1000.0));
        if (h2) {
            Long sql = jdbc.queryForObject("SELECT SUM(EXECUTION_COUNT) FROM INFORMATION_SCHEMA.QUERY_STATISTICS",
                    Long.class);
            table.row("SQL statements executed (H2's query statistics)", String.valueOf(sql),
                    String.format("%.1f per entity (a batched statement counts once per row)",
                            sql == null ? 0.0 : sql / (double) entities));
            List<Map<String, Object>> top = jdbc.queryForList("SELECT SQL_STATEMENT, EXECUTION_COUNT, "
                    + "CUMULATIVE_EXECUTION_TIME FROM INFORMATION_SCHEMA.QUERY_STATISTICS "
                    + "ORDER BY CUMULATIVE_EXECUTION_TIME DESC FETCH FIRST 15 ROWS ONLY");
            for (Map<String, Object> row : top) {
                String statement = String.valueOf(row.get("SQL_STATEMENT")).replaceAll("\\s+", " ");
                table.row("  " + (statement.length() > 90 ? statement.substring(0, 90) + "…" : statement),
                        String.valueOf(row.get("EXECUTION_COUNT")) + "x",
                        String.format("%.1f s in H2", ((Number) row.get("CUMULATIVE_EXECUTION_TIME")).doubleValue()
                                / 1000.0));
            }
            jdbc.execute("SET QUERY_STATISTICS FALSE");
        }
        table.row("rows: entities / Camunda users / groups / memberships / authorizations",
                jdbc.queryForObject("SELECT COUNT(*) FROM reporting_entity", Long.class) + " / "
                        + jdbc.queryForObject("SELECT COUNT(*) FROM ACT_ID_USER", Long.class) + " / "
                        + jdbc.queryForObject("SELECT COUNT(*) FROM ACT_ID_GROUP", Long.class) + " / "
                        + jdbc.queryForObject("SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP", Long.class) + " / "
                        + jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION", Long.class), "");
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    // --- 1. the lifecycle ----------------------------------------------------------------------------------------

    private List<CaseDriver.Result> lifecycle() throws Exception {
        setEngineTime(LIFECYCLE_CLOCK);
        List<String> entities = registry.caseEntities();
        ReportCaseService reports = context.getBean(ReportCaseService.class);
        CaseDriver driver = new CaseDriver(engine);
        int mailsBefore = sink.getReceivedMessages().length;
        log("lifecycle: %d cases of %d on %d threads", entities.size(), LIFECYCLE_YEAR, settings.threads());
        EngineTransactionCounter.Snapshot before = counter.snapshot();
        CpuProfile profile = CpuProfile.start();
        long start = System.nanoTime();
        List<CaseDriver.Result> results = parallel(entities, entity -> {
            ProcessInstance pi = CaseDriver.retry(() -> reports.start(entity, LIFECYCLE_YEAR));
            return driver.drive(pi.getId(), LIFECYCLE_YEAR, entity);
        });
        long took = System.nanoTime() - start;
        EngineTransactionCounter.Snapshot tx = counter.snapshot().minus(before);
        long drainStart = System.nanoTime();
        boolean drained = awaitOutboxDrained(300);
        long drain = System.nanoTime() - drainStart;
        lifecycleCpu = profile.stop();
        profile.close();
        int mails = sink.getReceivedMessages().length - mailsBefore;

        long ended = results.stream().filter(CaseDriver.Result::ended).count();
        long archived = engine.getHistoryService().createHistoricActivityInstanceQuery()
                .activityId(AnnualReportProcess.END_ARCHIVED).count();
        results.stream().filter(r -> !r.ended()).limit(3).forEach(r -> problems.add("case " + r.processInstanceId()
                + " did not end: " + r.failure()));
        if (ended != entities.size() || archived != entities.size()) {
            problems.add("lifecycle: " + ended + " of " + entities.size() + " cases ended, " + archived
                    + " reached " + AnnualReportProcess.END_ARCHIVED);
        }
        double secs = took / 1e9;
        table.section("Lifecycle: every case of " + LIFECYCLE_YEAR + " from kickoff to archive (application)");
        table.row("cases driven / ended archived", entities.size() + " / " + archived,
                settings.governments() + " governments + " + settings.governments() * settings.departments()
                        + " departments");
        table.row("wall time", String.format("%.1f s", secs), settings.threads() + " driver threads");
        table.row("cases per second", String.format("%.2f", entities.size() / secs), "");
        table.row("engine transactions", String.valueOf(tx.transactions()),
                String.format("%.0f per case; %d failed (retried)", tx.transactions() / (double) entities.size(),
                        tx.failed()));
        table.row("engine transactions per second", String.format("%.0f", tx.transactions() / secs), "");
        shape(table, AnnualReportProcess.PROCESS_KEY, results);
        table.row("notice mails delivered to the SMTP sink", String.valueOf(mails),
                drained ? String.format("outbox drained %.1f s after the last case: %.1f mails/s", drain / 1e9,
                        mails / ((took + drain) / 1e9)) : "outbox NOT drained within 300 s");
        if (!drained) {
            problems.add("the notice outbox was not drained within 300 s after the lifecycle");
        }
        table.detail("most frequent engine commands, lifecycle", tx.top(12));
        lifecycleStats = new double[] {entities.size() / secs, tx.transactions() / secs,
                tx.transactions() / (double) entities.size()};
        log("lifecycle: %.1f s, %.2f cases/s, %d transactions", secs, entities.size() / secs, tx.transactions());
        sink.purgeEmailFromAllMailboxes();
        return results;
    }

    private double[] lifecycleStats;
    /** The lifecycle's CPU, from its first kickoff until its notices were delivered. */
    private CpuProfile.Result lifecycleCpu;

    /** User tasks, timers and jobs per case, from the driver and the engine's job log. */
    private void shape(Table t, String processKey, List<CaseDriver.Result> results) {
        double n = results.size();
        long timers = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE PROCESS_DEF_KEY_ = ?"
                + " AND JOB_STATE_ = 0 AND JOB_DEF_TYPE_ LIKE 'timer%'", Long.class, processKey);
        t.row("user tasks / timers / jobs executed per case", String.format("%.2f / %.2f / %.2f",
                        results.stream().mapToInt(CaseDriver.Result::userTasks).sum() / n, timers / n,
                        results.stream().mapToInt(CaseDriver.Result::jobs).sum() / n),
                "timers: created, from ACT_HI_JOB_LOG");
    }

    // --- 2. the bare-engine baseline -----------------------------------------------------------------------------

    private void baseline(List<CaseDriver.Result> cases) throws Exception {
        engine.getRepositoryService().createDeployment().name("benchmark-bare")
                .addModelInstance("bench-bare.bpmn", BareProcess.model()).deploy();
        CaseDriver driver = new CaseDriver(engine);
        log("bare baseline: %d instances", cases.size());
        EngineTransactionCounter.Snapshot before = counter.snapshot();
        CpuProfile profile = CpuProfile.start();
        long start = System.nanoTime();
        List<CaseDriver.Result> results = parallel(cases, real -> {
            ProcessInstance pi = CaseDriver.retry(() -> engine.getRuntimeService().startProcessInstanceByKey(
                    BareProcess.KEY, Map.of("m", real.materials(), "r", real.filings())));
            return driver.drive(pi.getId(), LIFECYCLE_YEAR, "bare");
        });
        long took = System.nanoTime() - start;
        CpuProfile.Result bareCpu = profile.stop();
        profile.close();
        EngineTransactionCounter.Snapshot tx = counter.snapshot().minus(before);
        long ended = results.stream().filter(CaseDriver.Result::ended).count();
        results.stream().filter(r -> !r.ended()).limit(3).forEach(r -> problems.add("bare instance "
                + r.processInstanceId() + " did not end: " + r.failure()));
        double secs = took / 1e9;
        table.section("Bare engine: the same user tasks, timers and async steps, no-op delegates (same engine)");
        table.row("instances driven / ended", results.size() + " / " + ended, "");
        table.row("wall time", String.format("%.1f s", secs), settings.threads() + " driver threads");
        table.row("instances per second", String.format("%.2f", results.size() / secs), "");
        table.row("engine transactions", String.valueOf(tx.transactions()),
                String.format("%.0f per instance; %d failed (retried)", tx.transactions() / (double) results.size(),
                        tx.failed()));
        table.row("engine transactions per second", String.format("%.0f", tx.transactions() / secs), "");
        shape(table, BareProcess.KEY, results);
        table.detail("most frequent engine commands, bare baseline", tx.top(12));
        double bareCases = results.size() / secs;
        double bareTx = tx.transactions() / secs;
        double bareTxPerCase = tx.transactions() / (double) results.size();
        table.section("Ratio application / bare");
        table.row("cases per second", String.format("%.2f", lifecycleStats[0] / bareCases),
                String.format("the bare process runs %.1fx as many cases per second", bareCases / lifecycleStats[0]));
        table.row("engine transactions per second", String.format("%.2f", lifecycleStats[1] / bareTx), "");
        table.row("engine transactions per case", String.format("%.2f", lifecycleStats[2] / bareTxPerCase),
                "the application's work runs inside the same engine transactions (delegates, listeners)");
        cpuBreakdown(lifecycleCpu, bareCpu, results.size());
        log("bare: %.1f s, %.2f instances/s", secs, bareCases);
    }

    /**
     * The JVM's CPU per case of the lifecycle (notices included) and of the bare baseline, split by the application
     * package whose code was innermost on JFR's samples ({@link CpuProfile}): which application work the ratio pays
     * for.
     */
    private void cpuBreakdown(CpuProfile.Result application, CpuProfile.Result bare, int cases) {
        table.section("Where the CPU goes: JVM process CPU per case, split by JFR execution samples (innermost"
                + " application package on the stack)");
        table.row("CPU per case: application / bare", String.format("%.0f / %.0f ms",
                        application.cpuNanos() / 1e6 / cases, bare.cpuNanos() / 1e6 / cases),
                String.format("%.1fx; JFR samples %d / %d; %s", application.cpuNanos() / (double) bare.cpuNanos(),
                        application.total(), bare.total(), "h2".equals(settings.db())
                                ? "H2 runs in the JVM: its work is in the numbers"
                                : "the PostgreSQL server's CPU is not in the numbers"));
        for (String owner : application.owners()) {
            double app = application.cpuMillisPerCase(owner, cases);
            double base = bare.cpuMillisPerCase(owner, cases);
            table.row("  " + owner, String.format("%.1f ms", app), String.format("%4.1f %% of the application's;"
                            + " bare %.1f ms", 100.0 * application.samples().get(owner) / application.total(), base));
        }
        for (String owner : bare.owners()) {
            if (!application.samples().containsKey(owner)) {
                table.row("  " + owner, "0.0 ms", String.format("bare %.1f ms",
                        bare.cpuMillisPerCase(owner, cases)));
            }
        }
    }

    // --- 3. the reminder storm -----------------------------------------------------------------------------------

    private void reminderStorm() throws Exception {
        int k = settings.reminders();
        setEngineTime(IN_FLIGHT_CLOCK);
        ReportCaseService reports = context.getBean(ReportCaseService.class);
        List<String> departments = registry.departmentEntities().subList(0, k);
        log("reminder storm: starting %d department cases of %d", k, IN_FLIGHT_YEAR);
        long startsBegan = System.nanoTime();
        List<String> pids = parallel(departments,
                entity -> CaseDriver.retry(() -> reports.start(entity, IN_FLIGHT_YEAR)).getId());
        long startsTook = System.nanoTime() - startsBegan;
        if (!awaitOutboxDrained(Math.max(300, k / 5))) {
            problems.add("the notice outbox was not drained within " + Math.max(300, k / 5)
                    + " s after the in-flight cases started");
        }
        long noticesTook = System.nanoTime() - startsBegan;
        Set<String> inFlight = new HashSet<>(pids);
        List<Job> timers = engine.getManagementService().createJobQuery().timers()
                .activityId("UserTask_DraftReport").list().stream()
                .filter(j -> inFlight.contains(j.getProcessInstanceId())).toList();
        Map<Date, Long> byDueDate = timers.stream().collect(Collectors.groupingBy(Job::getDuedate, TreeMap::new,
                Collectors.counting()));
        if (timers.size() != k || byDueDate.size() != 1) {
            throw new IllegalStateException("Expected " + k + " draft reminder timers due at one moment, found "
                    + byDueDate);
        }
        Date due = byDueDate.keySet().iterator().next();
        sink.purgeEmailFromAllMailboxes();

        // the job executor runs (idle: nothing is due), then the engine clock reaches the moment all K are due
        JobExecutor executor = jobExecutor();
        executor.start();
        long dueAtNanos;
        long now = ClockUtil.getCurrentTime().getTime();
        if (due.getTime() > now + 3000) {
            long offsetToDue = 3000;
            ClockUtil.offset(due.getTime() - offsetToDue - System.currentTimeMillis());
            dueAtNanos = System.nanoTime() + offsetToDue * 1_000_000L;
        } else {
            dueAtNanos = System.nanoTime(); // already due when the executor started
        }
        long first = -1;
        long all = -1;
        long deadline = dueAtNanos + 600_000_000_000L;
        HikariPoolMXBean pool = ((HikariDataSource) context.getBean(DataSource.class)).getHikariPoolMXBean();
        int mostAwaiting = 0;
        int mostActive = 0;
        while (System.nanoTime() < deadline) {
            mostAwaiting = Math.max(mostAwaiting, pool.getThreadsAwaitingConnection());
            mostActive = Math.max(mostActive, pool.getActiveConnections());
            int received = sink.getReceivedMessages().length;
            if (received > 0 && first < 0) {
                first = System.nanoTime() - dueAtNanos;
            }
            if (received >= k) {
                all = System.nanoTime() - dueAtNanos;
                break;
            }
            Thread.sleep(10);
        }
        // a mail is sent inside its job: once no job of these cases is due any more (the next reminders wait for their
        // own time), every send has happened, a duplicate included
        await("the storm's jobs done").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(50)).until(() -> engine.getManagementService().createJobQuery()
                        .executable().list().stream().noneMatch(j -> inFlight.contains(j.getProcessInstanceId())));
        int delivered = sink.getReceivedMessages().length;
        Long logged = jdbc.queryForObject("SELECT COUNT(*) FROM mail_log WHERE dedup_key LIKE 'reminder:%'"
                + " AND status = 'SENT'", Long.class);
        long failedJobs = engine.getManagementService().createJobQuery().withException().list().stream()
                .filter(j -> inFlight.contains(j.getProcessInstanceId())).count();
        if (failedJobs > 0) {
            problems.add("reminder storm: " + failedJobs + " jobs failed (waiting for their retry)");
        }
        if (delivered != k) {
            problems.add("reminder storm: " + delivered + " mails delivered, expected " + k);
        }
        table.section("Reminder storm: " + k + " draft reminders due at the same moment, real job executor");
        table.row("the storm's cases started (as a launch does)", seconds(startsTook), String.format(
                "%.1f cases/s by %d threads (ReportCaseService.start); their new-task notices delivered after %s",
                k / (startsTook / 1e9), settings.threads(), seconds(noticesTook)));
        table.row("reminders due at (engine time)", ZonedDateTime.ofInstant(due.toInstant(), ZONE)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), k + " department cases of "
                + IN_FLIGHT_YEAR + " waiting at " + AnnualReportProcess.TASK_DRAFT);
        table.row("first mail in the sink after", first < 0 ? "-" : seconds(first),
                "includes the job executor's acquisition");
        table.row("all delivered after", all < 0 ? "NOT within 600 s" : seconds(all),
                all < 0 || all <= first ? "" : String.format("%.0f mails/s from the first to the last",
                        (k - 1) / ((all - first) / 1e9)));
        table.row("delivered (must equal K)", delivered + " of " + k, "mail_log rows SENT: " + logged
                + (delivered == k ? "" : "  <-- MISMATCH"));
        table.row("jobs failed (retry in 5 min)", String.valueOf(failedJobs), "jobs of the storm's cases with an"
                + " exception, e.g. no connection within Hikari's timeout");
        table.row("connection pool: most in use / most waiting", mostActive + " / " + mostAwaiting, "of "
                + pool.getTotalConnections() + " open, at most " + ((HikariDataSource) context.getBean(
                DataSource.class)).getMaximumPoolSize() + "; sampled every 10 ms during the storm");
        table.row("job executor", "core " + context.getEnvironment().getProperty(
                        "camunda.bpm.job-execution.core-pool-size", "3") + ", max " + context.getEnvironment()
                        .getProperty("camunda.bpm.job-execution.max-pool-size", "10") + " threads",
                "wait " + executor.getWaitTimeInMillis() + " ms, max wait " + executor.getMaxWait() + " ms, "
                        + executor.getMaxJobsPerAcquisition() + " jobs per acquisition");
        log("storm: %d of %d delivered in %s", delivered, k, all < 0 ? "-" : seconds(all));
        sink.purgeEmailFromAllMailboxes();

        // Tasklist with the storm's K cases in flight: as many open tasks as the launch leaves (issue 16's latency)
        int n = settings.samples();
        String user = RegistryCsv.departmentStaff(1, 1);
        TasklistSample tasks = tasklistLatency(user, Math.max(10, n / 10), n);
        latencyRow(tasks.latencies(), "with " + engine.getTaskService().createTaskQuery().count() + " open tasks:"
                + " POST …/filter/{我的待办}/list as " + user + " (session); sees " + tasks.visible() + " task(s)");
    }

    // --- 4. latencies with the database full ---------------------------------------------------------------------

    private void latencies() {
        int n = settings.samples();
        int warmUp = Math.max(10, n / 10);
        List<String> entities = registry.caseEntities();
        HttpSampler http = new HttpSampler(base);
        String owner = HttpSampler.basic(RegistryCsv.CITY_OWNER, PASSWORD);
        HttpSampler.Latencies report = HttpSampler.sample("GET /api/reports/{entity}/{year}", warmUp, n,
                i -> http.get("/api/reports/" + entities.get(i % entities.size()) + "/" + LIFECYCLE_YEAR, owner));

        // the supervision desk's overview of the whole year: the city's office (every entity below it) and an admin
        HttpSampler.Latencies desk = HttpSampler.sample("GET /api/reports?year= (督办台)", warmUp, n,
                i -> http.get("/api/reports?year=" + LIFECYCLE_YEAR + "&size=50&page=" + (i % 3), owner));
        String admin = HttpSampler.basic("admin", PASSWORD);
        HttpSampler.Latencies deskAdmin = HttpSampler.sample("GET /api/reports?year= (督办台, admin)", warmUp, n,
                i -> http.get("/api/reports?year=" + LIFECYCLE_YEAR + "&size=50&sort=overdue", admin));

        String user = RegistryCsv.departmentStaff(1, 1);
        TasklistSample tasks = tasklistLatency(user, warmUp, n);

        long runningTasks = engine.getTaskService().createTaskQuery().count();
        long finished = engine.getHistoryService().createHistoricProcessInstanceQuery().finished().count();
        table.section("Latency with the database full: " + finished + " finished instances, " + runningTasks
                + " open tasks; " + n + " sequential calls after " + warmUp + " warm-up");
        latencyRow(report, "as " + RegistryCsv.CITY_OWNER + " (Basic), the " + entities.size()
                + " cases of " + LIFECYCLE_YEAR + " in turn");
        latencyRow(tasks.latencies(), "POST …/filter/{我的待办}/list, hal+json, as " + user + " (session); sees "
                + tasks.visible() + " task(s)");
        latencyRow(desk, "the year's overview as " + RegistryCsv.CITY_OWNER + ", 50 rows a page, pages 1–3");
        latencyRow(deskAdmin, "the year's overview as admin (every entity), sorted by working days overdue");
    }

    /** Tasklist's list as one user: its latencies and how many tasks the user sees. */
    private record TasklistSample(HttpSampler.Latencies latencies, int visible) {
    }

    /**
     * Tasklist's list of the filter 我的待办 as the user, the request its page sends, sampled after a login through
     * its form (session cookie and CSRF token).
     */
    private TasklistSample tasklistLatency(String user, int warmUp, int n) {
        HttpSampler tasklist = new HttpSampler(base);
        tasklist.loginToTasklist(user, PASSWORD);
        String filterId = filterId(tasklist, "我的待办");
        String body = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
                + "\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}],\"active\":true}";
        String path = "/camunda/api/engine/engine/default/filter/" + filterId + "/list?firstResult=0&maxResults=15";
        HttpResponse<String> probe = tasklist.webappPost(path, body, "application/hal+json, application/json; q=0.5");
        int visible = -1;
        try {
            visible = new ObjectMapper().readTree(probe.body()).path("count").asInt(-1);
        } catch (IOException e) {
            problems.add("Tasklist answer is not JSON: " + HttpSampler.abbreviate(probe.body()));
        }
        return new TasklistSample(HttpSampler.sample("Tasklist filter list", warmUp, n,
                i -> tasklist.webappPost(path, body, "application/hal+json, application/json; q=0.5")), visible);
    }

    // --- 5. the supervision desk with a national registry --------------------------------------------------------

    /**
     * Fills the registry and the desk's read model to a national size — {@code bench.desk.governments} (3,000)
     * governments with {@code bench.desk.departments} (10) departments each, every one with a case of the lifecycle
     * year: a third finished, the rest with one open task due at dates spread over the cycle, five addressees owed —
     * written straight into the tables (the lifecycle above measures how they get there), then samples the overview
     * as an administrator, who reads every row.
     */
    private void deskAtNationalScale() {
        int governments = Integer.getInteger("bench.desk.governments", 3000);
        int departments = Integer.getInteger("bench.desk.departments", 10);
        long start = System.nanoTime();
        java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
        List<Object[]> entities = new ArrayList<>();
        List<Object[]> progress = new ArrayList<>();
        List<Object[]> tasks = new ArrayList<>();
        int n = 0;
        for (int g = 0; g < governments; g++) {
            String gov = "nat-" + g;
            entities.add(new Object[] {gov, "模拟县" + g + "人民政府", "模拟县" + g, "GOVERNMENT", "COUNTY", null, 1_000_000 + n});
            addCase(progress, tasks, gov, n++);
            for (int d = 0; d < departments; d++) {
                String dept = gov + "-d" + d;
                entities.add(new Object[] {dept, "模拟县" + g + "第" + d + "局", "第" + d + "局", "DEPARTMENT", "COUNTY", gov,
                        1_000_000 + n});
                addCase(progress, tasks, dept, n++);
            }
        }
        jdbc.batchUpdate("INSERT INTO reporting_entity (code, name, short_name, entity_type, admin_level, parent_code,"
                + " active, sort_order, updated_at) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, CURRENT_TIMESTAMP)", entities);
        jdbc.batchUpdate("INSERT INTO case_progress (process_instance_id, entity_code, reporting_year, started_at,"
                + " ended_at, end_state, deadline_filing, deadline_publication, filing_recipients, copy_to)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", progress);
        jdbc.batchUpdate("INSERT INTO case_open_task (task_id, process_instance_id, task_key, name, due_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", tasks);
        long filled = System.nanoTime() - start;
        HttpSampler http = new HttpSampler(base);
        String admin = HttpSampler.basic("admin", PASSWORD);
        int samples = Math.max(20, settings.samples() / 5);
        HttpSampler.Latencies desk = HttpSampler.sample("GET /api/reports?year= (督办台, national)", 5, samples,
                i -> http.get("/api/reports?year=" + LIFECYCLE_YEAR + "&size=50&sort=overdue&page=" + (i % 5), admin));
        HttpSampler.Latencies late = HttpSampler.sample("GET /api/reports/late?year=&at= (通报, national)", 3,
                Math.max(10, samples / 2), i -> http.get("/api/reports/late?year=" + LIFECYCLE_YEAR + "&at="
                        + (LIFECYCLE_YEAR + 1) + "-04-01", admin));
        // the exports, still made while the request waits: the whole year's overview as a spreadsheet, the 通报 list
        // as a spreadsheet and as the Word draft
        int exports = 5;
        String at = (LIFECYCLE_YEAR + 1) + "-04-01";
        HttpSampler.Latencies overviewXlsx = HttpSampler.sample("GET /api/reports/overview.xlsx (national)", 1,
                exports, i -> http.download("/api/reports/overview.xlsx?year=" + LIFECYCLE_YEAR + "&sort=overdue",
                        admin));
        HttpSampler.Latencies lateXlsx = HttpSampler.sample("GET /api/reports/late.xlsx (national)", 1, exports,
                i -> http.download("/api/reports/late.xlsx?year=" + LIFECYCLE_YEAR + "&at=" + at, admin));
        HttpSampler.Latencies lateDocx = HttpSampler.sample("GET /api/reports/late.docx (national)", 1, exports,
                i -> http.download("/api/reports/late.docx?year=" + LIFECYCLE_YEAR + "&at=" + at, admin));
        table.section("Supervision desk with a national registry: " + entities.size() + " entities and cases of "
                + LIFECYCLE_YEAR + " (" + tasks.size() + " open tasks) written in " + seconds(filled));
        latencyRow(desk, "as admin (every row), 50 a page, sorted by working days overdue; " + samples + " calls");
        latencyRow(late, "the 通报 list of the year at 1 April, as admin");
        latencyRow(overviewXlsx, "the whole year's overview as a spreadsheet, as admin; " + exports + " calls");
        latencyRow(lateXlsx, "the 通报 list at 1 April as a spreadsheet; " + exports + " calls");
        latencyRow(lateDocx, "the 通报 draft at 1 April as a Word document; " + exports + " calls");
    }

    private static void addCase(List<Object[]> progress, List<Object[]> tasks, String entity, int n) {
        String pid = "nat-case-" + n;
        java.sql.Timestamp started = java.sql.Timestamp.valueOf(LocalDateTime.of(LIFECYCLE_YEAR + 1, 1, 6, 9, 0));
        boolean finished = n % 3 == 0;
        progress.add(new Object[] {pid, entity, LIFECYCLE_YEAR, started,
                finished ? java.sql.Timestamp.valueOf(LocalDateTime.of(LIFECYCLE_YEAR + 1, 3, 20, 9, 0)) : null,
                finished ? "COMPLETED" : null, java.sql.Date.valueOf(LocalDate.of(LIFECYCLE_YEAR + 1, 2, 28)),
                java.sql.Date.valueOf(LocalDate.of(LIFECYCLE_YEAR + 1, 3, 31)), "甲；乙；丙；丁", "戊"});
        if (!finished) {
            tasks.add(new Object[] {pid + "-t", pid, "UserTask_DraftReport", "起草年度报告",
                    java.sql.Timestamp.valueOf(LocalDateTime.of(LIFECYCLE_YEAR + 1, 1, 10, 17, 30).plusDays(n % 80)), started});
        }
    }

    private void latencyRow(HttpSampler.Latencies l, String note) {
        table.row(l.what() + " p50 / p95", String.format("%.1f / %.1f ms", l.percentile(50), l.percentile(95)),
                String.format("mean %.1f, max %.1f ms; %s", l.mean(), l.max(), note));
        if (l.errors() > 0) {
            problems.add(l.what() + ": " + l.errors() + " answers were not 200, e.g. " + l.lastError());
        }
    }

    private static String filterId(HttpSampler session, String name) {
        HttpResponse<String> answer = session.webappGet("/camunda/api/engine/engine/default/filter?resourceType=Task");
        try {
            for (JsonNode filter : new ObjectMapper().readTree(answer.body())) {
                if (name.equals(filter.path("name").asText())) {
                    return filter.path("id").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("No Tasklist filter " + name + ": " + HttpSampler.abbreviate(answer.body()));
    }

    // --- 5. heap -------------------------------------------------------------------------------------------------

    private void heap() throws Exception {
        sink.purgeEmailFromAllMailboxes(); // the sink's mails are the benchmark's, not the application's
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        table.section("Memory");
        table.row("heap used after a full GC", String.format("%.0f MB", heap.getUsed() / 1048576.0),
                String.format("committed %.0f MB, max %.0f MB; with the database full%s", heap.getCommitted() / 1048576.0,
                        heap.getMax() / 1048576.0, settings.db().equals("h2") ? " (H2's page cache is in this heap)"
                                : ""));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private void header() {
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "?";
        }
        table.title(String.format("National cycle benchmark (issue 6 §3) on %s — %s", settings.db().equals("h2")
                        ? "H2 (file)" : "PostgreSQL 16 (embedded)",
                ZonedDateTime.now(ZONE).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))));
        table.note(String.format("machine: %s, %d cores, %s %s; %s; Java %s; -Xmx %d MB, GC %s", host,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), memory(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1048576, gcs));
        table.note(String.format("sizes: %d governments x %d departments = %d cases, reminder storm K = %d,"
                        + " %d driver threads, %d latency samples", settings.governments(), settings.departments(),
                registry.caseEntities().size(), settings.reminders(), settings.threads(), settings.samples()));
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> String.format("%.0f GB RAM",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0)).orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private <T, R> List<R> parallel(List<T> items, ThrowingFunction<T, R> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit((Callable<R>) () -> work.apply(item)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface ThrowingFunction<T, R> {
        R apply(T t) throws Exception;
    }

    private boolean awaitOutboxDrained(int seconds) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            Long pending = jdbc.queryForObject("SELECT COUNT(*) FROM notice_outbox WHERE status = 'PENDING'",
                    Long.class);
            if (pending == 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Moves the engine clock (ClockUtil) to the given time; it runs on from there at real speed. */
    private static void setEngineTime(LocalDateTime time) {
        long target = time.atZone(ZONE).toInstant().toEpochMilli();
        ClockUtil.offset(target - System.currentTimeMillis());
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    private JobExecutor jobExecutor() {
        return configuration().getJobExecutor();
    }

    private void finish() {
        if (!problems.isEmpty()) {
            table.section("PROBLEMS");
            problems.forEach(p -> table.row(p, "", ""));
        }
        String text = table.render();
        System.out.println();
        System.out.println(text);
        try {
            Files.createDirectories(settings.outputDirectory());
            Path file = settings.outputDirectory().resolve("benchmark-" + settings.db() + ".txt");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            System.out.println("written to " + file.toAbsolutePath());
        } catch (IOException e) {
            System.err.println("Cannot write the result file: " + e);
        }
        if (context != null) {
            try {
                context.close();
            } catch (RuntimeException e) {
                System.err.println("Closing the application: " + e);
            }
        }
        if (sink != null) {
            sink.stop();
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[benchmark %s] %s%n", java.time.LocalTime.now().withNano(0), String.format(format, args));
    }

    private static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The plain-text result: a title, notes, sections of rows (measurement, value, how) and details. */
    static final class Table {

        private final StringBuilder head = new StringBuilder();
        private final List<String[]> rows = new ArrayList<>();
        private final StringBuilder details = new StringBuilder();

        void title(String title) {
            head.append(title).append('\n');
        }

        void note(String note) {
            head.append(note).append('\n');
        }

        void section(String name) {
            rows.add(new String[] {name});
        }

        void row(String what, String value, String how) {
            rows.add(new String[] {what, value, how});
        }

        void detail(String title, String text) {
            details.append("  ").append(title).append(":\n").append(text);
        }

        String render() {
            int w0 = 4;
            int w1 = 4;
            for (String[] r : rows) {
                if (r.length == 3) {
                    w0 = Math.max(w0, width(r[0]));
                    w1 = Math.max(w1, width(r[1]));
                }
            }
            StringBuilder out = new StringBuilder(head).append('\n');
            for (String[] r : rows) {
                if (r.length == 1) {
                    out.append('\n').append(r[0]).append('\n');
                } else {
                    out.append("  ").append(pad(r[0], w0)).append("  ").append(pad(r[1], w1)).append("  ")
                            .append(r[2]).append('\n').toString();
                }
            }
            if (!details.isEmpty()) {
                out.append("\nDetails\n").append(details);
            }
            return out.toString().replaceAll("(?m) +$", "");
        }

        /** Display width: CJK characters take two columns. */
        private static int width(String s) {
            return s.codePoints().map(c -> c >= 0x2E80 ? 2 : 1).sum();
        }

        private static String pad(String s, int width) {
            return s + " ".repeat(Math.max(0, width - width(s)));
        }
    }
}
