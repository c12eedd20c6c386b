package io.onsale.kafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailuresTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final StreamThreadFailures failures = new StreamThreadFailures("test", now::get);

    @Test
    void aThreadKilledByABrokerFailoverIsReplaced() {
        StreamsException duringFailover = new StreamsException(
                "commit failed",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));

        assertThat(failures.handle(duringFailover)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(failures.handle(new StreamsException(new TimeoutException("x"))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void aBugStopsTheInstance() {
        assertThat(failures.handle(new StreamsException(new NullPointerException("a bug"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void aFailoverThatKeepsKillingThreadsStopsTheInstanceUntilTheWindowHasPassed() {
        StreamsException failover = new StreamsException(new InvalidTxnStateException("x"));
        for (int i = 0; i < StreamThreadFailures.REPLACEMENTS; i++) {
            assertThat(failures.handle(failover)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            now.addAndGet(1_000);
        }

        assertThat(failures.handle(failover)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        now.addAndGet(StreamThreadFailures.WINDOW_MS);
        assertThat(failures.handle(failover)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
