package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onsale.edge.ops.Sample.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rates, changes and percentiles over the last seconds of samples, never since start. */
class SlidingWindowTest {

    private static final Instant START = Instant.parse("2030-05-01T19:00:00Z");
    private static final Key HELD = Key.of(Readings.HOLDS, "HELD");
    private static final Key LATENCY = Key.of(Readings.GATEWAY_LATENCY, "authorize");
    private static final Key WAITING = Key.of(Readings.QUEUE_WAITING, "gala");
    /** Bounds of 0.1 s, 0.25 s, 0.5 s, 1 s, 2.5 s. */
    private static final double[] BOUNDS = {0.1, 0.25, 0.5, 1, 2.5};

    private final SlidingWindow window = new SlidingWindow(Duration.ofMinutes(5));

    @Test
    void aRateIsOverTheLastSecondsOnlyNotSinceStart() {
        // An hour's worth of holds before the window, then 10 holds a second for the last 10 seconds.
        for (int second = 0; second <= 20; second++) {
            double held = second <= 10 ? 36_000 : 36_000 + (second - 10) * 10;
            window.add(sample(second, Map.of(HELD, held)));
        }

        assertThat(window.rate(HELD, Duration.ofSeconds(10)).getAsDouble()).isCloseTo(10, within(1e-9));
        assertThat(window.rate(HELD, Duration.ofSeconds(20)).getAsDouble()).isCloseTo(5, within(1e-9));
        assertThat(window.increase(HELD, Duration.ofSeconds(5)).getAsDouble()).isEqualTo(50);
    }

    @Test
    void aCounterThatAppearedLaterCountedFromZeroAndOneThatWentDownStartedAgain() {
        window.add(sample(0, Map.of()));
        window.add(sample(1, Map.of(HELD, 3.0)));

        assertThat(window.increase(HELD, Duration.ofSeconds(10)).getAsDouble()).isEqualTo(3);

        window.add(sample(2, Map.of(HELD, 1.0)));
        assertThat(window.increase(HELD, Duration.ofSeconds(1)).getAsDouble())
                .as("a restarted counter")
                .isEqualTo(1);
    }

    @Test
    void aCounterThatNeverCountedHasARateOfZeroOnceThereAreTwoSamples() {
        window.add(sample(0, Map.of()));
        assertThat(window.rate(HELD, Duration.ofSeconds(10)))
                .as("one sample: nothing to compare")
                .isEmpty();

        window.add(sample(1, Map.of()));
        assertThat(window.rate(HELD, Duration.ofSeconds(10)).getAsDouble()).isZero();
    }

    @Test
    void aPercentileIsOfWhatWasObservedInTheWindow() {
        // Before the window: 1,000 calls of under 0.1 s. In the last minute: 100 calls, 90 at 0.2 s and 10 at 2 s.
        window.add(sample(0, Map.of(), new Histogram(BOUNDS, new double[] {1000, 1000, 1000, 1000, 1000}, 1000)));
        window.add(sample(30, Map.of(), new Histogram(BOUNDS, new double[] {1000, 1090, 1090, 1090, 1100}, 1100)));

        assertThat(window.quantile(LATENCY, 0.5, Duration.ofMinutes(1)).getAsDouble())
                .as("the 50th of 100 is in the 0.1–0.25 s bucket")
                .isCloseTo(0.1 + 0.15 * 50 / 90, within(1e-9));
        assertThat(window.quantile(LATENCY, 0.99, Duration.ofMinutes(1)).getAsDouble())
                .as("the 99th is in the 1–2.5 s bucket")
                .isCloseTo(1 + 1.5 * 9 / 10, within(1e-9));
    }

    @Test
    void aPercentileOfAWindowWithoutObservationsIsEmpty() {
        Histogram same = new Histogram(BOUNDS, new double[] {5, 5, 5, 5, 5}, 5);
        window.add(sample(0, Map.of(), same));
        window.add(sample(1, Map.of(), same));

        assertThat(window.quantile(LATENCY, 0.99, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void aGaugesChangeAndDerivativeComeFromTheSamplesApart() {
        window.add(sample(0, Map.of(WAITING, 100.0)));
        window.add(sample(5, Map.of(WAITING, 80.0)));
        window.add(sample(10, Map.of(WAITING, 40.0)));

        assertThat(window.latest(WAITING).getAsDouble()).isEqualTo(40);
        assertThat(window.change(WAITING, Duration.ofSeconds(10)).getAsDouble()).isEqualTo(-60);
        assertThat(window.derivative(WAITING, Duration.ofSeconds(5)).getAsDouble())
                .isEqualTo(-8);
    }

    @Test
    void samplesOlderThanTheRetentionAreForgottenAndTheWindowSaysHowFarItReaches() {
        SlidingWindow short_ = new SlidingWindow(Duration.ofSeconds(30));
        for (int second = 0; second <= 100; second++) {
            short_.add(sample(second, Map.of(HELD, (double) second)));
        }

        assertThat(short_.size()).isEqualTo(31);
        assertThat(short_.spans(Duration.ofSeconds(30))).isTrue();
        assertThat(short_.spans(Duration.ofMinutes(2))).isFalse();
        assertThat(short_.increase(HELD, Duration.ofMinutes(2)).getAsDouble())
                .as("as far as it reaches")
                .isEqualTo(30);
    }

    @Test
    void labelsAreThoseOfTheLatestSample() {
        window.add(sample(0, Map.of(Key.of(Readings.QUEUE_WAITING, "old"), 1.0)));
        window.add(sample(1, Map.of(WAITING, 1.0, Key.of(Readings.QUEUE_WAITING, "b-side"), 2.0)));

        assertThat(window.labels(Readings.QUEUE_WAITING)).containsExactly("b-side", "gala");
    }

    private static Sample sample(int second, Map<Key, Double> values) {
        return new Sample(START.plusSeconds(second), values, Map.of());
    }

    private static Sample sample(int second, Map<Key, Double> values, Histogram latency) {
        Map<Key, Histogram> histograms = new HashMap<>();
        histograms.put(LATENCY, latency);
        return new Sample(START.plusSeconds(second), values, histograms);
    }
}
