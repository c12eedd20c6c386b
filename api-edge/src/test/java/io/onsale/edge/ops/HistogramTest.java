package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Quantiles estimated as Prometheus' histogram_quantile does, so the page and the Prometheus rules agree. */
class HistogramTest {

    private static final double[] BOUNDS = {0.1, 0.2, 0.5};

    @Test
    void aQuantileIsInterpolatedInsideItsBucketFromThePreviousBound() {
        Histogram histogram = new Histogram(BOUNDS, new double[] {10, 30, 40}, 40);

        assertThat(histogram.quantile(0.25).getAsDouble())
                .as("10th of 40: the first bucket's top")
                .isCloseTo(0.1, within(1e-9));
        assertThat(histogram.quantile(0.5).getAsDouble()).isCloseTo(0.1 + 0.1 * 10 / 20, within(1e-9));
        assertThat(histogram.quantile(0.1).getAsDouble())
                .as("from 0 in the first bucket")
                .isCloseTo(0.04, within(1e-9));
    }

    @Test
    void aQuantileAboveTheLastBoundIsTheLastBound() {
        Histogram histogram = new Histogram(BOUNDS, new double[] {0, 0, 1}, 10);

        assertThat(histogram.quantile(0.99).getAsDouble()).isEqualTo(0.5);
    }

    @Test
    void theDifferenceIsWhatWasObservedInBetweenAndAMeterCreatedAgainCountsFromZero() {
        Histogram before = new Histogram(BOUNDS, new double[] {10, 10, 10}, 10);
        Histogram after = new Histogram(BOUNDS, new double[] {10, 12, 14}, 15);

        assertThat(after.since(before)).isEqualTo(new Histogram(BOUNDS, new double[] {0, 2, 4}, 5));
        assertThat(before.since(after)).as("counts went down: a new meter").isEqualTo(before);
        assertThat(after.since(null)).isEqualTo(after);
    }

    @Test
    void histogramsOfOneTimerSplitByOutcomeAddUp() {
        Histogram ok = new Histogram(BOUNDS, new double[] {1, 2, 3}, 3);
        Histogram failed = new Histogram(BOUNDS, new double[] {0, 0, 1}, 2);

        assertThat(ok.plus(failed)).isEqualTo(new Histogram(BOUNDS, new double[] {1, 2, 4}, 5));
        assertThat(Histogram.EMPTY.plus(ok)).isEqualTo(ok);
        assertThatThrownBy(() -> ok.plus(new Histogram(new double[] {1}, new double[] {1}, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noObservationsNoQuantile() {
        assertThat(new Histogram(BOUNDS, new double[] {0, 0, 0}, 0).quantile(0.5))
                .isEmpty();
        assertThat(Histogram.EMPTY.quantile(0.5)).isEmpty();
    }
}
