package cn.fazhi.annualreport.organization;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs registry imports in the background, one at a time on each node, with a heartbeat that carries the progress;
 * every node looks for imports that are queued or whose node stopped beating, and starts them again from their stored
 * file (the interrupted run's transaction was rolled back with its node), or fails them after their attempts.
 */
@Component
class RegistryImportWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegistryImportWorker.class);

    private final EntityImporter importer;
    private final RegistryImports jobs;
    private final OrganizationProperties.Imports settings;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> thread(r, "registry-import"));
    private final ScheduledExecutorService beats =
            Executors.newSingleThreadScheduledExecutor(r -> thread(r, "registry-import-heartbeat"));
    private final Map<String, CompletableFuture<EntityImporter.Result>> local = new ConcurrentHashMap<>();
    private volatile boolean closing;

    RegistryImportWorker(EntityImporter importer, RegistryImports jobs, OrganizationProperties properties) {
        this.importer = importer;
        this.jobs = jobs;
        this.settings = properties.organization().imports();
    }

    /** An import accepted: its id, and its outcome once this node has run it. */
    record Submitted(String id, CompletableFuture<EntityImporter.Result> outcome) {
    }

    /** Checks a file (a bad one is refused here, before anything is stored), stores it and starts it. */
    Submitted submit(byte[] file, String fileName, String by) {
        EntityImporter.Checked checked = importer.check(file);
        String id = jobs.create(fileName, file, checked.rows().size(), checked.people().size(), by, Instant.now());
        return new Submitted(id, start(id));
    }

    private CompletableFuture<EntityImporter.Result> start(String id) {
        CompletableFuture<EntityImporter.Result> outcome = new CompletableFuture<>();
        if (local.putIfAbsent(id, outcome) != null) {
            return local.get(id);
        }
        runner.execute(() -> {
            try {
                run(id, outcome);
            } finally {
                local.remove(id);
                outcome.complete(null); // not run here (another node has it, or another import runs): no outcome
            }
        });
        return outcome;
    }

    /** Every node, every 15 s: starts the imports nobody runs, fails those interrupted too often. */
    @Scheduled(initialDelay = 15_000, fixedDelay = 15_000)
    void takeOver() {
        if (closing) {
            return;
        }
        Instant now = Instant.now();
        for (RegistryImports.Job job : jobs.due(now.minus(settings.staleAfter()))) {
            if (local.containsKey(job.id())) {
                continue;
            }
            if ("RUNNING".equals(job.status()) && job.attempts() >= settings.attempts()) {
                if (jobs.failInterrupted(job, "导入已中断" + job.attempts() + "次（运行导入的节点停止），未导入任何内容；请重新导入",
                        "The import was interrupted " + job.attempts() + " times (its node stopped); nothing was "
                                + "imported; please import the file again", now)) {
                    log.warn("Registry import {} failed: interrupted {} times", job.id(), job.attempts());
                }
            } else {
                if ("RUNNING".equals(job.status())) {
                    log.warn("Registry import {} lost its node {} (no heartbeat since {}): started again here",
                            job.id(), job.node(), job.heartbeatAt());
                }
                start(job.id());
            }
        }
    }

    private void run(String id, CompletableFuture<EntityImporter.Result> outcome) {
        Instant now = Instant.now();
        if (closing || !jobs.claim(id, node, now, now.minus(settings.staleAfter()))) {
            return;
        }
        RegistryImports.Job job = jobs.find(id).orElseThrow();
        Beat beat = new Beat(id);
        beat.future = beats.scheduleWithFixedDelay(beat, settings.heartbeat().toMillis(),
                settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        try {
            EntityImporter.Checked checked = importer.check(jobs.content(id));
            int entities = checked.rows().size();
            int people = checked.people().size();
            EntityImporter.Result result = importer.importFile(checked, job.requestedBy(), null,
                    new EntityImporter.Progress() {
                        @Override
                        public void done(int entitiesDone, int peopleDone) {
                            beat.progress(entitiesDone, peopleDone);
                        }

                        @Override
                        public void completing(EntityImporter.Result written) {
                            beat.stop();
                            jobs.succeed(id, node, written, entities, people, Instant.now());
                        }
                    });
            outcome.complete(result);
        } catch (EntityImportException e) {
            // the registry changed since the file was accepted: its lines no longer fit
            beat.stop();
            jobs.fail(id, node, e.messageZh(), e.messageEn(), e.errors(), Instant.now());
            outcome.completeExceptionally(e);
        } catch (RuntimeException e) {
            beat.stop();
            if (closing) {
                log.warn("Registry import {} stopped with its node; another node or the restarted one runs it "
                        + "again: {}", id, e.toString());
            } else {
                log.error("Registry import {} failed; nothing was imported", id, e);
                String reason = rootMessage(e);
                jobs.fail(id, node, "导入失败，未导入任何内容：" + reason, "The import failed; nothing was imported: "
                        + reason, List.of(), Instant.now());
            }
            outcome.completeExceptionally(e);
        } finally {
            beat.stop();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void destroy() {
        closing = true;
        runner.shutdown(); // not shutdownNow: an interrupt in the middle of H2's file I/O closes its store
        beats.shutdownNow();
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The heartbeat of one running import, with its progress; stopped before the import records its outcome. */
    private final class Beat implements Runnable {

        private final String id;
        private volatile int entities;
        private volatile int people;
        private volatile boolean lost;
        private boolean stopped;
        private ScheduledFuture<?> future;

        Beat(String id) {
            this.id = id;
        }

        void progress(int entitiesDone, int peopleDone) {
            if (lost) {
                throw new IllegalStateException("Registry import " + id + " was taken over by another node");
            }
            if (entitiesDone > 0) {
                entities = entitiesDone;
            }
            people = peopleDone;
        }

        @Override
        public synchronized void run() {
            if (stopped) {
                return;
            }
            try {
                if (!jobs.beat(id, node, entities, people, Instant.now())) {
                    lost = true;
                }
            } catch (RuntimeException e) {
                log.warn("Registry import {}: heartbeat not written: {}", id, e.toString());
            }
        }

        synchronized void stop() {
            stopped = true;
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
