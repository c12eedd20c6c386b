package io.onsale.edge.ops;

import io.onsale.edge.ops.Sample.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * The last few minutes of samples (one a second), and what changed over the last {@code over} of them: a rate, an
 * increase, a gauge's change, a quantile of what was observed. Computed over a window, never since start, so a
 * figure says what happens now: after an hour of sale, a gateway that turned slow a minute ago shows at once.
 *
 * <p>Over {@code over}, "then" is the oldest sample at most {@code over} before the latest one; while the window holds
 * less than that, the oldest sample there is. With one sample, nothing has changed yet: every figure is empty. Not
 * thread-safe: one sampler thread adds and reads.
 */
final class SlidingWindow {

    private final Duration retention;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    SlidingWindow(Duration retention) {
        this.retention = retention;
    }

    /** Adds the newest sample and forgets those older than the retention before it. */
    void add(Sample sample) {
        Sample last = samples.peekLast();
        if (last != null && !sample.at().isAfter(last.at())) {
            throw new IllegalArgumentException(
                    "samples are added in time order: " + sample.at() + " after " + last.at());
        }
        samples.addLast(sample);
        Instant oldest = sample.at().minus(retention);
        while (samples.peekFirst().at().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    Instant now() {
        Sample last = samples.peekLast();
        return last == null ? Instant.EPOCH : last.at();
    }

    int size() {
        return samples.size();
    }

    /** Whether the samples reach back {@code over} (less one second of sampling jitter) from the latest one. */
    boolean spans(Duration over) {
        return samples.size() > 1
                && !Duration.between(samples.peekFirst().at(), now())
                        .plusSeconds(1)
                        .minus(over)
                        .isNegative();
    }

    /** The latest value of a gauge (or counter); empty when the latest sample does not have it or it is not a number. */
    OptionalDouble latest(Key key) {
        Sample last = samples.peekLast();
        Double value = last == null ? null : last.values().get(key);
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /**
     * What a counter counted over {@code over}. A counter the earlier sample did not have yet counted from zero; one
     * that went down was created again (a restarted client) and counts from zero too. Empty with fewer than two
     * samples; zero for a counter that has never counted.
     */
    OptionalDouble increase(Key counter, Duration over) {
        Sample then = then(over);
        if (then == null) {
            return OptionalDouble.empty();
        }
        double now = valueOrZero(samples.peekLast(), counter);
        double before = valueOrZero(then, counter);
        return OptionalDouble.of(now >= before ? now - before : now);
    }

    /** {@link #increase} per second of the time the two samples are apart. */
    OptionalDouble rate(Key counter, Duration over) {
        Sample then = then(over);
        OptionalDouble increase = increase(counter, over);
        if (increase.isEmpty()) {
            return increase;
        }
        double seconds = Duration.between(then.at(), now()).toMillis() / 1000.0;
        return OptionalDouble.of(increase.getAsDouble() / seconds);
    }

    /** The sum of {@link #increase} over every label of {@code name} the latest sample has. */
    OptionalDouble increaseOfAll(String name, Duration over) {
        if (then(over) == null) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        for (String label : labels(name)) {
            sum += increase(Key.of(name, label), over).orElse(0);
        }
        return OptionalDouble.of(sum);
    }

    /** The sum of {@link #rate} over every label of {@code name} the latest sample has. */
    OptionalDouble rateOfAll(String name, Duration over) {
        Sample then = then(over);
        OptionalDouble increase = increaseOfAll(name, over);
        if (increase.isEmpty()) {
            return increase;
        }
        return OptionalDouble.of(
                increase.getAsDouble() / (Duration.between(then.at(), now()).toMillis() / 1000.0));
    }

    /** How much a gauge moved over {@code over} (latest minus then); empty unless both samples have it. */
    OptionalDouble change(Key gauge, Duration over) {
        Sample then = then(over);
        Double before = then == null ? null : then.values().get(gauge);
        OptionalDouble now = latest(gauge);
        if (before == null || before.isNaN() || now.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(now.getAsDouble() - before);
    }

    /** {@link #change} per second. */
    OptionalDouble derivative(Key gauge, Duration over) {
        OptionalDouble change = change(gauge, over);
        if (change.isEmpty()) {
            return change;
        }
        return OptionalDouble.of(
                change.getAsDouble() / (Duration.between(then(over).at(), now()).toMillis() / 1000.0));
    }

    /** The {@code q}-quantile of what a histogram observed over {@code over}; empty when it observed nothing. */
    OptionalDouble quantile(Key histogram, double q, Duration over) {
        Sample then = then(over);
        Histogram now = then == null ? null : samples.peekLast().histograms().get(histogram);
        if (now == null) {
            return OptionalDouble.empty();
        }
        return now.since(then.histograms().get(histogram)).quantile(q);
    }

    /** The labels of {@code name} in the latest sample, values and histograms, sorted. */
    Set<String> labels(String name) {
        Set<String> labels = new TreeSet<>();
        Sample last = samples.peekLast();
        if (last != null) {
            last.values().keySet().stream()
                    .filter(key -> key.name().equals(name))
                    .forEach(key -> labels.add(key.label()));
            last.histograms().keySet().stream()
                    .filter(key -> key.name().equals(name))
                    .forEach(key -> labels.add(key.label()));
        }
        return labels;
    }

    /** The oldest sample at most {@code over} before the latest, or {@code null} with fewer than two samples. */
    private Sample then(Duration over) {
        if (samples.size() < 2) {
            return null;
        }
        Instant from = now().minus(over);
        Sample last = samples.peekLast();
        for (Iterator<Sample> oldestFirst = samples.iterator(); oldestFirst.hasNext(); ) {
            Sample sample = oldestFirst.next();
            if (!sample.at().isBefore(from)) {
                return sample == last ? null : sample;
            }
        }
        return null;
    }

    private static double valueOrZero(Sample sample, Key counter) {
        Double value = sample.values().get(counter);
        return value == null || value.isNaN() ? 0 : value;
    }
}
