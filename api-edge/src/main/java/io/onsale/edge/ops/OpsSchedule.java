package io.onsale.edge.ops;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Ticks the {@link OpsMonitor} every second on a daemon thread of its own, from the start of the edge to its stop. */
final class OpsSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OpsSchedule.class);

    private final OpsMonitor monitor;
    private volatile ScheduledExecutorService thread;

    OpsSchedule(OpsMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread sampler = new Thread(runnable, "ops-monitor");
            sampler.setDaemon(true);
            return sampler;
        });
        // A task that throws is never run again by a scheduled executor: one bad second must not stop the watch.
        executor.scheduleAtFixedRate(
                () -> {
                    try {
                        monitor.tick();
                    } catch (RuntimeException error) {
                        log.warn("the operations sample of this second failed; the next second goes on", error);
                    }
                },
                0,
                OpsMonitor.SAMPLE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        thread = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = thread;
        if (executor != null) {
            executor.shutdownNow();
            thread = null;
            monitor.close();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
