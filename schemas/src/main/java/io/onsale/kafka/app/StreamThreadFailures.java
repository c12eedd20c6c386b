package io.onsale.kafka.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread's death costs. A thread that died of the cluster moving under it (a broker killed while its
 * transaction was open: the producer finds its transaction in a state it did not expect, or timed out) is replaced: its
 * tasks were closed dirty and its transaction aborted, so the new thread resumes from the last commit, exactly once,
 * and the instance goes on serving. Anything else, or more than {@link #REPLACEMENTS} such deaths within
 * {@link #WINDOW_MS}, stops the instance (readiness DOWN, the orchestrator restarts it): a fault that does not go away
 * is not retried forever. Before, every death stopped the instance; a broker kill took an engine down for good.
 */
public final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StreamThreadFailures.class);

    static final int REPLACEMENTS = 5;
    static final long WINDOW_MS = 10 * 60 * 1000;

    private final String what;
    private final LongSupplier clock;
    private final Deque<Long> recentReplacements = new ArrayDeque<>();

    StreamThreadFailures(String what, LongSupplier clock) {
        this.what = what;
        this.clock = clock;
    }

    /** For the app named {@code what} in the logs. */
    public static StreamThreadFailures of(String what) {
        return new StreamThreadFailures(what, System::currentTimeMillis);
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable error) {
        long now = clock.getAsLong();
        while (!recentReplacements.isEmpty() && recentReplacements.peekFirst() <= now - WINDOW_MS) {
            recentReplacements.removeFirst();
        }
        if (causedByTheClusterMoving(error) && recentReplacements.size() < REPLACEMENTS) {
            recentReplacements.addLast(now);
            log.warn(
                    "a stream thread of {} died of the cluster moving under it; replacing it ({} of {} within {} min)",
                    what,
                    recentReplacements.size(),
                    REPLACEMENTS,
                    WINDOW_MS / 60_000,
                    error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        log.error(
                "a stream thread of {} failed; stopping {} so it can be restarted (readiness DOWN)", what, what, error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    static boolean causedByTheClusterMoving(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidTxnStateException
                    || cause instanceof InvalidProducerEpochException
                    || cause instanceof ProducerFencedException
                    || cause instanceof TransactionAbortedException
                    || cause instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }
}
