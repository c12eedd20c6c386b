package io.onsale.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onsale.loadgen.auth.TokenMinter;
import io.onsale.loadgen.client.EventConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldsHttpBenchmarkTest {

    private static final TokenMinter TOKENS = TokenMinter.withSecret(
            "a-test-secret-of-at-least-thirty-two-bytes-0123", "onsale-local", "onsale-api", Clock.systemUTC());

    @Test
    void theEventHasTheSeatsInEqualSectionsPlusTheMapSectionAndNeverQueues() {
        EventConfig event = HoldsHttpBenchmark.event(settings(HoldsHttpBenchmark.OrderKind.SEATS, 1_200, 4, 300));

        List<EventConfig.Section> sections = event.sections();
        assertThat(sections).extracting(EventConfig.Section::sectionId).containsExactly("S1", "S2", "S3", "S4", "M");
        assertThat(sections).allSatisfy(section -> assertThat(section.seats()).hasSize(300));
        Set<String> seatIds = new HashSet<>();
        sections.forEach(section -> section.seats().forEach(seat -> seatIds.add(seat.seatId())));
        assertThat(seatIds).hasSize(1_500).contains("S1-1-1", "S4-6-50", "M-6-50");
        assertThat(event.queuePolicy().activationThreshold()).isGreaterThan(1_000_000);
    }

    @Test
    void explicitSeatHoldsTakeEverySeatOnceInTheFirstRoundAndRaceForThemInTheSecond() {
        HoldsHttpBenchmark bench = new HoldsHttpBenchmark(settings(HoldsHttpBenchmark.OrderKind.SEATS, 1_200, 4, 300));
        EventConfig event = HoldsHttpBenchmark.event(settings(HoldsHttpBenchmark.OrderKind.SEATS, 1_200, 4, 300));
        Set<String> configured = new HashSet<>();
        event.sections().forEach(section -> section.seats().forEach(seat -> configured.add(seat.seatId())));

        List<String> firstRound =
                IntStream.range(0, 1_200).mapToObj(bench::holdBody).toList();

        assertThat(new HashSet<>(firstRound)).hasSize(1_200);
        assertThat(firstRound.get(0)).isEqualTo("{\"seats\":[\"S1-1-1\"]}");
        assertThat(firstRound.get(1)).isEqualTo("{\"seats\":[\"S2-1-1\"]}");
        assertThat(firstRound)
                .allSatisfy(body -> assertThat(configured).contains(body.substring(11, body.length() - 3)));
        assertThat(firstRound).noneMatch(body -> body.contains("\"M-"));
        assertThat(bench.holdBody(1_200)).isEqualTo(firstRound.get(0));
        assertThat(bench.warmupBody(301)).isEqualTo("{\"seats\":[\"M-1-2\"]}");
    }

    @Test
    void bestAvailableHoldsAskForOneSeatOfEachSectionInTurn() {
        HoldsHttpBenchmark bench =
                new HoldsHttpBenchmark(settings(HoldsHttpBenchmark.OrderKind.BEST_AVAILABLE, 1_200, 4, 300));

        assertThat(bench.holdBody(0)).isEqualTo("{\"sectionId\":\"S1\",\"quantity\":1}");
        assertThat(bench.holdBody(5)).isEqualTo("{\"sectionId\":\"S2\",\"quantity\":1}");
        assertThat(bench.warmupBody(7)).isEqualTo("{\"sectionId\":\"M\",\"quantity\":1}");
    }

    @Test
    void seatsThatDoNotSplitEvenlyOverTheSectionsAreRefused() {
        assertThatThrownBy(() -> settings(HoldsHttpBenchmark.OrderKind.SEATS, 1_001, 4, 300))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of --sections");
    }

    @Test
    void decisionsAreHeldAndRefusedAnswersAndTheOthersAreCountedApart() {
        WrkRun holds = WrkRun.parse(wrkOutput(10.0, """
                HOLD_ANSWERS sent=26000 201=20000 409=5000 202=400 429=0 4xx=0 503=90 503withoutRetryAfter=1 5xx=10 other=0 fillers=0 exhaustedThreads=0
                HOLD_REASONS SEAT_TAKEN=5000 SOLD_OUT=0 INSUFFICIENT_CAPACITY=0 BUYER_LIMIT=0 other=0
                """));
        WrkRun reads = WrkRun.parse(wrkOutput(5.0, "SEATMAP_ANSWERS 200=100000 other=3 bodyBytes=30000\n"));

        HoldsHttpBenchmark.Result result = new HoldsHttpBenchmark.Result("e", reads, holds, holds, reads);

        assertThat(result.decisions()).isEqualTo(25_000);
        assertThat(result.decisionsPerSecond()).isEqualTo(2_500.0);
        assertThat(result.supplyExhausted()).isFalse();
        assertThat(result.seatMapReadsPerSecond()).isEqualTo(20_000.0);
        Map<String, Object> figures = result.figures();
        assertThat(figures).containsKeys("httpBaseline", "warmupHolds", "holds", "seatMap", "targets");
        @SuppressWarnings("unchecked")
        Map<String, Object> hold = (Map<String, Object>) figures.get("holds");
        assertThat(hold)
                .containsEntry("decisions", 25_000L)
                .containsEntry("pending202", 400L)
                .containsEntry("shed503", 90L)
                .containsEntry("shed503WithoutRetryAfter", 1L)
                .containsEntry("errors5xx", 10L);
        assertThat(result.targets().get("holdDecisionsPerSecond")).asString().endsWith("met");
        assertThat(result.targets().get("holdP99Millis"))
                .asString()
                .startsWith("1,200 vs ≤ 250")
                .endsWith("missed");
    }

    @Test
    void aThreadThatRanOutOfPreparedHoldsIsReported() {
        WrkRun holds = WrkRun.parse(wrkOutput(
                10.0,
                "HOLD_ANSWERS sent=10 201=10 409=0 202=0 429=0 4xx=0 5xx=0 other=0 fillers=1 exhaustedThreads=1\n"));

        assertThat(new HoldsHttpBenchmark.Result("e", holds, holds, holds, holds).supplyExhausted())
                .isTrue();
    }

    @Test
    void aRequestLineIsTokenKeyAndBodySeparatedByTabs() {
        assertThat(HoldsHttpBenchmark.requestLine("t.o.k", "hold-7", "{\"seats\":[\"S1-1-1\"]}"))
                .isEqualTo("t.o.k\thold-7\t{\"seats\":[\"S1-1-1\"]}");
    }

    private static HoldsHttpBenchmark.Settings settings(
            HoldsHttpBenchmark.OrderKind kind, int seats, int sections, int mapSeats) {
        return new HoldsHttpBenchmark.Settings(
                URI.create("http://127.0.0.1:1"),
                seats,
                sections,
                mapSeats,
                kind,
                10,
                10,
                1,
                1,
                1,
                1,
                1,
                TOKENS,
                Path.of("unused"));
    }

    private static String wrkOutput(double seconds, String counters) {
        return """
                Running 10s test @ http://127.0.0.1:8080
                  2 threads and 100 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency    12.10ms    3.20ms  1.50s    90.00%
                  Latency Distribution
                     50%  850.00us
                     75%    1.50ms
                     90%    2.25ms
                     99%    1.20s
                  1000 requests in %ss, 1.00MB read
                Requests/sec:  100.00
                """.replace("%s", Double.toString(seconds)) + counters;
    }
}
