package cn.fazhi.annualreport.benchmark;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a phase's CPU goes: the JVM's process CPU time over the phase, and Java Flight Recorder's execution samples
 * split by the application package whose code is innermost on each sampled stack ("engine" when none is).
 *
 * <p>A sample in engine or JDBC code called by an application delegate or listener counts for that application
 * package: it is work the application asked for. The benchmark's own driver package does not count as application.
 * JFR samples threads running Java code every {@value #PERIOD_MS} ms; on H2 the database runs in the JVM and its work
 * is in the samples, on PostgreSQL the server's CPU is in neither number. The application's subclasses of engine
 * classes, through which every engine call goes, do not count as application frames ({@link #passesThrough}).
 */
final class CpuProfile implements AutoCloseable {

    static final String ENGINE = "engine (no application frame)";
    private static final long PERIOD_MS = 10;
    private static final String APPLICATION = "cn.fazhi.annualreport.";
    private static final String DRIVER = APPLICATION + "benchmark.";
    private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda.*$");

    private final Recording recording = new Recording();
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long cpuAtStart;

    private CpuProfile() {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(PERIOD_MS));
        recording.setToDisk(true);
        cpuAtStart = os.getProcessCpuTime();
        recording.start();
    }

    static CpuProfile start() {
        return new CpuProfile();
    }

    /** Stops the recording and counts its samples. */
    Result stop() {
        recording.stop();
        long cpuNanos = os.getProcessCpuTime() - cpuAtStart;
        Map<String, Long> samples = new TreeMap<>();
        try {
            Path file = Files.createTempFile("benchmark-cpu", ".jfr");
            try {
                recording.dump(file);
                try (RecordingFile events = new RecordingFile(file)) {
                    while (events.hasMoreEvents()) {
                        RecordedEvent event = events.readEvent();
                        if ("jdk.ExecutionSample".equals(event.getEventType().getName())) {
                            samples.merge(owner(event.getStackTrace()), 1L, Long::sum);
                        }
                    }
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(cpuNanos, samples);
    }

    @Override
    public void close() {
        recording.close();
    }

    /**
     * The application package of the innermost application frame, e.g. "notification.mail"; or {@link #ENGINE}.
     * Frames of {@linkplain #passesThrough pass-through classes} are skipped.
     */
    static String owner(RecordedStackTrace stack) {
        if (stack == null) {
            return ENGINE;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            // a lambda's hidden class ("…Plugin$1$$Lambda$1044/0x…") belongs to the class that made it
            String type = LAMBDA.matcher(frame.getMethod().getType().getName()).replaceFirst("");
            if (type.startsWith(APPLICATION) && !type.startsWith(DRIVER) && !passesThrough(type)) {
                String rest = type.substring(APPLICATION.length());
                int dot = rest.lastIndexOf('.');
                return dot < 0 ? "(root)" : rest.substring(0, dot);
            }
        }
        return ENGINE;
    }

    private static final Map<String, Boolean> PASSING_THROUGH = new ConcurrentHashMap<>();

    /**
     * Whether an application class extends one of Camunda's (its guarded engine services and its command
     * interceptors): every engine call goes through them, so they would own all of the engine's work. What runs under
     * them belongs to the next application frame, or to the engine; their own checks count with the engine.
     */
    static boolean passesThrough(String className) {
        return PASSING_THROUGH.computeIfAbsent(className, name -> {
            try {
                for (Class<?> type = Class.forName(name, false, CpuProfile.class.getClassLoader()).getSuperclass();
                     type != null; type = type.getSuperclass()) {
                    if (type.getName().startsWith("org.camunda.bpm.engine.impl.")) {
                        return true;
                    }
                }
                return false;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }

    /** A phase's process CPU time and its samples by owner. */
    record Result(long cpuNanos, Map<String, Long> samples) {

        long total() {
            return samples.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The owners, most samples first. */
        Map<String, Long> ranked() {
            Map<String, Long> ranked = new LinkedHashMap<>();
            samples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .forEach(e -> ranked.put(e.getKey(), e.getValue()));
            return ranked;
        }

        /** CPU milliseconds per case that the owner's share of the samples stands for. */
        double cpuMillisPerCase(String owner, int cases) {
            long total = total();
            return total == 0 ? 0 : cpuNanos / 1e6 / cases * samples.getOrDefault(owner, 0L) / total;
        }

        List<String> owners() {
            return List.copyOf(ranked().keySet());
        }
    }
}
