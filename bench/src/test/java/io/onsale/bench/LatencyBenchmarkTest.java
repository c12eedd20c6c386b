package io.onsale.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onsale.bench.LatencyBenchmark.Kind;
import io.onsale.loadgen.auth.TokenMinter;
import io.onsale.loadgen.client.EventConfig;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyBenchmarkTest {

    private static final TokenMinter TOKENS = TokenMinter.withSecret(
            "a-test-secret-of-at-least-thirty-two-bytes-0123", "onsale-local", "onsale-api", Clock.systemUTC());

    @Test
    void theEventHasOneReservedSectionAndOneLargeGeneralAdmissionZoneAndNeverQueues() {
        EventConfig event = LatencyBenchmark.event(settings(2_000, 500, 200));

        List<EventConfig.Section> sections = event.sections();
        assertThat(sections).extracting(EventConfig.Section::sectionId).containsExactly("A", "FLOOR");
        assertThat(sections.get(0).seats()).hasSize(2_000);
        assertThat(sections.get(1).kind()).isEqualTo(EventConfig.GENERAL_ADMISSION);
        assertThat(sections.get(1).zones()).containsExactly(new EventConfig.Zone("FLOOR-1", 100_000));
        assertThat(event.perBuyerLimit()).isEqualTo(4);
        assertThat(event.holdWindowMinutes()).isEqualTo(30);
        assertThat(event.queuePolicy().activationThreshold()).isGreaterThan(1_000_000);
    }

    @Test
    void requestsTakeTheThreeKindsInTurn() {
        LatencyBenchmark bench = new LatencyBenchmark(settings(2_000, 500, 200));

        assertThat(IntStream.range(0, 6).mapToObj(LatencyBenchmark::kind))
                .containsExactly(
                        Kind.SEAT,
                        Kind.BEST_AVAILABLE,
                        Kind.GENERAL_ADMISSION,
                        Kind.SEAT,
                        Kind.BEST_AVAILABLE,
                        Kind.GENERAL_ADMISSION);
        assertThat(bench.body(0)).isEqualTo("{\"seats\":[\"A-40-50\"]}");
        assertThat(bench.body(1)).isEqualTo("{\"sectionId\":\"A\",\"quantity\":1}");
        assertThat(bench.body(2)).isEqualTo("{\"sectionId\":\"FLOOR\",\"quantity\":1}");
        assertThat(bench.body(3)).isEqualTo("{\"seats\":[\"A-40-49\"]}");
    }

    @Test
    void namedSeatsAreDistinctConfiguredAndBehindEverySeatBestAvailableCanHaveTaken() {
        int seats = 150;
        int requests = 225; // as many seat and best-available requests as there are seats
        LatencyBenchmark bench = new LatencyBenchmark(settings(seats, requests - 25, 25));
        Set<String> configured = new HashSet<>();
        LatencyBenchmark.event(settings(seats, requests - 25, 25))
                .sections()
                .get(0)
                .seats()
                .forEach(seat -> configured.add(seat.seatId()));
        List<String> named = IntStream.range(0, requests)
                .filter(i -> LatencyBenchmark.kind(i) == Kind.SEAT)
                .mapToObj(bench::body)
                .map(body -> body.substring(11, body.length() - 3))
                .toList();
        long bestAvailable = IntStream.range(0, requests)
                .filter(i -> LatencyBenchmark.kind(i) == Kind.BEST_AVAILABLE)
                .count();

        assertThat(new HashSet<>(named))
                .hasSize(named.size())
                .allSatisfy(seat -> assertThat(configured).contains(seat));
        // Best-available takes the front seats in order: seat indexes 0 .. bestAvailable-1, rows of 50.
        Set<String> front = new HashSet<>();
        for (int index = 0; index < bestAvailable; index++) {
            front.add(HoldsHttpBenchmark.seatId("A", index));
        }
        assertThat(named).doesNotContainAnyElementsOf(front);
    }

    @Test
    void tooFewSeatsForTheRunAreRefusedBeforeAnythingRuns() {
        // 150 requests: 50 named seats, 50 best-available seats and 50 general-admission tickets.
        assertThat(settings(100, 130, 20).seats()).isEqualTo(100);
        assertThatThrownBy(() -> settings(99, 130, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--seats must be at least 100 ")
                .hasMessageContaining("got 99");
        assertThatThrownBy(() -> settings(2_000, 0, 20)).hasMessageContaining("--holds must be at least 1");
    }

    private static LatencyBenchmark.Settings settings(int seats, int holds, int warmupHolds) {
        return new LatencyBenchmark.Settings(URI.create("http://127.0.0.1:1"), seats, holds, warmupHolds, TOKENS);
    }
}
