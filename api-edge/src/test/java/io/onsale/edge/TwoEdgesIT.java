package io.onsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.Organizer;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.testing.RealKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Two edge instances of one engine on one machine: each owns half of the state, and both answer every read
 * correctly — the instance that does not own a buyer's orders or a section forwards the read to the one that does.
 */
class TwoEdgesIT {

    private static final String PREFIX = RealKafka.uniquePrefix("two-edges");
    private static final List<ConfigurableApplicationContext> EDGES = new ArrayList<>();
    private static final List<WebClient> CLIENTS = new ArrayList<>();
    /** Routes served before WebFlux leave any request with a query to the full stack; the controllers ignore this one. */
    private static final String FULL_STACK = "?full-stack";

    /** What one read answered, and which instance answered it when it was forwarded. */
    record Read(int status, Map<String, Object> body, String answeredBy) {}

    @BeforeAll
    static void twoInstancesOfOneEngine() throws IOException {
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            // Command-line arguments: they override application.yaml, where default properties would not.
            EDGES.add(new SpringApplicationBuilder(EdgeApplication.class)
                    .run(
                            "--server.port=" + port,
                            "--onsale.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
                            "--onsale.kafka.topic-prefix=" + PREFIX,
                            "--onsale.kafka.application-id=" + PREFIX + "edge",
                            "--onsale.kafka.state-dir=" + Files.createTempDirectory("two-edges-" + i),
                            "--onsale.kafka.partitions=4",
                            "--onsale.kafka.config-partitions=1",
                            "--onsale.kafka.decision-timeout=30s",
                            "--logging.level.root=WARN"));
            CLIENTS.add(WebClient.create("http://127.0.0.1:" + port));
        }
        for (WebClient client : CLIENTS) {
            await().atMost(Duration.ofSeconds(90))
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
    }

    @Test
    void everyOrderAndEverySeatMapReadsTheSameThroughEitherInstance() {
        String event = configure(DemoEvents.onSaleWithSeats(8));
        List<Map<String, Object>> held = new ArrayList<>();
        for (int buyer = 0; buyer < 8; buyer++) {
            // Alternate instances: an order placed through one is answered there, whoever decides it.
            Read placed = place(CLIENTS.get(buyer % 2), event, "buyer-" + buyer, "A-1-" + (buyer + 1));
            assertThat(placed.status()).isEqualTo(201);
            held.add(placed.body());
        }

        List<String> forwardedBy = new ArrayList<>();
        for (int buyer = 0; buyer < 8; buyer++) {
            String orderId = (String) held.get(buyer).get("orderId");
            for (WebClient client : CLIENTS) {
                Read read = awaitRead(client, "/api/orders/" + orderId, "buyer-" + buyer);
                assertThat(read.body())
                        .containsEntry("orderId", orderId)
                        .containsEntry("status", "HELD")
                        .containsEntry("items", held.get(buyer).get("items"));
                if (read.answeredBy() != null) {
                    forwardedBy.add(read.answeredBy());
                }
                assertThat(awaitRead(client, "/api/orders/" + orderId, "someone-else")
                                .status())
                        .isEqualTo(404);
            }
        }
        // 8 buyers' books on 4 partitions split between 2 instances: half the reads cross over, in each direction.
        assertThat(forwardedBy).isNotEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (WebClient client : CLIENTS) {
                Read seats = awaitRead(client, "/api/events/" + event + "/sections/A/seats", "auditor");
                assertThat(seats.body().get("seats").toString())
                        .doesNotContain("AVAILABLE")
                        .contains("HELD");
                assertThat((List<?>) seats.body().get("seats")).hasSize(8);
            }
        });
    }

    /**
     * The event page and a seat map read again soon after are answered from memory, before WebFlux
     * ({@code FastReadRoutes}), with exactly what the full stack answered: status, headers and body. A seat map relayed
     * from the instance that owns the section is kept where it was relayed, so both instances serve it from memory.
     */
    @Test
    void aRepeatedReadIsAnsweredFromMemoryWithWhatTheFullStackAnswered() {
        String event = configure(DemoEvents.onSaleWithSeats(8));
        for (int i = 0; i < EDGES.size(); i++) {
            WebClient client = CLIENTS.get(i);
            MeterRegistry meters = EDGES.get(i).getBean(MeterRegistry.class);
            for (String path : List.of("/api/events/" + event, "/api/events/" + event + "/sections/A/seats")) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    // A query string (ignored by the controllers) sends a read the full way; the same without is fast.
                    String buyer = "reader-" + UUID.randomUUID();
                    double before = fastReads(meters);
                    RawRead full = rawRead(client, path + FULL_STACK, buyer);
                    double between = fastReads(meters);
                    RawRead fast = rawRead(client, path, buyer);
                    assertThat(between)
                            .as("the read with a query went the full way")
                            .isEqualTo(before);
                    assertThat(fastReads(meters))
                            .as("the second was answered from memory")
                            .isEqualTo(between + 1);
                    // Which instance answered a read relayed from the section's owner is a debugging aid, not part of
                    // it.
                    full.headers().remove(QueryService.ANSWERED_BY_HEADER.toLowerCase());
                    assertThat(fast).isEqualTo(full);
                    assertThat(full.status()).isEqualTo(200);
                });
            }
        }
    }

    record RawRead(int status, Map<String, List<String>> headers, String body) {}

    /**
     * A buyer's order is taken before WebFlux ({@code FastOrderRoute}) with exactly what the full stack answers: each
     * request below is sent twice under one Idempotency-Key, first the full way (a query string, which the route leaves
     * to the full stack and the controller ignores), then the fast way: a hold, the loser of a race for that seat, an
     * unknown seat, a malformed body and an order that asks for seats and a section at once.
     */
    @Test
    void aBuyersOrderIsTakenBeforeWebFluxWithWhatTheFullStackAnswers() {
        String event = configure(DemoEvents.onSaleWithSeats(8));
        String path = "/api/events/" + event + "/orders";
        for (int i = 0; i < EDGES.size(); i++) {
            WebClient client = CLIENTS.get(i);
            MeterRegistry meters = EDGES.get(i).getBean(MeterRegistry.class);
            String seat = "\"A-1-" + (i + 1) + "\"";
            // The second order is another buyer's for the seat the first one just held: the race's loser.
            List<Map.Entry<String, Integer>> orders = List.of(
                    Map.entry("{\"seats\":[" + seat + "]}", 201),
                    Map.entry("{\"seats\":[" + seat + "]}", 409),
                    Map.entry("{\"seats\":[\"Z-9-9\"]}", 422),
                    Map.entry("{\"seats\":[", 400),
                    Map.entry("{\"seats\":[" + seat + "],\"sectionId\":\"A\",\"quantity\":1}", 400));
            for (Map.Entry<String, Integer> order : orders) {
                String body = order.getKey();
                String token = TestTokens.buyer("orderer-" + UUID.randomUUID());
                String key = UUID.randomUUID().toString();
                double before = fastOrders(meters);
                RawRead full = rawOrder(client, path + FULL_STACK, token, key, body);
                double between = fastOrders(meters);
                RawRead fast = rawOrder(client, path, token, key, body);
                assertThat(between)
                        .as("the order with a query went the full way")
                        .isEqualTo(before);
                assertThat(fastOrders(meters))
                        .as("the same again was taken before WebFlux: " + body)
                        .isEqualTo(between + 1);
                assertThat(full.status()).as(full.body()).isEqualTo(order.getValue());
                if (order.getValue() == 201 || order.getValue() == 409) {
                    // Decided by the engine: where the wait went. A retry answered with the known decision has none.
                    assertThat(full.headers()).containsKey("server-timing");
                }
                full.headers().remove("server-timing");
                fast.headers().remove("server-timing");
                assertThat(fast.headers()).as(body).isEqualTo(full.headers());
                assertThat(json(fast.body())).as(body).isEqualTo(json(full.body()));
                if (order.getValue() == 201 || order.getValue() == 409) {
                    // Once this instance's follower has read the decision, a retry is answered with it, nothing
                    // produced.
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                        double replayed =
                                meters.counter("onsale.edge.orders.replayed").count();
                        RawRead again = rawOrder(client, path, token, key, body);
                        again.headers().remove("server-timing");
                        assertThat(again.headers()).isEqualTo(full.headers());
                        assertThat(json(again.body())).isEqualTo(json(full.body()));
                        assertThat(meters.counter("onsale.edge.orders.replayed").count())
                                .isEqualTo(replayed + 1);
                    });
                }
            }
        }
    }

    /**
     * A join is taken before WebFlux ({@code FastJoinRoute}) with what the full stack answers: a buyer joins the full way
     * (201, a new place), then joins again the full way and the fast way, and gets the same place twice (200).
     */
    @Test
    void aJoinIsTakenBeforeWebFluxWithWhatTheFullStackAnswers() {
        String event = configure(DemoEvents.onSaleWithSeats(4));
        String path = "/api/events/" + event + "/queue";
        for (int i = 0; i < EDGES.size(); i++) {
            WebClient client = CLIENTS.get(i);
            MeterRegistry meters = EDGES.get(i).getBean(MeterRegistry.class);
            String token = TestTokens.buyer("joiner-" + UUID.randomUUID());
            assertThat(rawJoin(client, path + FULL_STACK, token).status()).isEqualTo(201);
            double before = fastJoins(meters);
            RawRead full = rawJoin(client, path + FULL_STACK, token);
            double between = fastJoins(meters);
            RawRead fast = rawJoin(client, path, token);
            assertThat(between).as("the join with a query went the full way").isEqualTo(before);
            assertThat(fastJoins(meters))
                    .as("the same again was taken before WebFlux")
                    .isEqualTo(between + 1);
            assertThat(full.status()).as(full.body()).isEqualTo(200);
            assertThat(fast.headers()).isEqualTo(full.headers());
            // An admitted place's admission token is minted for each answer (its own id): present on both.
            Map<String, Object> fullBody = new java.util.HashMap<>(json(full.body()));
            Map<String, Object> fastBody = new java.util.HashMap<>(json(fast.body()));
            assertThat(fullBody.remove("admissionToken")).isNotNull();
            assertThat(fastBody.remove("admissionToken")).isNotNull();
            assertThat(fastBody).isEqualTo(fullBody);
        }
    }

    private static RawRead rawJoin(WebClient client, String path, String token) {
        return client.post()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(answer -> {
                            Map<String, List<String>> headers = new java.util.TreeMap<>();
                            response.headers()
                                    .asHttpHeaders()
                                    .forEach((name, values) -> headers.put(name.toLowerCase(), values));
                            return new RawRead(response.statusCode().value(), headers, answer);
                        }))
                .block();
    }

    private static double fastJoins(MeterRegistry meters) {
        return meters.find("onsale.edge.fast.joins").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static Map<String, Object> json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readValue(body, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
    }

    private static RawRead rawOrder(WebClient client, String path, String token, String key, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return client.post()
                .uri(path)
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    headers.set("Idempotency-Key", key);
                    // As browsers and the simulator's client send it; a chunked body always goes the full way.
                    headers.setContentLength(bytes.length);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(bytes)
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(answer -> {
                            Map<String, List<String>> headers = new java.util.TreeMap<>();
                            response.headers()
                                    .asHttpHeaders()
                                    .forEach((name, values) -> headers.put(name.toLowerCase(), values));
                            return new RawRead(response.statusCode().value(), headers, answer);
                        }))
                .block();
    }

    private static double fastOrders(MeterRegistry meters) {
        return meters.find("onsale.edge.fast.orders").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static RawRead rawRead(WebClient client, String path, String buyer) {
        return client.get()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(TestTokens.buyer(buyer)))
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(body -> {
                            Map<String, List<String>> headers = new java.util.TreeMap<>();
                            response.headers()
                                    .asHttpHeaders()
                                    .forEach((name, values) -> headers.put(name.toLowerCase(), values));
                            return new RawRead(response.statusCode().value(), headers, body);
                        }))
                .block();
    }

    private static double fastReads(MeterRegistry meters) {
        return meters.find("onsale.edge.fast.reads").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    @Test
    void aPaymentThroughEitherInstanceIsMadeWhereTheOrderIsKept() {
        String event = configure(DemoEvents.onSaleWithSeats(6));
        List<String> forwardedBy = new ArrayList<>();
        for (int buyer = 0; buyer < 6; buyer++) {
            Read placed = place(CLIENTS.get(buyer % 2), event, "payer-" + buyer, "A-1-" + (buyer + 1));
            assertThat(placed.status()).isEqualTo(201);
            String orderId = (String) placed.body().get("orderId");

            // Paid through the other instance than the one that placed it, then again with the same key through the
            // first: whichever instance keeps the order, one of the two calls is forwarded to it (the test cannot rely
            // on where the orders land: all six kept where they are paid happens once in 64 runs).
            String key = UUID.randomUUID().toString();
            Read paid = pay(CLIENTS.get((buyer + 1) % 2), orderId, "payer-" + buyer, key);

            // While tasks move between the instances (standby warm-up) a confirm may outlast the decision timeout:
            // then the answer is 202, and the order is confirmed (and the payment captured) once the engine answers.
            assertThat(paid.status()).isIn(200, 202);
            assertThat(paid.body()).containsEntry("orderId", orderId);
            String payer = "payer-" + buyer;
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(awaitRead(CLIENTS.get(0), "/api/orders/" + orderId, payer)
                                    .body())
                            .containsEntry("status", "CONFIRMED"));
            if (paid.answeredBy() != null) {
                forwardedBy.add(paid.answeredBy());
            }
            Read again = pay(CLIENTS.get(buyer % 2), orderId, payer, key);
            assertThat(again.status())
                    .as("the same payment again, once confirmed")
                    .isEqualTo(200);
            assertThat(again.body()).containsEntry("status", "CONFIRMED");
            if (again.answeredBy() != null) {
                forwardedBy.add(again.answeredBy());
            }
        }
        assertThat(forwardedBy).isNotEmpty();
    }

    private static Read pay(WebClient client, String orderId, String buyer, String key) {
        List<Read> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Read read = client.post()
                            .uri("/api/orders/{id}/payment", orderId)
                            .headers(headers -> {
                                headers.setBearerAuth(TestTokens.buyer(buyer));
                                headers.set("Idempotency-Key", key);
                            })
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("paymentMethod", "sandbox-card"))
                            .exchangeToMono(response -> response.bodyToMono(
                                            new ParameterizedTypeReference<Map<String, Object>>() {})
                                    .defaultIfEmpty(Map.of())
                                    .map(body -> new Read(
                                            response.statusCode().value(),
                                            body,
                                            response.headers()
                                                    .asHttpHeaders()
                                                    .getFirst(QueryService.ANSWERED_BY_HEADER))))
                            .block();
                    last.clear();
                    last.add(read);
                    return read.status() != 503;
                });
        return last.get(0);
    }

    private static Read awaitRead(WebClient client, String path, String buyer) {
        List<Read> last = new ArrayList<>();
        // While partitions move between the instances a read is 503 with Retry-After, never wrong: ask again.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Read read = client.get()
                            .uri(path)
                            .headers(headers -> headers.setBearerAuth(TestTokens.buyer(buyer)))
                            .exchangeToMono(response -> response.bodyToMono(
                                            new ParameterizedTypeReference<Map<String, Object>>() {})
                                    .defaultIfEmpty(Map.of())
                                    .map(body -> new Read(
                                            response.statusCode().value(),
                                            body,
                                            response.headers()
                                                    .asHttpHeaders()
                                                    .getFirst(QueryService.ANSWERED_BY_HEADER))))
                            .block();
                    last.clear();
                    last.add(read);
                    return read.status() != 503;
                });
        return last.get(0);
    }

    private static Read place(WebClient client, String event, String buyer, String seat) {
        return client.post()
                .uri("/api/events/{id}/orders", event)
                .headers(headers -> {
                    headers.setBearerAuth(TestTokens.buyer(buyer));
                    headers.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("seats", List.of(seat)))
                .exchangeToMono(
                        response -> response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                                .map(body -> new Read(response.statusCode().value(), body, null)))
                .block();
    }

    private static String configure(Map<String, Object> config) {
        String eventId = Organizer.configure(CLIENTS.get(0), config);
        // The other instance sees the config once its copy of the global store has it.
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
