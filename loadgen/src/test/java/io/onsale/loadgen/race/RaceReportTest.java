package io.onsale.loadgen.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RaceReportTest {

    private static final long MS = 1_000_000L;

    private final List<Outcome> outcomes = List.of(
            Outcome.held("buyer-01", "A-1-1", List.of("A-1-1"), 0, 4 * MS),
            Outcome.rejected("buyer-02", "A-1-1", "SEAT_TAKEN", 0, 2 * MS),
            Outcome.rejected("buyer-03", "A-1-1", "SEAT_TAKEN", 2, 1_000 * MS),
            Outcome.other("buyer-04", "A-1-2", 503, "HTTP 503", 0, 3 * MS),
            Outcome.held("buyer-05", "A-1-2", List.of("A-1-2"), 1, 1_003 * MS),
            Outcome.failed("buyer-06", "A-1-3", "timeout", 0, 10_000 * MS),
            Outcome.rejected("buyer-07", "A-1-3", "NOT_ON_SALE", 0, 1 * MS));

    private final RaceReport report = new RaceReport(List.of("A-1-1", "A-1-2", "A-1-3"), outcomes);

    @Test
    void seatTableHasOneLinePerSeatWithWinnerContendersAndWhy() {
        assertThat(report.seatTable())
                .containsExactly(
                        "seat   winner    contenders  rejected  why",
                        "A-1-1  buyer-01           3         2  SEAT_TAKEN x2",
                        "A-1-2  buyer-05           2         1  HTTP 503 x1",
                        "A-1-3  -                  2         2  NOT_ON_SALE x1, timeout x1");
    }

    @Test
    void doubleWinnerShowsBothNamesInTheWinnerColumn() {
        RaceReport oversold = new RaceReport(
                List.of("A-1-1"),
                List.of(
                        Outcome.held("buyer-01", "A-1-1", List.of("A-1-1"), 0, MS),
                        Outcome.held("buyer-02", "A-1-1", List.of("A-1-1"), 0, MS)));

        assertThat(oversold.seatTable().get(1)).startsWith("A-1-1  buyer-01,buyer-02           2         0");
    }

    @Test
    void totalsCountHeldRejectedPendingAndErrors() {
        List<String> totals = report.totals();

        assertThat(totals.get(0)).isEqualTo("held (201)                   2");
        assertThat(totals.get(1)).isEqualTo("rejected (409)               3  SEAT_TAKEN x2, NOT_ON_SALE x1");
        assertThat(totals.get(2)).isEqualTo("pending, then resolved       2");
        assertThat(totals.get(3)).isEqualTo("other errors                 2  HTTP 503 x1, timeout x1");
        // Six answered; the timeout never got an answer so it does not skew the latencies.
        assertThat(totals.get(4))
                .isEqualTo("latency to decision      min 1.0  p50 3.0  p90 1003.0  max 1003.0 ms  (6 answers)");
    }

    @Test
    void percentilesUseNearestRank() {
        long[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

        assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(50);
        assertThat(LatencySummary.percentile(sorted, 90)).isEqualTo(90);
        assertThat(LatencySummary.percentile(sorted, 100)).isEqualTo(100);
        assertThat(LatencySummary.percentile(new long[] {7}, 90)).isEqualTo(7);
        assertThat(LatencySummary.of(new long[0]).describe()).isEqualTo("no answers");
    }
}
