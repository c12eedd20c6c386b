package io.onsale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.bench.LatencyBenchmark.Kind;
import io.onsale.bench.LatencyBreakdown.Sample;
import io.onsale.bench.LatencyBreakdown.Stats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyBreakdownTest {

    private static final KafkaRoundTrip.Result BASELINE = new KafkaRoundTrip.Result(
            2_000, 500, 120, 0, new Stats(2_000, 1.5, 2.0, 3.5, 9.0), new Stats(2_000, 1.1, 1.6, 3.0, 8.0));

    @Test
    void percentilesAreNearestRankSamplesInMillis() {
        Stats stats = Stats.ofNanos(
                IntStream.rangeClosed(1, 500).mapToLong(ms -> ms * 1_000_000L).toArray());

        assertThat(stats).isEqualTo(new Stats(500, 250.0, 450.0, 495.0, 500.0));
        assertThat(Stats.ofMillis(new double[] {7.25})).isEqualTo(new Stats(1, 7.25, 7.25, 7.25, 7.25));
        assertThat(Stats.ofMillis(new double[0])).isNull();
    }

    @Test
    void theEdgesStepsAndWhatIsOutsideTheEdgeComeFromServerTiming() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            samples.add(held(
                    i,
                    30.0 + i,
                    Map.of(
                            "produce", 2.0, "decide", 8.0 + i, "commit", 10.0, "answer", 0.5, "edge", 25.0 + i, "cache",
                            99.0)));
        }

        Map<String, Stats> table = LatencyBreakdown.of(BASELINE, samples).table();

        assertThat(table.keySet())
                .containsExactly(
                        LatencyBreakdown.BASELINE_CONSUMED,
                        LatencyBreakdown.BASELINE_ACKNOWLEDGED,
                        "client round trip",
                        "edge (received→answered)",
                        "produce",
                        "decide",
                        "commit",
                        "answer",
                        "outside the edge (client − edge)");
        assertThat(table.get(LatencyBreakdown.BASELINE_CONSUMED)).isEqualTo(BASELINE.sendToConsumedMillis());
        assertThat(table.get(LatencyBreakdown.ROUND_TRIP)).isEqualTo(new Stats(100, 80.0, 120.0, 129.0, 130.0));
        assertThat(table.get(LatencyBreakdown.EDGE)).isEqualTo(new Stats(100, 75.0, 115.0, 124.0, 125.0));
        assertThat(table.get("decide")).isEqualTo(new Stats(100, 58.0, 98.0, 107.0, 108.0));
        assertThat(table.get("produce")).isEqualTo(new Stats(100, 2.0, 2.0, 2.0, 2.0));
        assertThat(table.get(LatencyBreakdown.OUTSIDE_EDGE)).isEqualTo(new Stats(100, 5.0, 5.0, 5.0, 5.0));
    }

    @Test
    void aStepCountsOnlyTheAnswersThatHadItsMetric() {
        List<Sample> samples = List.of(
                held(0, 40.0, Map.of("edge", 30.0, "decide", 20.0)),
                held(1, 50.0, Map.of("edge", 35.0)),
                held(2, 60.0, Map.of()),
                held(3, 70.0, null));

        Map<String, Stats> table = LatencyBreakdown.of(null, samples).table();

        assertThat(table).doesNotContainKey(LatencyBreakdown.BASELINE_CONSUMED);
        assertThat(table.get(LatencyBreakdown.ROUND_TRIP).count()).isEqualTo(4);
        assertThat(table.get(LatencyBreakdown.EDGE).count()).isEqualTo(2);
        assertThat(table.get("decide")).isEqualTo(new Stats(1, 20.0, 20.0, 20.0, 20.0));
        assertThat(table.get("produce")).isNull();
        assertThat(table.get(LatencyBreakdown.OUTSIDE_EDGE)).isEqualTo(new Stats(2, 10.0, 15.0, 15.0, 15.0));
    }

    @Test
    void withoutTheHeaderTheClientFiguresArePrintedAndTheAbsenceIsSaid() {
        LatencyBreakdown breakdown =
                LatencyBreakdown.of(BASELINE, List.of(held(0, 12.0, null), held(1, 14.0, null), held(2, 16.0, null)));

        String printed = print(breakdown);

        assertThat(printed)
                .contains("Server-Timing: absent from every answer")
                .contains(LatencyBreakdown.BASELINE_CONSUMED)
                .contains("client round trip")
                .doesNotContain("edge (received→answered)")
                .doesNotContain("produce");
        assertThat(printed.indexOf(LatencyBreakdown.BASELINE_CONSUMED))
                .isLessThan(printed.indexOf("client round trip"));
        assertThat(printed)
                .contains("seat (1): p50 12.0, p99 12.0")
                .contains("best available (1): p50 14.0")
                .contains("general admission (1): p50 16.0");
        assertThat(breakdown.targets().get("roundTripP50Millis")).isEqualTo("14.0 vs ≤ 40.0: met");
    }

    @Test
    void eachKindIsSummarizedApart() {
        List<Sample> samples = IntStream.range(0, 30)
                .mapToObj(i -> held(i, 10.0 * (i % 3 + 1), null))
                .toList();

        Map<Kind, Stats> byKind = LatencyBreakdown.of(null, samples).byKind();

        assertThat(byKind.get(Kind.SEAT)).isEqualTo(new Stats(10, 10.0, 10.0, 10.0, 10.0));
        assertThat(byKind.get(Kind.BEST_AVAILABLE).p99()).isEqualTo(20.0);
        assertThat(byKind.get(Kind.GENERAL_ADMISSION).p50()).isEqualTo(30.0);
    }

    @Test
    void theRoundTripIsHeldToItsTargetsAndAPendingAnswerFailsThemWhateverThePercentiles() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 98; i++) {
            samples.add(held(i, 20.0, null));
        }
        samples.add(new Sample(Kind.SEAT, 202, null, 5_100_000_000L, null));
        samples.add(new Sample(Kind.SEAT, 409, "SEAT_TAKEN", 30_000_000L, null));
        samples.add(new Sample(
                Kind.GENERAL_ADMISSION, LatencyBenchmark.NO_ANSWER, "HttpTimeoutException", 30_000_000_000L, null));

        LatencyBreakdown breakdown = LatencyBreakdown.of(null, samples);

        assertThat(breakdown.answers().statuses())
                .containsEntry("201", 98L)
                .containsEntry("409", 1L)
                .containsEntry("202", 1L)
                .containsEntry("noAnswer", 1L)
                .containsEntry("5xx", 0L);
        assertThat(breakdown.answers().reasons())
                .containsOnly(Map.entry("SEAT_TAKEN", 1L), Map.entry("HttpTimeoutException", 1L));
        assertThat(breakdown.table().get(LatencyBreakdown.ROUND_TRIP).count()).isEqualTo(100);
        assertThat(breakdown.targets())
                .containsEntry("roundTripP50Millis", "20.0 vs ≤ 40.0: met")
                .containsEntry("roundTripP99Millis", "30.0 vs ≤ 100.0: met");
        assertThat(breakdown.targets().get("undecided")).startsWith("2 vs ≤ 0").endsWith("missed");
        assertThat(print(breakdown)).contains("answers: {201=98, 409=1, 202=1, noAnswer=1}");
    }

    @Test
    void theReportPutsTheBaselineFirstAndEveryRowTheTargetsAndTheAnswers() {
        LatencyBreakdown breakdown = LatencyBreakdown.of(BASELINE, List.of(held(0, 42.0, Map.of("edge", 40.0))));

        Map<String, Object> figures = breakdown.figures();

        assertThat(figures.keySet()).first().isEqualTo("kafkaBaseline");
        assertThat(figures)
                .containsEntry("kafkaBaseline", BASELINE)
                .containsEntry("answersWithServerTiming", 1L)
                .containsKeys("millis", "roundTripMillisByKind", "answers", "reasons", "targets");
        assertThat(breakdown.targets().get("roundTripP50Millis")).isEqualTo("42.0 vs ≤ 40.0: missed");
    }

    @Test
    void theTableHasOneDecimalPerFigure() {
        String printed = print(LatencyBreakdown.of(null, List.of(held(0, 12.345, Map.of("edge", 10.0)))));

        assertThat(printed)
                .containsPattern("client round trip\\s+1\\s+12\\.3\\s+12\\.3\\s+12\\.3\\s+12\\.3")
                .containsPattern("  produce\\s+0\\s+—");
    }

    private static Sample held(int i, double roundTripMillis, Map<String, Double> serverTiming) {
        return new Sample(LatencyBenchmark.kind(i), 201, null, Math.round(roundTripMillis * 1_000_000), serverTiming);
    }

    private static String print(LatencyBreakdown breakdown) {
        StringWriter out = new StringWriter();
        breakdown.print(new PrintWriter(out));
        return out.toString();
    }
}
