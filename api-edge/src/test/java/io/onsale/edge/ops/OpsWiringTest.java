package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * What an edge tells about the Streams apps it runs: its own alerts watch only those, and Prometheus learns from
 * {@code onsale_edge_embedded_engine} whether an edge without Streams clients is one started without them (so
 * ops/prometheus/alerts.yml's StreamsAppMissing stays quiet) or one whose clients died.
 */
class OpsWiringTest {

    @Test
    void anEdgeThatEmbedsTheEngineRunsBothAppsAndOneWithoutItRunsNone() {
        assertThat(OpsWiring.streamsApps(true)).containsExactly("reservations", "waiting-room");
        assertThat(OpsWiring.streamsApps(false)).isEmpty();
    }

    @Test
    void theEdgeSaysWhetherItEmbedsTheEngineUnderTheNameTheAlertRulesRead() {
        PrometheusMeterRegistry embedded = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PrometheusMeterRegistry remote = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        new OpsWiring().embeddedEngineMeter(true).bindTo(embedded);
        new OpsWiring().embeddedEngineMeter(false).bindTo(remote);

        assertThat(embedded.scrape()).containsPattern("(?m)^onsale_edge_embedded_engine 1\\.0$");
        assertThat(remote.scrape()).containsPattern("(?m)^onsale_edge_embedded_engine 0\\.0$");
    }
}
