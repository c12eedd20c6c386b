package io.onsale.loadgen.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SampledSeriesTest {

    private static long at(double seconds) {
        return (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aLateSampleCountsForTheSecondItWasMeantForAndZerosAreKept() {
        SampledSeries series = new SampledSeries(60);

        series.sample(at(-0.5), 99);
        series.sample(at(0.004), 7);
        series.sample(at(1.03), 12);
        series.sample(at(2.0), 0);

        assertThat(series.values()).containsExactly(7, 12, 0);
    }

    @Test
    void aSkippedSecondKeepsTheReadingBeforeItAndALaterReadingOfTheSameSecondWins() {
        SampledSeries series = new SampledSeries(60);

        series.sample(at(0), 5);
        series.sample(at(3), 9);
        series.sample(at(3.2), 8);

        assertThat(series.values()).containsExactly(5, 5, 5, 8);
    }

    @Test
    void secondsPastTheEndLandInTheLastOne() {
        SampledSeries series = new SampledSeries(3);

        series.sample(at(10), 4);

        assertThat(series.values()).containsExactly(0, 0, 4);
    }
}
