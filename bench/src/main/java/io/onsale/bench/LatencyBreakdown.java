package io.onsale.bench;

import io.onsale.bench.LatencyBenchmark.Kind;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The figures of {@code bench latency} as one table: the Kafka baseline (what one message costs on this broker),
 * the client's round trip, and the edge's own account of it from its {@code Server-Timing} header, step by step.
 *
 * <p>A row counts only the answers that carried its metric: an edge may send some metrics and not others, and
 * filling the gaps with zeros would make it look faster than it is. Whatever the edge does not account for
 * (network, the client, the HTTP server's own queueing) is the {@code outside the edge} row.
 */
final class LatencyBreakdown {

    static final double TARGET_P50_MILLIS = 40;
    static final double TARGET_P99_MILLIS = 100;

    static final String BASELINE_CONSUMED = "Kafka baseline: one message send→consumed";
    static final String BASELINE_ACKNOWLEDGED = "Kafka baseline: one message send→acknowledged";
    static final String ROUND_TRIP = "client round trip";
    static final String EDGE = "edge (received→answered)";
    static final String OUTSIDE_EDGE = "outside the edge (client − edge)";
    /** The edge's steps, in the order a request goes through them; they add up to about its {@code edge} metric. */
    static final List<String> EDGE_STEPS = List.of("produce", "decide", "commit", "answer");
    /** The Server-Timing metric of the whole time in the edge, from request received to response written. */
    static final String EDGE_METRIC = "edge";

    /**
     * One order POST as the client saw it.
     *
     * @param status       the HTTP status, or {@link LatencyBenchmark#NO_ANSWER}
     * @param reason       a 409's {@code reason}, or why there was no answer; else {@code null}
     * @param serverTiming the parsed {@code Server-Timing} header, {@code null} when the answer had none
     */
    record Sample(Kind kind, int status, String reason, long roundTripNanos, Map<String, Double> serverTiming) {

        boolean answered() {
            return status != LatencyBenchmark.NO_ANSWER;
        }

        double roundTripMillis() {
            return roundTripNanos / 1e6;
        }

        Double metric(String name) {
            return serverTiming == null ? null : serverTiming.get(name);
        }
    }

    /** Milliseconds, rounded to the microsecond (a JSON report of 15-digit doubles says nothing more). */
    record Stats(int count, double p50, double p90, double p99, double max) {

        /** {@code null} when there is nothing to summarize: a row without figures, not a row of zeros. */
        static Stats ofMillis(double[] millis) {
            if (millis.length == 0) {
                return null;
            }
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return new Stats(
                    sorted.length,
                    micros(percentile(sorted, 50)),
                    micros(percentile(sorted, 90)),
                    micros(percentile(sorted, 99)),
                    micros(sorted[sorted.length - 1]));
        }

        static Stats ofNanos(long[] nanos) {
            return ofMillis(
                    Arrays.stream(nanos).mapToDouble(value -> value / 1e6).toArray());
        }

        /**
         * Nearest rank (as loadgen's race summary): an actual sample, exact for the few thousand a run has, no
         * histogram. {@code p * n / 100} rather than {@code p / 100 * n}: 0.99 * 500 is not 495 in doubles.
         */
        static double percentile(double[] sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.length / 100.0);
            return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
        }

        private static double micros(double millis) {
            return Math.round(millis * 1000) / 1000.0;
        }
    }

    /** Answers by status class, and the reasons of refusals and of requests that got no answer. */
    record Answers(Map<String, Long> statuses, Map<String, Long> reasons) {

        static Answers of(List<Sample> samples) {
            Map<String, Long> statuses = new LinkedHashMap<>();
            for (String status : List.of("201", "409", "202", "429", "4xx", "5xx", "noAnswer", "other")) {
                statuses.put(status, 0L);
            }
            Map<String, Long> reasons = new LinkedHashMap<>();
            for (Sample sample : samples) {
                statuses.merge(statusClass(sample.status()), 1L, Long::sum);
                if (sample.reason() != null) {
                    reasons.merge(sample.reason(), 1L, Long::sum);
                }
            }
            return new Answers(statuses, reasons);
        }

        private static String statusClass(int status) {
            return switch (status) {
                case 201, 409, 202, 429 -> Integer.toString(status);
                case LatencyBenchmark.NO_ANSWER -> "noAnswer";
                default -> status >= 500 ? "5xx" : status >= 400 ? "4xx" : "other";
            };
        }

        /** Held (201) or refused with a reason (409): the engine decided. */
        long decisions() {
            return statuses.get("201") + statuses.get("409");
        }

        /** Anything else (a 202 is still pending after the edge's wait) fails the target whatever the percentiles. */
        long undecided() {
            return statuses.values().stream().mapToLong(Long::longValue).sum() - decisions();
        }
    }

    private final KafkaRoundTrip.Result baseline;
    private final Map<String, Stats> table;
    private final Map<Kind, Stats> byKind;
    private final Answers answers;
    private final long answered;
    private final long withServerTiming;

    private LatencyBreakdown(
            KafkaRoundTrip.Result baseline,
            Map<String, Stats> table,
            Map<Kind, Stats> byKind,
            Answers answers,
            long answered,
            long withServerTiming) {
        this.baseline = baseline;
        this.table = table;
        this.byKind = byKind;
        this.answers = answers;
        this.answered = answered;
        this.withServerTiming = withServerTiming;
    }

    /** @param baseline {@code null} when the run skipped it */
    static LatencyBreakdown of(KafkaRoundTrip.Result baseline, List<Sample> samples) {
        List<Sample> answered = samples.stream().filter(Sample::answered).toList();
        Map<String, Stats> table = new LinkedHashMap<>();
        if (baseline != null) {
            table.put(BASELINE_CONSUMED, baseline.sendToConsumedMillis());
            table.put(BASELINE_ACKNOWLEDGED, baseline.sendToAcknowledgedMillis());
        }
        table.put(ROUND_TRIP, stats(answered, Sample::roundTripMillis));
        table.put(EDGE, metric(answered, EDGE_METRIC));
        for (String step : EDGE_STEPS) {
            table.put(step, metric(answered, step));
        }
        table.put(
                OUTSIDE_EDGE,
                stats(
                        answered.stream()
                                .filter(sample -> sample.metric(EDGE_METRIC) != null)
                                .toList(),
                        sample -> sample.roundTripMillis() - sample.metric(EDGE_METRIC)));
        Map<Kind, Stats> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            byKind.put(
                    kind,
                    stats(
                            answered.stream()
                                    .filter(sample -> sample.kind() == kind)
                                    .toList(),
                            Sample::roundTripMillis));
        }
        long withServerTiming = answered.stream()
                .filter(sample -> sample.serverTiming() != null)
                .count();
        return new LatencyBreakdown(baseline, table, byKind, Answers.of(samples), answered.size(), withServerTiming);
    }

    private static Stats metric(List<Sample> samples, String name) {
        return stats(
                samples.stream().filter(sample -> sample.metric(name) != null).toList(), sample -> sample.metric(name));
    }

    private static Stats stats(List<Sample> samples, ToDoubleFunction<Sample> millis) {
        return Stats.ofMillis(samples.stream().mapToDouble(millis).toArray());
    }

    /** Row name → figures (or {@code null}: nothing measured), in the printed order: the baseline first. */
    Map<String, Stats> table() {
        return table;
    }

    Map<Kind, Stats> byKind() {
        return byKind;
    }

    Answers answers() {
        return answers;
    }

    /** Each figure beside its target, as measured on this machine in this run. */
    Map<String, String> targets() {
        Stats roundTrip = table.get(ROUND_TRIP);
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("roundTripP50Millis", target(roundTrip == null ? Double.NaN : roundTrip.p50(), TARGET_P50_MILLIS));
        targets.put("roundTripP99Millis", target(roundTrip == null ? Double.NaN : roundTrip.p99(), TARGET_P99_MILLIS));
        targets.put(
                "undecided",
                String.format(
                        Locale.ROOT,
                        "%d vs ≤ 0 (202 still pending, 429, other 4xx, 5xx, no answer): %s",
                        answers.undecided(),
                        answers.undecided() == 0 ? "met" : "missed"));
        return targets;
    }

    /** One decimal, unlike the throughput targets: 40.4 ms printed as "40 vs ≤ 40: missed" would read as a bug. */
    private static String target(double measured, double target) {
        return String.format(
                Locale.ROOT, "%.1f vs ≤ %.1f: %s", measured, target, measured <= target ? "met" : "missed");
    }

    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("kafkaBaseline", baseline);
        figures.put("millis", table);
        figures.put("roundTripMillisByKind", byKind);
        figures.put("answers", answers.statuses());
        figures.put("reasons", answers.reasons());
        figures.put("answersWithServerTiming", withServerTiming);
        figures.put("answered", answered);
        figures.put("targets", targets());
        return figures;
    }

    void print(PrintWriter out) {
        out.printf("%-46s %6s %8s %8s %8s %8s%n", "one hold at a time (ms)", "n", "p50", "p90", "p99", "max");
        table.forEach((name, stats) -> {
            boolean edgeRow = !Set.of(BASELINE_CONSUMED, BASELINE_ACKNOWLEDGED, ROUND_TRIP)
                    .contains(name);
            if (edgeRow && withServerTiming == 0) {
                return;
            }
            String label = EDGE_STEPS.contains(name) ? "  " + name : name;
            if (stats == null) {
                out.printf("%-46s %6d %8s %8s %8s %8s%n", label, 0, "—", "—", "—", "—");
            } else {
                out.printf(
                        Locale.ROOT,
                        "%-46s %6d %8.1f %8.1f %8.1f %8.1f%n",
                        label,
                        stats.count(),
                        stats.p50(),
                        stats.p90(),
                        stats.p99(),
                        stats.max());
            }
        });
        if (withServerTiming == 0) {
            out.println("Server-Timing: absent from every answer (this edge does not send it yet): client figures only,"
                    + " the time cannot be split");
        } else if (withServerTiming < answered) {
            out.printf(
                    "Server-Timing: on %d of %d answers; each edge row counts the answers that had its metric%n",
                    withServerTiming, answered);
        }
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((kind, stats) -> kinds.append(kinds.isEmpty() ? "" : " · ")
                .append(kind.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append(
                        stats == null
                                ? ": none"
                                : String.format(
                                        Locale.ROOT,
                                        " (%d): p50 %.1f, p99 %.1f",
                                        stats.count(),
                                        stats.p50(),
                                        stats.p99())));
        out.printf("round trip by kind (ms): %s%n", kinds);
        Map<String, Long> seen = new LinkedHashMap<>(answers.statuses());
        seen.values().removeIf(count -> count == 0);
        out.printf("answers: %s%s%n", seen, answers.reasons().isEmpty() ? "" : "; reasons: " + answers.reasons());
        targets().forEach((what, target) -> out.printf("target %s: %s%n", what, target));
    }
}
