package io.onsale.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkRunTest {

    private static final String OUTPUT = """
            Running 10s test @ http://127.0.0.1:8080
              2 threads and 500 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    12.10ms    3.20ms  1.20s    90.00%
                Req/Sec    10.10k     1.00k   12.00k    70.00%
              Latency Distribution
                 50%  850.00us
                 75%    1.50ms
                 90%    2.25ms
                 99%    1.20s
              201234 requests in 10.02s, 50.10MB read
              Socket errors: connect 0, read 3, write 0, timeout 2
              Non-2xx or 3xx responses: 7
            Requests/sec:  20083.23
            Transfer/sec:      5.00MB
            JOIN_ANSWERS answered=100 fillers=3 200=1 201=99 202=0 429=0 4xx=0 5xx=0 other=0
            """;

    @Test
    void readsRatesPercentilesInMillisErrorsAndTheScriptsCounters() {
        WrkRun run = WrkRun.parse(OUTPUT);

        assertThat(run.requests()).isEqualTo(201_234);
        assertThat(run.seconds()).isEqualTo(10.02);
        assertThat(run.requestsPerSecond()).isEqualTo(20_083.23);
        assertThat(run.latencyMillis())
                .containsEntry("p50", 0.85)
                .containsEntry("p75", 1.5)
                .containsEntry("p99", 1_200.0)
                .containsEntry("max", 1_200.0);
        assertThat(run.socketErrors()).isEqualTo(5);
        assertThat(run.non2xx()).isEqualTo(7);
        assertThat(run.counters()).containsEntry("JOIN_ANSWERS.answered", 100L).containsEntry("JOIN_ANSWERS.201", 99L);
    }

    @Test
    void theAnswersSoFarAreEachThreadsLatestCount() {
        assertThat(WrkRun.answeredSoFar(java.util.List.of(
                        "ready",
                        "ready",
                        "answered 0 500",
                        "answered 1 500",
                        "answered 0 1000",
                        "answered 1 730",
                        "done")))
                .isEqualTo(1_730);
    }

    @Test
    void anOutputWithoutTheSummaryIsRefused() {
        assertThatThrownBy(() -> WrkRun.parse("unable to connect to 127.0.0.1:8080 Connection refused"))
                .hasMessageContaining("unexpected wrk output");
    }
}
