package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The dashboard's endpoint: organizers and operators see the charts the monitor computed; buyers are refused. */
@WebFluxTest(controllers = OpsController.class)
@EnableConfigurationProperties(JwtSettings.class)
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import(ClockWiring.class)
class OpsControllerTest {

    private static final Instant START = Instant.parse("2030-05-01T19:00:00Z");

    @Autowired
    WebTestClient http;

    @Autowired
    OpsMonitor monitor;

    @Autowired
    TestClock clock;

    @Autowired
    MeterRegistry meters;

    /** A clock the test moves, one sample a second. */
    static final class TestClock extends Clock {
        private Instant now = START;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @TestConfiguration
    static class Wiring {
        @Bean
        TestClock testClock() {
            return new TestClock();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        }

        @Bean
        OpsMonitor opsMonitor(MeterRegistry meters, TestClock clock) {
            AlertRules rules = new AlertRules(new AlertRules.Thresholds(
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
                    List.of()));
            // Driven by the test's ticks, not started: no thread, no broker.
            return new OpsMonitor(
                    new MeterReadings(meters),
                    new StreamsGroups(null, Map.of()),
                    OpsWiring.streamsApps(true),
                    rules,
                    new AlertDecider(Duration.ofSeconds(30)),
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(5),
                    "edge-test",
                    clock);
        }
    }

    @Test
    void anOrganizerSeesEveryChartWithTheLastSecondsOfItsLines() {
        Timer held = Timer.builder("onsale.orders.answers")
                .tags("command", "PLACE", "outcome", "HELD")
                .publishPercentileHistogram()
                .register(meters);
        Gauge.builder("onsale.queue.waiting", () -> 250).tag("event", "gala").register(meters);
        for (int second = 0; second < 3; second++) {
            for (int hold = 0; hold < 5; hold++) {
                held.record(Duration.ofMillis(30));
            }
            monitor.tick();
            clock.advance(Duration.ofSeconds(1));
        }

        JsonNode view = get(TestTokens.organizer("org-1"))
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        assertThat(view.path("instance").asString()).isEqualTo("edge-test");
        assertThat(view.path("times")).hasSize(3);
        assertThat(view.path("alertsEnabled").asBoolean()).isFalse();
        assertThat(view.path("streamsApps").valueStream().map(JsonNode::asString))
                .containsExactly("reservations", "waiting-room");
        List<String> charts = view.path("charts")
                .valueStream()
                .map(chart -> chart.path("id").asString())
                .toList();
        assertThat(charts)
                .contains(
                        "arrivals",
                        "queue-length",
                        "drain-rate",
                        "shoppers",
                        "holds",
                        "sold-rate",
                        "tickets-left",
                        "conversion",
                        "payments",
                        "errors",
                        "hold-latency",
                        "payment-latency",
                        "gateway-errors",
                        "lag",
                        "instances",
                        "states",
                        "dead-letters");
        JsonNode holds = chart(view, "holds").path("lines").get(0);
        assertThat(holds.path("name").asString()).isEqualTo("HELD");
        assertThat(holds.path("values").get(0).isNull())
                .as("one sample: no rate yet")
                .isTrue();
        assertThat(holds.path("values").get(2).asDouble()).isEqualTo(5.0);
        assertThat(chart(view, "queue-length")
                        .path("lines")
                        .get(0)
                        .path("values")
                        .get(2)
                        .asDouble())
                .isEqualTo(250);
        assertThat(chart(view, "hold-latency").path("unit").asString()).isEqualTo("ms");
    }

    @Test
    void anOperatorSeesItToo() {
        get(TestTokens.token("ops-1", List.of("OPERATOR"), "onsale-local", "onsale-api", TestTokens.SECRET))
                .expectStatus()
                .isOk();
    }

    @Test
    void aBuyerIsRefusedWithAProblem() {
        get(TestTokens.buyer("alice"))
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:forbidden");
    }

    @Test
    void withoutATokenItIs401() {
        http.get()
                .uri("/api/ops/dashboard")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private WebTestClient.ResponseSpec get(String token) {
        return http.get()
                .uri("/api/ops/dashboard")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange();
    }

    private static JsonNode chart(JsonNode view, String id) {
        return view.path("charts")
                .valueStream()
                .filter(chart -> chart.path("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
