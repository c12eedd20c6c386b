package io.onsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.loadgen.simulate.SimulateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import picocli.CommandLine;
import reactor.core.publisher.Mono;

/**
 * The simulator's whole buyer journey against a real edge on a real broker, through HTTP only: twice as many buyers
 * as seats join the waiting room, follow their status until admitted, race for seats with their admission token,
 * pay (some declined) or walk away, and the simulator's audit of the final state passes. The entry point to read
 * for how an on-sale looks from the outside.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SimulationIT {

    private static final String PREFIX = RealKafka.uniquePrefix("simulation");

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        registry.add("onsale.kafka.bootstrap-servers", RealKafka::bootstrapServers);
        registry.add("onsale.kafka.topic-prefix", () -> PREFIX);
        registry.add("onsale.kafka.application-id", () -> PREFIX + "edge");
        registry.add("onsale.kafka.state-dir", Files.createTempDirectory("simulation-state")::toString);
        registry.add("onsale.kafka.partitions", () -> 4);
        registry.add("onsale.kafka.config-partitions", () -> 1);
        // The default decision timeout (5 s, then 202) stays below the simulator's read timeout: a slow decision is
        // asked again with its key instead of timing out on the client.
        // Buyers poll at the interval the edge suggests: a second keeps the waiting short without changing the flow.
        registry.add("onsale.queue.poll-interval", () -> "1s");
        registry.add("onsale.payments.sandbox-latency", () -> "20ms");
    }

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @BeforeEach
    void waitUntilReady() {
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> client.get()
                        .uri("/actuator/health/readiness")
                        .exchangeToMono(
                                response -> Mono.just(response.statusCode().is2xxSuccessful()))
                        .block());
    }

    @Test
    void threeHundredBuyersForAHundredAndFiftySeatsQueueRacePayAndPassTheAudit() throws Exception {
        Path report = dir.resolve("simulation.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine simulate = new CommandLine(new SimulateCommand(Map.of(), Clock.systemUTC()));
        simulate.setOut(new PrintWriter(out, true));
        simulate.setErr(new PrintWriter(err, true));

        int exit = simulate.execute(
                "--edge",
                "http://127.0.0.1:" + port,
                "--event",
                "sim-it-" + UUID.randomUUID().toString().substring(0, 8),
                "--buyers",
                "300",
                "--seats",
                "150",
                "--pre-open",
                "1s",
                "--arrival-seconds",
                "3",
                "--setup-margin",
                "2s",
                "--queue",
                "on",
                "--admit-rate",
                "50",
                "--payments",
                "on",
                "--decline-rate",
                "0.2",
                "--abandon-rate",
                "0.1",
                "--think-time",
                "200ms",
                "--max-in-flight",
                "256",
                "--max-duration",
                "90s",
                "--settle",
                "20s",
                "--seed",
                "42",
                "--out",
                report.toString());

        assertThat(exit).as("%s%n%s", out, err).isZero();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        JsonNode counts = json.path("counts");
        assertThat(json.path("audit").path("passed").asBoolean()).as("%s", out).isTrue();
        assertThat(json.path("rejectedByReason").path("SEAT_TAKEN").asInt())
                .as("races happened")
                .isPositive();
        assertThat(counts.path("queue_joined").asInt()).isEqualTo(300);
        assertThat(counts.path("queue_waited").asInt())
                .as("somebody waited in the room")
                .isPositive();
        assertThat(json.path("latencyMillis").path("queue_wait").path("count").asInt())
                .isPositive();
        assertThat(json.path("audit").path("admissionsChecked").asInt()).isPositive();
        assertThat(counts.path("paid").asInt()).as("orders confirmed").isPositive();
        assertThat(counts.path("declined").asInt()).as("payments declined").isPositive();
        assertThat(json.path("audit").path("confirmedTickets").asInt())
                .isEqualTo(json.path("sale").path("ticketsSold").asInt())
                .isLessThanOrEqualTo(150);
        assertThat(counts.path("unresolved").asInt()
                        - counts.path("resolved_late").asInt())
                .isZero();
    }
}
