package io.onsale.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThroughputTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theRateCountsOnlyWhatArrivedAfterTheFirstBatch() {
        // 100 records at t=1 s (the first visible transaction), then 100 per second until t=10 s.
        long[] arrivals = new long[1000];
        for (int i = 0; i < 1000; i++) {
            arrivals[i] = (1 + i / 100) * SECOND;
        }

        Throughput throughput = Throughput.of(0, arrivals, 1000, 100);

        assertThat(throughput.records()).isEqualTo(1000);
        assertThat(throughput.startupSeconds()).isEqualTo(1.0);
        assertThat(throughput.firstToLastSeconds()).isEqualTo(9.0);
        assertThat(throughput.recordsPerSecond()).isCloseTo(100.0, within(0.001));
        assertThat(throughput.perSecond()).hasSize(10).allMatch(count -> count == 100);
    }

    @Test
    void theMiddleEightyPercentLeavesOutASlowStart() {
        long[] arrivals = new long[1000];
        for (int i = 0; i < 1000; i++) {
            // the first 100 trickle in over 10 s, the rest at 1,000/s
            arrivals[i] = i < 100 ? i * SECOND / 10 : 10 * SECOND + (i - 100) * SECOND / 1000;
        }

        Throughput throughput = Throughput.of(0, arrivals, 1000, 1);

        assertThat(throughput.middle80RecordsPerSecond()).isCloseTo(1000.0, within(5.0));
        assertThat(throughput.recordsPerSecond()).isLessThan(120.0);
    }

    @Test
    void nothingArrivedIsZeroNotAnError() {
        assertThat(Throughput.of(0, new long[0], 0, 0).recordsPerSecond()).isZero();
    }
}
