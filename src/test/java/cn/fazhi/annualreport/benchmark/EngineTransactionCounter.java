package cn.fazhi.annualreport.benchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the engine's transactions: a command interceptor in front of the engine's Spring transaction interceptor
 * (in both the "required" and the "requires new" chains) counts
 * <ul>
 *   <li>every outermost engine command on a thread that runs without a surrounding Spring transaction: the engine
 *       opens and commits (or rolls back) a transaction of its own for it — task queries, completions, job
 *       acquisitions and executions, …;</li>
 *   <li>once per surrounding application transaction in which the engine ran at least one command (e.g. the registry
 *       import, a REST call whose service method is {@code @Transactional});</li>
 *   <li>every command of the "requires new" chain (id blocks, the job's failure handling): a transaction of its own.</li>
 * </ul>
 * Commands nested inside a running command (a delegate calling a service) join its transaction and are not counted.
 * Registered as a {@code ProcessEnginePlugin} bean by {@link NationalCycleBenchmark} only; it is not a Spring component,
 * so that the test suite's component scan never finds it.
 */
final class EngineTransactionCounter extends AbstractProcessEnginePlugin {

    private static final Object JOINED = new Object();

    private final LongAdder transactions = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> byCommand = new ConcurrentHashMap<>();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> required = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        required.add(0, new Counting(false));
        configuration.setCustomPreCommandInterceptorsTxRequired(required);
        List<CommandInterceptor> requiresNew = configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequiresNew());
        requiresNew.add(0, new Counting(true));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(requiresNew);
    }

    Snapshot snapshot() {
        Map<String, Long> commands = new LinkedHashMap<>();
        byCommand.forEach((k, v) -> commands.put(k, v.sum()));
        return new Snapshot(transactions.sum(), failed.sum(), commands);
    }

    /** Counts between two snapshots, with the most frequent commands. */
    record Snapshot(long transactions, long failed, Map<String, Long> commands) {

        Snapshot minus(Snapshot before) {
            Map<String, Long> diff = new LinkedHashMap<>();
            commands.forEach((k, v) -> {
                long d = v - before.commands.getOrDefault(k, 0L);
                if (d > 0) {
                    diff.put(k, d);
                }
            });
            return new Snapshot(transactions - before.transactions, failed - before.failed, diff);
        }

        String top(int n) {
            StringBuilder out = new StringBuilder();
            commands.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(n).forEach(e -> out.append(String.format("      %-46s %8d%n", e.getKey(), e.getValue())));
            return out.toString();
        }
    }

    private static String name(Command<?> command) {
        String simple = command.getClass().getSimpleName();
        return simple.isEmpty() || simple.contains("$$") ? command.getClass().getName() : simple;
    }

    private final class Counting extends CommandInterceptor {

        private final boolean requiresNew;

        Counting(boolean requiresNew) {
            this.requiresNew = requiresNew;
        }

        @Override
        public <T> T execute(Command<T> command) {
            int[] d = depth.get();
            boolean counted = false;
            if (requiresNew) {
                counted = true;
            } else if (d[0] == 0) {
                if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                    counted = true;
                } else if (!TransactionSynchronizationManager.hasResource(JOINED)) {
                    // an application transaction: count it once, however many engine commands run in it
                    TransactionSynchronizationManager.bindResource(JOINED, Boolean.TRUE);
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            TransactionSynchronizationManager.unbindResourceIfPossible(JOINED);
                            if (status != STATUS_COMMITTED) {
                                failed.increment();
                            }
                        }
                    });
                    transactions.increment();
                    byCommand.computeIfAbsent("(application transaction)", k -> new LongAdder()).increment();
                }
            }
            if (counted) {
                transactions.increment();
                byCommand.computeIfAbsent(name(command), k -> new LongAdder()).increment();
            }
            d[0]++;
            try {
                return next.execute(command);
            } catch (RuntimeException e) {
                if (counted) {
                    failed.increment();
                }
                throw e;
            } finally {
                d[0]--;
            }
        }
    }
}
