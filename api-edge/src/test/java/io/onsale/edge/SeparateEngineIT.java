package io.onsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.edge.platform.Engine;
import io.onsale.edge.platform.ReservationsStreams;
import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.Organizer;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.app.CommitTiming;
import io.onsale.kafka.app.StreamsAppConfig;
import io.onsale.kafka.app.StreamsHttpEndpoint;
import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.queue.topology.WaitingRoomTopology;
import io.onsale.reservations.query.EngineQueryServer;
import io.onsale.reservations.topology.ReservationsTopology;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Edges that do not run the engine ({@code onsale.edge.embedded-engine=false}): two engine instances and a waiting room
 * run on their own (as engine.jar and waiting-room.jar run them: {@link StreamsLauncher} and the engine's query
 * endpoint), and two edges answer every buyer by asking the engine instance that owns each key. Then one engine
 * instance goes away and the other takes its keys over: reads answer 503 meanwhile, never wrong, then the truth again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeparateEngineIT {

    private static final String PREFIX = RealKafka.uniquePrefix("separate-engine");
    private static final String ENGINE_ID = PREFIX + "engine";
    private static final List<StreamsLauncher.Running> ENGINES = new ArrayList<>();
    private static final List<StreamsHttpEndpoint> ENDPOINTS = new ArrayList<>();
    private static final List<ConfigurableApplicationContext> EDGES = new ArrayList<>();
    private static final List<WebClient> CLIENTS = new ArrayList<>();
    private static StreamsLauncher.Running room;

    record Read(int status, Map<String, Object> body) {}

    @BeforeAll
    static void twoEnginesARoomAndTwoEdges() throws IOException {
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String server = "127.0.0.1:" + freePort();
            StreamsAppConfig config = new StreamsAppConfig(
                    RealKafka.bootstrapServers(),
                    PREFIX,
                    4,
                    1,
                    (short) 1,
                    ENGINE_ID,
                    Files.createTempDirectory("separate-engine-" + i),
                    1,
                    1,
                    64,
                    CommitTiming.DEFAULT,
                    server);
            StreamsLauncher.Running engine = StreamsLauncher.start(config, ReservationsTopology::build);
            ENGINES.add(engine);
            ENDPOINTS.add(StreamsHttpEndpoint.start(
                    server, engine.streams(), EngineQueryServer.routes(config, engine.streams())));
            servers.add(server);
        }
        room = StreamsLauncher.start(
                new StreamsAppConfig(
                        RealKafka.bootstrapServers(),
                        PREFIX,
                        4,
                        1,
                        (short) 1,
                        PREFIX + "onsale-waiting-room",
                        Files.createTempDirectory("separate-room"),
                        1,
                        1,
                        64,
                        CommitTiming.DEFAULT),
                WaitingRoomTopology::build);
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            EDGES.add(new SpringApplicationBuilder(EdgeApplication.class)
                    .run(
                            "--server.port=" + port,
                            "--onsale.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
                            "--onsale.kafka.topic-prefix=" + PREFIX,
                            "--onsale.kafka.application-id=" + ENGINE_ID,
                            "--onsale.kafka.state-dir=" + Files.createTempDirectory("separate-edge-" + i),
                            "--onsale.kafka.partitions=4",
                            "--onsale.kafka.config-partitions=1",
                            "--onsale.kafka.decision-timeout=30s",
                            "--onsale.edge.embedded-engine=false",
                            "--onsale.edge.engine-servers=" + String.join(",", servers),
                            "--logging.level.root=WARN"));
            CLIENTS.add(WebClient.create("http://127.0.0.1:" + port));
        }
        for (WebClient client : CLIENTS) {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> client.get()
                            .uri("/actuator/health/readiness")
                            .exchangeToMono(
                                    response -> Mono.just(response.statusCode().is2xxSuccessful()))
                            .block());
        }
    }

    @AfterAll
    static void stop() {
        EDGES.forEach(ConfigurableApplicationContext::close);
        ENDPOINTS.forEach(StreamsHttpEndpoint::close);
        ENGINES.forEach(StreamsLauncher.Running::close);
        if (room != null) {
            room.close();
        }
    }

    @Test
    @Order(1)
    void theEdgesRunNoTopologyOfTheirOwn() {
        for (ConfigurableApplicationContext edge : EDGES) {
            assertThat(edge.getBeansOfType(ReservationsStreams.class)).isEmpty();
            assertThat(edge.getBean(Engine.class).state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @Test
    @Order(1)
    void theEdgesTellPrometheusTheyRunNoStreamsClientAndWatchNoneThemselves() {
        for (WebClient client : CLIENTS) {
            String metrics = client.get()
                    .uri("/actuator/prometheus")
                    .headers(headers -> headers.setBearerAuth(TestTokens.operator("ops-1")))
                    .retrieve()
                    .bodyToMono(String.class)
                    .block();
            // What ops/prometheus/alerts.yml's StreamsAppMissing keys on, and nothing for it to find missing.
            assertThat(metrics)
                    .containsPattern("(?m)^onsale_edge_embedded_engine 0\\.0$")
                    .doesNotContain("kafka_stream_client_state");

            // The view is built every second: the first one may not be there yet.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, Object> dashboard = client.get()
                        .uri("/api/ops/dashboard")
                        .headers(headers -> headers.setBearerAuth(TestTokens.operator("ops-1")))
                        .retrieve()
                        .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                        .block();
                assertThat(dashboard).containsEntry("streamsApps", List.of());
                List<String> charts = ((List<?>) dashboard.get("charts"))
                        .stream()
                                .map(chart -> String.valueOf(((Map<?, ?>) chart).get("id")))
                                .toList();
                assertThat(charts).doesNotContain("lag", "states").contains("instances");
            });
        }
    }

    @Test
    @Order(2)
    void everyOrderSeatMapAndPaymentIsAnsweredThroughEitherEdge() {
        String event = configure(DemoEvents.onSaleWithSeats(8));
        List<Map<String, Object>> held = new ArrayList<>();
        for (int buyer = 0; buyer < 8; buyer++) {
            Read placed = place(CLIENTS.get(buyer % 2), event, "buyer-" + buyer, "A-1-" + (buyer + 1));
            assertThat(placed.status()).as(placed.body().toString()).isEqualTo(201);
            held.add(placed.body());
        }
        for (int buyer = 0; buyer < 8; buyer++) {
            String orderId = (String) held.get(buyer).get("orderId");
            for (WebClient client : CLIENTS) {
                Read read = awaitRead(client, "/api/orders/" + orderId, "buyer-" + buyer);
                assertThat(read.body())
                        .containsEntry("orderId", orderId)
                        .containsEntry("status", "HELD")
                        .containsEntry("items", held.get(buyer).get("items"));
                assertThat(awaitRead(client, "/api/orders/" + orderId, "someone-else")
                                .status())
                        .isEqualTo(404);
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (WebClient client : CLIENTS) {
                Read seats = awaitRead(client, "/api/events/" + event + "/sections/A/seats", "auditor");
                assertThat(seats.body().get("seats").toString())
                        .doesNotContain("AVAILABLE")
                        .contains("HELD");
                assertThat((List<?>) seats.body().get("seats")).hasSize(8);
                Read page = awaitRead(client, "/api/events/" + event, "auditor");
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body().toString()).contains("held=8");
            }
        });

        // Paid through the other edge than the one that placed it: the payment reads the order from its engine owner.
        String orderId = (String) held.get(0).get("orderId");
        Read paid = pay(CLIENTS.get(1), orderId, "buyer-0");
        assertThat(paid.status()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(awaitRead(CLIENTS.get(0), "/api/orders/" + orderId, "buyer-0")
                                .body())
                        .containsEntry("status", "CONFIRMED"));
    }

    @Test
    @Order(3)
    void whenAnEngineInstanceGoesTheOtherAnswersForItsKeys() {
        String event = configure(DemoEvents.onSaleWithSeats(8));
        List<String> orders = new ArrayList<>();
        for (int buyer = 0; buyer < 8; buyer++) {
            Read placed = place(CLIENTS.get(0), event, "stayer-" + buyer, "A-1-" + (buyer + 1));
            assertThat(placed.status()).isEqualTo(201);
            orders.add((String) placed.body().get("orderId"));
        }

        ENDPOINTS.get(1).close();
        ENGINES.get(1).close();

        // Every key is the first engine's now: reads answer 503 while it takes them over, then the same orders again.
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() ->
                        assertThat(EDGES.get(0).getBean(Engine.class).state()).isEqualTo(KafkaStreams.State.RUNNING));
        for (int buyer = 0; buyer < 8; buyer++) {
            for (WebClient client : CLIENTS) {
                Read read = awaitRead(client, "/api/orders/" + orders.get(buyer), "stayer-" + buyer);
                assertThat(read.body())
                        .containsEntry("orderId", orders.get(buyer))
                        .containsEntry("status", "HELD");
            }
        }
        Read late = place(CLIENTS.get(1), event, "late-buyer", "A-1-1");
        assertThat(late.status())
                .as("the seat is still held by the first buyer")
                .isEqualTo(409);
    }

    private static Read pay(WebClient client, String orderId, String buyer) {
        String key = UUID.randomUUID().toString();
        return askUntil(
                () -> client.post()
                        .uri("/api/orders/{id}/payment", orderId)
                        .headers(headers -> {
                            headers.setBearerAuth(TestTokens.buyer(buyer));
                            headers.set("Idempotency-Key", key);
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("paymentMethod", "sandbox-card")),
                503);
    }

    /** While keys move between engine instances a read is 503 with Retry-After, never wrong: ask again. */
    private static Read awaitRead(WebClient client, String path, String buyer) {
        return askUntil(
                () -> client.get().uri(path).headers(headers -> headers.setBearerAuth(TestTokens.buyer(buyer))), 503);
    }

    /** The same Idempotency-Key again after a 503 or 202: one order, answered once it is decided. */
    private static Read place(WebClient client, String event, String buyer, String seat) {
        String key = UUID.randomUUID().toString();
        return askUntil(
                () -> client.post()
                        .uri("/api/events/{id}/orders", event)
                        .headers(headers -> {
                            headers.setBearerAuth(TestTokens.buyer(buyer));
                            headers.set("Idempotency-Key", key);
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("seats", List.of(seat))),
                503,
                202);
    }

    /** Sends the request again, every 200 ms for up to a minute, until its answer is none of {@code notYet}. */
    private static Read askUntil(Supplier<WebClient.RequestHeadersSpec<?>> request, int... notYet) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> request.get()
                                .exchangeToMono(response -> response.bodyToMono(
                                                new ParameterizedTypeReference<Map<String, Object>>() {})
                                        .defaultIfEmpty(Map.of())
                                        .map(body ->
                                                new Read(response.statusCode().value(), body)))
                                .block(),
                        read -> java.util.Arrays.stream(notYet).noneMatch(status -> status == read.status()));
    }

    private static String configure(Map<String, Object> config) {
        String eventId = Organizer.configure(CLIENTS.get(0), config);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> CLIENTS.get(1)
                        .get()
                        .uri("/api/events/{id}", eventId)
                        .headers(headers -> headers.setBearerAuth(TestTokens.buyer("auditor")))
                        .exchangeToMono(
                                response -> Mono.just(response.statusCode().is2xxSuccessful()))
                        .block());
        return eventId;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
