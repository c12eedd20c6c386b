package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onsale.edge.ops.DashboardHistory.ChartSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dashboard an edge draws of itself, in either mode: with the embedded engine, or asking the engine's processes. */
class OpsMonitorTest {

    private static final Instant START = Instant.parse("2030-05-01T19:00:00Z");
    private static final AlertRules.Thresholds THRESHOLDS = new AlertRules.Thresholds(
            Duration.ofSeconds(2),
            0.05,
            Duration.ofSeconds(30),
            0.05,
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            1000,
            Duration.ofMinutes(2),
            Duration.ofMinutes(2),
            0.5,
            0.2,
            Duration.ofMinutes(1),
            List.of());

    @Test
    void anEdgeWithoutTheEmbeddedEngineDrawsNoChartOfItsOwnStreamsClientsAndSaysItRunsNone() {
        DashboardView view = tickedOnce(OpsWiring.streamsApps(false));

        assertThat(view.streamsApps()).isEmpty();
        assertThat(view.charts())
                .extracting(ChartSeries::id)
                .doesNotContain("lag", "states")
                .contains("instances", "holds", "queue-length", "dead-letters");
    }

    @Test
    void anEdgeThatEmbedsTheEngineDrawsEveryChart() {
        DashboardView view = tickedOnce(OpsWiring.streamsApps(true));

        assertThat(view.streamsApps()).containsExactly("reservations", "waiting-room");
        assertThat(view.charts())
                .extracting(ChartSeries::id)
                .containsExactlyElementsOf(DashboardCharts.all().stream()
                        .map(DashboardCharts.Chart::id)
                        .toList());
    }

    private static DashboardView tickedOnce(List<String> streamsApps) {
        OpsMonitor monitor = new OpsMonitor(
                new MeterReadings(new SimpleMeterRegistry()),
                new StreamsGroups(null, Map.of()),
                streamsApps,
                new AlertRules(THRESHOLDS),
                new AlertDecider(Duration.ofSeconds(30)),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5),
                "edge-test",
                Clock.fixed(START, ZoneOffset.UTC));
        monitor.tick();
        return monitor.view();
    }
}
