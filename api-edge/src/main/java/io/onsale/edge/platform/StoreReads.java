package io.onsale.edge.platform;

import java.util.concurrent.Callable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where the edge reads Kafka Streams' state stores: never on an event loop. An interactive query takes a lock the
 * stream threads' state updater also takes (BlockHound caught an event loop parked on it in {@code TaskManager}), and a
 * RocksDB read that misses its block cache reads the disk, which BlockHound cannot see behind JNI. A few threads of
 * their own: store reads take microseconds, so a small pool keeps them hot and never holds a loop.
 */
@Component
public class StoreReads implements DisposableBean {

    /** Two cores here: more threads would only queue on the same cpus. */
    private static final int THREADS = 4;
    /**
     * Without the embedded engine a read is a call to the engine instance that owns the key (RemoteEngine): a thread
     * waits a millisecond or so on the network for microseconds of work, so many more of them keep the cpus busy.
     */
    private static final int REMOTE_THREADS = 32;

    private static final int QUEUED = 100_000;

    private final Scheduler scheduler;

    StoreReads(@Value("${onsale.edge.embedded-engine:true}") boolean embeddedEngine) {
        this.scheduler = Schedulers.newBoundedElastic(embeddedEngine ? THREADS : REMOTE_THREADS, QUEUED, "store-reads");
    }

    /** {@code read} run on a store-read thread; what follows it runs there too unless it moves on. */
    public <T> Mono<T> read(Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
