package io.onsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.Organizer;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.queue.tokens.AdmissionToken;
import io.onsale.queue.tokens.AdmissionTokens;
import io.onsale.queue.tokens.QueueTicket;
import io.onsale.queue.tokens.QueueTickets;
import io.onsale.queue.tokens.SigningKey;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The waiting room through HTTP on a real broker, embedded in two edge instances: a few hundred buyers join at once,
 * each gets one signed ticket and a unique position, status is answered by either instance from its progress view
 * (whichever runs the event's room), the metered batches
 * admit in position order, the status stream ends with the admission (and gives its place back, as does one whose client
 * goes away), and the order endpoint takes the admission
 * token of its buyer and refuses a missing, forged or borrowed one while the queue is active.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WaitingRoomIT {

    private static final String PREFIX = RealKafka.uniquePrefix("waiting-room-edge");
    private static final int BUYERS = 2_000;
    private static final int ADMIT_RATE = 200;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        registry.add("onsale.kafka.bootstrap-servers", RealKafka::bootstrapServers);
        registry.add("onsale.kafka.topic-prefix", () -> PREFIX);
        registry.add("onsale.kafka.application-id", () -> PREFIX + "edge");
        registry.add("onsale.kafka.state-dir", Files.createTempDirectory("waiting-room-edge-state")::toString);
        registry.add("onsale.kafka.partitions", () -> 4);
        registry.add("onsale.kafka.config-partitions", () -> 1);
        registry.add("onsale.kafka.decision-timeout", () -> "30s");
        registry.add("onsale.queue.heartbeat", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Value("${onsale.queue.signing-secret}")
    String signingSecret;

    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private WebClient client;

    record Answer(int status, Map<String, Object> body) {}

    /** A second instance of the same edge (same topics and application ids): it runs part of the rooms, or none. */
    private ConfigurableApplicationContext second;

    private WebClient secondClient;

    @BeforeEach
    void twoInstancesReady() throws Exception {
        client = WebClient.create("http://127.0.0.1:" + port);
        int secondPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            secondPort = socket.getLocalPort();
        }
        // Command-line arguments: they override application.yaml, where default properties would not.
        second = new SpringApplicationBuilder(EdgeApplication.class)
                .run(
                        "--server.port=" + secondPort,
                        "--onsale.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
                        "--onsale.kafka.topic-prefix=" + PREFIX,
                        "--onsale.kafka.application-id=" + PREFIX + "edge",
                        "--onsale.kafka.state-dir=" + Files.createTempDirectory("waiting-room-edge-second"),
                        "--onsale.kafka.partitions=4",
                        "--onsale.kafka.config-partitions=1",
                        "--onsale.kafka.decision-timeout=30s",
                        "--logging.level.root=WARN");
        secondClient = WebClient.create("http://127.0.0.1:" + secondPort);
        for (WebClient instance : List.of(client, secondClient)) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> instance.get()
                            .uri("/actuator/health/readiness")
                            .exchangeToMono(
                                    response -> Mono.just(response.statusCode().is2xxSuccessful()))
                            .block());
        }
    }

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void thousandsOfJoinsGetUniquePositionsAreAdmittedInOrderAndTheTokenIsWhatLetsAnOrderThrough() {
        String event = configure();
        List<String> buyers = IntStream.range(0, BUYERS).mapToObj(i -> "q-" + i).toList();

        List<Answer> joins = Flux.fromIterable(buyers)
                .flatMap(buyer -> join(event, buyer), 64)
                .collectList()
                .block();

        assertThat(joins).extracting(Answer::status).containsOnly(201);
        assertThat(joins)
                .extracting(answer -> number(answer.body().get("position")))
                .doesNotHaveDuplicates()
                .allMatch(position -> position >= 1 && position <= BUYERS);
        assertThat(joins).allSatisfy(answer -> assertThat(answer.body()).containsKeys("ticket", "state", "position"));
        Map<String, Object> last = joins.stream()
                .max(Comparator.comparingLong(answer -> number(answer.body().get("position"))))
                .orElseThrow()
                .body();
        String lastBuyer = buyerOf(joins, last);

        // A second join is the same place, answered 200.
        Answer again = join(event, lastBuyer).block();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).containsEntry("position", last.get("position"));

        // The last buyer follows the stream: it ends with the admission, and carries the token.
        Mono<List<ServerSentEvent<Map<String, Object>>>> stream = client.get()
                .uri("/api/events/{id}/queue/{ticket}/events", event, last.get("ticket"))
                .headers(headers -> headers.setBearerAuth(TestTokens.buyer(lastBuyer)))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
                .filter(sse -> sse.data() != null)
                .collectList()
                .cache();
        stream.subscribe();

        // Status is answered while buyers wait, and everybody is admitted in position order.
        Map<String, Map<String, Object>> admitted = new java.util.concurrent.ConcurrentHashMap<>();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    // Every other buyer asks the other instance: status is answered wherever the event's room runs.
                    List<Answer> statuses = Flux.fromIterable(joins)
                            .filter(join -> !admitted.containsKey(ticketOf(join)))
                            .flatMap(
                                    join -> status(
                                            number(join.body().get("position")) % 2 == 0 ? client : secondClient,
                                            event,
                                            buyerOf(joins, join.body()),
                                            ticketOf(join)),
                                    64)
                            .collectList()
                            .block();
                    assertThat(statuses).extracting(Answer::status).containsOnly(200);
                    statuses.stream()
                            .filter(answer -> "ADMITTED".equals(answer.body().get("state")))
                            .forEach(answer ->
                                    admitted.put((String) answer.body().get("_ticket"), answer.body()));
                    assertThat(statuses)
                            .allSatisfy(answer ->
                                    assertThat(answer.body().get("state")).isIn("WAITING", "ADMITTED"));
                    assertThat(admitted).hasSize(BUYERS);
                });
        // A status read again is answered from memory before WebFlux (FastReadRoutes) on either instance, the same way.
        String lastTicket = (String) last.get("ticket");
        for (var instance :
                List.of(Map.entry(client, meters), Map.entry(secondClient, second.getBean(MeterRegistry.class)))) {
            Answer first =
                    status(instance.getKey(), event, lastBuyer, lastTicket).block();
            double before = fastStatusReads(instance.getValue());
            Answer repeated =
                    status(instance.getKey(), event, lastBuyer, lastTicket).block();
            assertThat(fastStatusReads(instance.getValue())).isEqualTo(before + 1);
            assertThat(repeated.status()).isEqualTo(200);
            assertThat(repeated.body())
                    .containsEntry("state", "ADMITTED")
                    .containsEntry("position", first.body().get("position"))
                    .containsEntry("windowEndsAt", first.body().get("windowEndsAt"))
                    .containsKey("admissionToken");
        }
        List<Map<String, Object>> byPosition = admitted.values().stream()
                .sorted(Comparator.comparingLong(status -> number(status.get("position"))))
                .toList();
        for (int i = 1; i < byPosition.size(); i++) {
            assertThat(Instant.parse((String) byPosition.get(i).get("admittedAt")))
                    .isAfterOrEqualTo(
                            Instant.parse((String) byPosition.get(i - 1).get("admittedAt")));
        }
        assertThat(byPosition).allSatisfy(status -> assertThat(status).containsKeys("admissionToken", "windowEndsAt"));

        List<ServerSentEvent<Map<String, Object>>> events = stream.block(Duration.ofSeconds(30));
        assertThat(events)
                .isNotEmpty()
                .allSatisfy(sse -> assertThat(sse.event()).isEqualTo("status"));
        assertThat(events.get(events.size() - 1).data())
                .containsEntry("state", "ADMITTED")
                .containsKey("admissionToken");

        // A stream that ended gives its place back, and so does one whose client goes away while it waits (a place
        // behind the last one is never admitted): the bound on open streams counts live connections only.
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
        String behindTheLast = new QueueTickets(SigningKey.fromSecret(signingSecret))
                .sign(QueueTicket.position(event, "lurker", BUYERS + 1_000));
        ServerSentEvent<Map<String, Object>> first = client.get()
                .uri("/api/events/{id}/queue/{ticket}/events", event, behindTheLast)
                .headers(headers -> headers.setBearerAuth(TestTokens.buyer("lurker")))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
                .filter(sse -> sse.data() != null)
                .blockFirst(Duration.ofSeconds(10));
        assertThat(first.data()).containsEntry("state", "WAITING");
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);

        // While the queue is active, the order endpoint takes the buyer's own token only.
        Map<String, Object> alice = byPosition.get(byPosition.size() - 1);
        String aliceId = (String) alice.get("_buyer");
        String aliceToken = (String) alice.get("admissionToken");
        String otherId = (String) byPosition.get(0).get("_buyer");
        assertThat(status(event, aliceId, (String) alice.get("_ticket"))
                        .block()
                        .body()
                        .get("mode"))
                .as("the queue is active")
                .isNotEqualTo("PASS_THROUGH");

        assertThat(order(event, aliceId, null).block().status()).isEqualTo(401);
        String forged = new AdmissionTokens(SigningKey.fromSecret("not-the-edge-secret-but-long-enough-0123456789"))
                .mint(new AdmissionToken(
                        event, aliceId, 1, Instant.now(), Instant.now().plusSeconds(300)));
        Answer refused = order(event, aliceId, forged).block();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).containsEntry("refusal", "BAD_SIGNATURE");
        assertThat(order(event, otherId, aliceToken).block().status()).isEqualTo(403);
        assertThat(secondClient
                        .post()
                        .uri("/api/events/{id}/orders", event)
                        .headers(headers -> {
                            headers.setBearerAuth(TestTokens.buyer(aliceId));
                            headers.set("Idempotency-Key", UUID.randomUUID().toString());
                            headers.set("Admission-Token", forged);
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("sectionId", "FLOOR", "quantity", 1))
                        .exchangeToMono(WaitingRoomIT::answer)
                        .block()
                        .status())
                .as("the other instance refuses it too")
                .isEqualTo(401);

        Answer placed = order(event, aliceId, aliceToken).block();
        assertThat(placed.status()).as("body %s", placed.body()).isEqualTo(201);
        assertThat(placed.body()).containsEntry("status", "HELD");
    }

    private double openStreams() {
        return meters.get("onsale.edge.status.streams").gauge().value();
    }

    private String configure() {
        Map<String, Object> config = DemoEvents.onSaleWithSeats(4);
        // The first buyer passes straight through and takes the one slot under the threshold: everybody else queues.
        config.put(
                "queuePolicy",
                Map.of(
                        "activationThreshold",
                        1,
                        "maxAdmitRatePerSecond",
                        ADMIT_RATE,
                        "targetActiveShoppers",
                        5_000,
                        "purchaseWindowMinutes",
                        10));
        return Organizer.configure(client, config);
    }

    private Mono<Answer> join(String event, String buyer) {
        return client.post()
                .uri("/api/events/{id}/queue", event)
                .headers(headers -> headers.setBearerAuth(TestTokens.buyer(buyer)))
                .exchangeToMono(WaitingRoomIT::answer)
                .map(answer -> {
                    answer.body().put("_buyer", buyer);
                    return answer;
                });
    }

    private static double fastStatusReads(MeterRegistry registry) {
        return registry.find("onsale.edge.fast.reads").tag("route", "queue-status").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private Mono<Answer> status(String event, String buyer, String ticket) {
        return status(client, event, buyer, ticket);
    }

    private Mono<Answer> status(WebClient instance, String event, String buyer, String ticket) {
        // A buyer keeps one token while it polls, as the buyer page does.
        String token = tokens.computeIfAbsent(buyer, TestTokens::buyer);
        return instance.get()
                .uri("/api/events/{id}/queue/{ticket}", event, ticket)
                .headers(headers -> headers.setBearerAuth(token))
                .exchangeToMono(WaitingRoomIT::answer)
                .map(answer -> {
                    answer.body().put("_buyer", buyer);
                    answer.body().put("_ticket", ticket);
                    return answer;
                });
    }

    private Mono<Answer> order(String event, String buyer, String admissionToken) {
        return client.post()
                .uri("/api/events/{id}/orders", event)
                .headers(headers -> {
                    headers.setBearerAuth(TestTokens.buyer(buyer));
                    headers.set("Idempotency-Key", UUID.randomUUID().toString());
                    if (admissionToken != null) {
                        headers.set("Admission-Token", admissionToken);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sectionId", "FLOOR", "quantity", 1))
                .exchangeToMono(WaitingRoomIT::answer);
    }

    private static Mono<Answer> answer(org.springframework.web.reactive.function.client.ClientResponse response) {
        return response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .map(body -> (Map<String, Object>) new java.util.HashMap<>(body))
                .defaultIfEmpty(new java.util.HashMap<>())
                .map(body -> new Answer(response.statusCode().value(), body));
    }

    private static String ticketOf(Answer join) {
        return (String) join.body().get("ticket");
    }

    private static String buyerOf(List<Answer> joins, Map<String, Object> join) {
        return (String) join.get("_buyer");
    }

    private static long number(Object json) {
        return ((Number) json).longValue();
    }
}
