package io.onsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.Organizer;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.dlq.DeadLetters;
import io.onsale.kafka.testing.RealKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The whole path on a real broker: organizer config through HTTP, buyers racing through HTTP, orders decided by
 * the embedded exactly-once topology, answers from committed order answers, state read back through the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SeatRaceIT {

    private static final String PREFIX = RealKafka.uniquePrefix("seat-race");

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        registry.add("onsale.kafka.bootstrap-servers", RealKafka::bootstrapServers);
        registry.add("onsale.kafka.topic-prefix", () -> PREFIX);
        registry.add("onsale.kafka.application-id", () -> PREFIX + "edge");
        registry.add("onsale.kafka.state-dir", Files.createTempDirectory("seat-race-state")::toString);
        registry.add("onsale.kafka.partitions", () -> 4);
        registry.add("onsale.kafka.config-partitions", () -> 1);
        // A slow CI machine may take seconds for a first decision; these tests want the decision, not a 202.
        registry.add("onsale.kafka.decision-timeout", () -> "30s");
    }

    @LocalServerPort
    int port;

    private WebClient client;

    /** What one HTTP exchange answered. */
    record Answer(String buyer, String seat, int status, Map<String, Object> body, String contentType) {}

    @BeforeEach
    void waitUntilReady() {
        client = WebClient.create("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> client.get()
                        .uri("/actuator/health/readiness")
                        .exchangeToMono(
                                response -> Mono.just(response.statusCode().is2xxSuccessful()))
                        .block());
    }

    /** The slice test (docs/ApiDocsTest) replaces the controllers' collaborators; here the whole edge answers. */
    @Test
    @SuppressWarnings("unchecked")
    void theRunningEdgeServesItsOpenApiDocumentWithoutAToken() {
        Map<String, Object> document = client.get()
                .uri("/v3/api-docs")
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .block();

        assertThat(document).containsKeys("paths", "components");
        assertThat((Map<String, Object>) document.get("paths"))
                .containsKeys(
                        "/api/events/{eventId}",
                        "/api/events/{eventId}/orders",
                        "/api/orders/{orderId}",
                        "/api/orders/{orderId}/payment",
                        "/api/events/{eventId}/queue",
                        "/api/events/{eventId}/queue/{ticket}/events",
                        "/api/admin/events/{eventId}",
                        "/api/admin/events/{eventId}/queue");
        assertThat((Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas"))
                .containsKeys("Problem", "OrderView", "QueueStatus");
    }

    @Test
    void twoBuyersRacingForOneSeatGetExactlyOneHoldAndOneConflictWithAlternatives() {
        String event = configure(DemoEvents.onSaleWithSeats(4));
        // Alternatives come from the section's view of its seats: let it learn them before the race.
        awaitSeats(event, statuses -> assertThat(statuses).hasSize(4));

        List<Answer> answers = Flux.merge(order(event, "alice", "A-1-1"), order(event, "bob", "A-1-1"))
                .collectList()
                .block();

        assertThat(answers).extracting(Answer::status).containsExactlyInAnyOrder(201, 409);
        Answer won = answers.stream()
                .filter(answer -> answer.status() == 201)
                .findFirst()
                .orElseThrow();
        Answer lost = answers.stream()
                .filter(answer -> answer.status() == 409)
                .findFirst()
                .orElseThrow();
        assertThat(won.body())
                .containsEntry("status", "HELD")
                .containsEntry("buyerId", won.buyer())
                .containsEntry("eventId", event)
                .containsKeys("orderId", "expiresAt", "total");
        assertThat(lost.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(lost.body()).containsEntry("reason", "SEAT_TAKEN");
        List<Map<String, Object>> alternatives = list(lost.body().get("alternatives"));
        assertThat(alternatives)
                .isNotEmpty()
                .allSatisfy(alternative -> assertThat(alternative).containsKeys("sectionId", "quantity", "price"));
        awaitSeats(
                event,
                statuses -> assertThat(statuses).containsEntry("A-1-1", "HELD").containsEntry("A-1-2", "AVAILABLE"));
    }

    @Test
    void aBurstOfBuyersOnFewSeatsYieldsExactlyOneWinnerPerSeatAndNothingOversold() {
        int seats = 6;
        String event = configure(DemoEvents.onSaleWithSeats(seats));
        List<Mono<Answer>> burst = new ArrayList<>();
        for (int buyer = 0; buyer < 30; buyer++) {
            burst.add(order(event, "buyer-" + buyer, "A-1-" + (1 + buyer % seats)));
        }

        List<Answer> answers = Flux.merge(burst).collectList().block();

        Map<String, Long> winnersPerSeat = new HashMap<>();
        answers.stream()
                .filter(answer -> answer.status() == 201)
                .forEach(answer -> winnersPerSeat.merge(answer.seat(), 1L, Long::sum));
        assertThat(answers).extracting(Answer::status).allMatch(status -> status == 201 || status == 409);
        assertThat(winnersPerSeat)
                .hasSize(seats)
                .allSatisfy((seat, winners) -> assertThat(winners).isEqualTo(1));
        awaitSeats(event, statuses -> assertThat(statuses.values()).containsOnly("HELD"));
    }

    @Test
    void anOrderForSeveralSeatsIsAllOrNothing() {
        String event = configure(DemoEvents.onSaleWithSeats(4));
        assertThat(order(event, "alice", List.of("A-1-2"), UUID.randomUUID().toString())
                        .block()
                        .status())
                .isEqualTo(201);

        Answer refused = order(
                        event,
                        "bob",
                        List.of("A-1-1", "A-1-2"),
                        UUID.randomUUID().toString())
                .block();

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).containsEntry("reason", "SEAT_TAKEN");
        // The seat bob did get for a moment is given back: nothing of a refused order stays held.
        awaitSeats(
                event,
                statuses ->
                        assertThat(statuses).containsEntry("A-1-1", "AVAILABLE").containsEntry("A-1-2", "HELD"));

        Answer held = order(
                        event,
                        "bob",
                        List.of("A-1-1", "A-1-3"),
                        UUID.randomUUID().toString())
                .block();

        assertThat(held.status()).isEqualTo(201);
        assertThat(list(held.body().get("items")))
                .extracting(item -> item.get("seatId"))
                .containsExactlyInAnyOrder("A-1-1", "A-1-3");
        assertThat(total(held)).isEqualTo(2 * 9_900);
    }

    @Test
    void aQuantityInASeatedSectionHoldsTheBestAvailableSeats() {
        String event = configure(DemoEvents.onSaleWithSeats(6));
        awaitSeats(event, statuses -> assertThat(statuses).hasSize(6));

        Answer held = section(event, "carol", "A", 3).block();

        assertThat(held.status()).isEqualTo(201);
        List<Object> seats = list(held.body().get("items")).stream()
                .map(item -> item.get("seatId"))
                .toList();
        assertThat(seats).hasSize(3).doesNotContainNull();
        awaitSeats(
                event,
                statuses -> assertThat(statuses.entrySet())
                        .filteredOn(seat -> seat.getValue().equals("HELD"))
                        .extracting(Map.Entry::getKey)
                        .containsExactlyInAnyOrderElementsOf(
                                seats.stream().map(String::valueOf).toList()));
    }

    @Test
    void aQuantityInAStandingSectionHoldsTicketsOfItsZone() {
        String event = configure(DemoEvents.onSaleWithSeats(2));

        Answer held = section(event, "dave", "FLOOR", 3).block();

        assertThat(held.status()).isEqualTo(201);
        assertThat(list(held.body().get("items")))
                .singleElement()
                .satisfies(item ->
                        assertThat(item).containsEntry("zoneId", "FLOOR-1").containsEntry("quantity", 3));
        assertThat(total(held)).isEqualTo(3 * 4_500);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameOrderAndTakesNothingMore() {
        String event = configure(DemoEvents.onSaleWithSeats(2));
        String key = UUID.randomUUID().toString();

        Answer first = section(event, "carol", "FLOOR", 2, key).block();
        Answer retry = section(event, "carol", "FLOOR", 2, key).block();

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().get("orderId")).isEqualTo(first.body().get("orderId"));
        assertThat(retry.body().get("expiresAt")).isEqualTo(first.body().get("expiresAt"));
        // Had the retry taken a second hold, 2 + 2 + 1 would be over the limit of 4; it is not.
        assertThat(section(event, "carol", "FLOOR", 2).block().status()).isEqualTo(201);
        assertThat(section(event, "carol", "FLOOR", 1).block().body()).containsEntry("reason", "BUYER_LIMIT");
    }

    /**
     * The books take a hold in one hop after its section answered it (ADR 0009): an order sent the moment the answer
     * arrives may reach the edge before they show the hold, and is refused all the same.
     */
    @Test
    void aBuyerOrderingPastTheLimitRightAfterAHoldIsRefusedAtOnce() {
        String event = configure(DemoEvents.onSaleWithSeats(2));

        List<Answer> seconds = Flux.range(0, 20)
                .flatMap(n -> section(event, "quick-" + n, "FLOOR", 3)
                        .doOnNext(first -> assertThat(first.status()).isEqualTo(201))
                        .then(section(event, "quick-" + n, "FLOOR", 2)))
                .collectList()
                .block();

        assertThat(seconds)
                .hasSize(20)
                .allSatisfy(
                        second -> assertThat(second.body()).as("%s", second).containsEntry("reason", "BUYER_LIMIT"));
    }

    @Test
    void onlyItsBuyerReadsAnOrderAndCancellingItGivesTheSeatBack() {
        String event = configure(DemoEvents.onSaleWithSeats(2));
        Answer held = order(event, "erin", "A-1-1").block();
        assertThat(held.status()).isEqualTo(201);
        String orderId = (String) held.body().get("orderId");

        Answer read = read(HttpMethod.GET, orderId, "erin").block();
        Answer snooped = read(HttpMethod.GET, orderId, "mallory").block();

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).containsEntry("orderId", orderId).containsEntry("status", "HELD");
        assertThat(snooped.status()).isEqualTo(404);
        assertThat(snooped.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(read(HttpMethod.DELETE, orderId, "mallory").block().status()).isEqualTo(404);

        Answer cancelled = read(HttpMethod.DELETE, orderId, "erin").block();

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body()).containsEntry("status", "CANCELLED");
        awaitSeats(event, statuses -> assertThat(statuses).containsEntry("A-1-1", "AVAILABLE"));
        assertThat(read(HttpMethod.GET, orderId, "erin").block().body()).containsEntry("status", "CANCELLED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEventShowsLiveAvailabilityPerSection() {
        String event = configure(DemoEvents.onSaleWithSeats(3));
        assertThat(order(event, "frank", "A-1-1").block().status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> view = client.get()
                    .uri("/api/events/{id}", event)
                    .headers(headers -> headers.setBearerAuth(TestTokens.buyer("auditor")))
                    .retrieve()
                    .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                    .block();
            Map<String, Object> seated = list(view.get("sections")).stream()
                    .filter(section -> "A".equals(section.get("sectionId")))
                    .findFirst()
                    .orElseThrow();
            assertThat((Map<String, Object>) seated.get("availability"))
                    .containsEntry("capacity", 3)
                    .containsEntry("available", 2)
                    .containsEntry("held", 1);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOrganizerTakesASeatOffSalePutsItBackAndGrowsAZoneWhileHeldTicketsStay() {
        String event = configure(DemoEvents.onSaleWithSeats(3));
        Answer held = order(event, "kim", "A-1-1").block();
        assertThat(held.status()).isEqualTo(201);
        assertThat(section(event, "lee", "FLOOR", 4).block().status()).isEqualTo(201);

        Map<String, Object> killed =
                inventory(event, Map.of("kill", List.of("A-1-1", "A-1-2"), "capacity", Map.of("FLOOR-1", 150)));
        assertThat(killed).containsEntry("status", "READY");

        Answer refused = order(event, "mia", "A-1-2").block();
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).containsEntry("reason", "KILLED");
        // Off sale on the seat map, but the held seat stays its buyer's, who can still pay for it.
        awaitSeats(
                event,
                statuses -> assertThat(statuses)
                        .containsEntry("A-1-1", "UNAVAILABLE")
                        .containsEntry("A-1-2", "UNAVAILABLE")
                        .containsEntry("A-1-3", "AVAILABLE"));
        assertThat(read(HttpMethod.GET, (String) held.body().get("orderId"), "kim")
                        .block()
                        .body())
                .containsEntry("status", "HELD");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> view = client.get()
                    .uri("/api/events/{id}", event)
                    .headers(headers -> headers.setBearerAuth(TestTokens.buyer("auditor")))
                    .retrieve()
                    .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                    .block();
            Map<String, Object> floor = list(view.get("sections")).stream()
                    .filter(section -> "FLOOR".equals(section.get("sectionId")))
                    .findFirst()
                    .orElseThrow();
            assertThat((Map<String, Object>) floor.get("availability"))
                    .containsEntry("capacity", 150)
                    .containsEntry("held", 4)
                    .containsEntry("available", 146);
        });

        inventory(event, Map.of("restore", List.of("A-1-2")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(order(event, "mia", "A-1-2").block().status())
                                .isEqualTo(201));
    }

    @Test
    void aPaidOrderIsConfirmedAndItsSeatSoldWhileADeclinedOneKeepsItsHold() {
        String event = configure(DemoEvents.onSaleWithSeats(2));
        String paid = (String) order(event, "hana", "A-1-1").block().body().get("orderId");
        String declined = (String) order(event, "ivan", "A-1-2").block().body().get("orderId");

        Answer confirmed = pay(paid, "hana", "sandbox-card").block();
        Answer refused = pay(declined, "ivan", "decline-insufficient-funds").block();

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).containsEntry("status", "CONFIRMED").containsKey("paymentId");
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(refused.body()).containsEntry("reason", "PAYMENT_DECLINED");
        awaitSeats(
                event,
                statuses -> assertThat(statuses).containsEntry("A-1-1", "SOLD").containsEntry("A-1-2", "HELD"));
        assertThat(read(HttpMethod.GET, paid, "hana").block().body()).containsEntry("status", "CONFIRMED");
        assertThat(pay(paid, "hana", "sandbox-card").block().body()).containsEntry("status", "CONFIRMED");
        assertThat(read(HttpMethod.DELETE, paid, "hana").block().body()).containsEntry("reason", "ALREADY_CONFIRMED");
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicWithItsErrorAndTheEngineKeepsDeciding() {
        String event = configure(DemoEvents.onSaleWithSeats(2));
        String requests = PREFIX + "order-requests";
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(
                    requests, event + "|gina", "{\"hold\":\"me\"}".getBytes(StandardCharsets.UTF_8)));
        }

        ConsumerRecord<byte[], byte[]> deadLetter = firstRecordOf(requests + "-dlq");

        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"hold\":\"me\"}");
        assertThat(header(deadLetter, DeadLetters.REASON)).isEqualTo("DESERIALIZATION");
        assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC)).isEqualTo(requests);
        assertThat(header(deadLetter, DeadLetters.ERROR_MESSAGE)).contains("OrderCommand");
        assertThat(order(event, "gina", "A-1-1").block().status()).isEqualTo(201);
    }

    private String configure(Map<String, Object> config) {
        return Organizer.configure(client, config);
    }

    private Map<String, Object> inventory(String event, Map<String, Object> change) {
        return client.patch()
                .uri("/api/admin/events/{id}/inventory", event)
                .headers(headers -> headers.setBearerAuth(TestTokens.organizer("org-1")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(change)
                .exchangeToMono(response -> {
                    assertThat(response.statusCode()).isEqualTo(HttpStatus.OK);
                    assertThat(response.headers().asHttpHeaders().getETag()).isNotBlank();
                    return response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {});
                })
                .block();
    }

    private Mono<Answer> order(String event, String buyer, String seat) {
        return order(event, buyer, List.of(seat), UUID.randomUUID().toString());
    }

    private Mono<Answer> order(String event, String buyer, List<String> seats, String idempotencyKey) {
        return place(event, buyer, String.join(",", seats), Map.of("seats", seats), idempotencyKey);
    }

    private Mono<Answer> section(String event, String buyer, String sectionId, int quantity) {
        return section(event, buyer, sectionId, quantity, UUID.randomUUID().toString());
    }

    private Mono<Answer> section(String event, String buyer, String sectionId, int quantity, String idempotencyKey) {
        return place(event, buyer, sectionId, Map.of("sectionId", sectionId, "quantity", quantity), idempotencyKey);
    }

    private Mono<Answer> place(
            String event, String buyer, String what, Map<String, Object> body, String idempotencyKey) {
        return client.post()
                .uri("/api/events/{id}/orders", event)
                .headers(headers -> {
                    headers.setBearerAuth(TestTokens.buyer(buyer));
                    headers.set("Idempotency-Key", idempotencyKey);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(response -> answer(buyer, what, response));
    }

    private Mono<Answer> pay(String orderId, String buyer, String paymentMethod) {
        return client.post()
                .uri("/api/orders/{id}/payment", orderId)
                .headers(headers -> {
                    headers.setBearerAuth(TestTokens.buyer(buyer));
                    headers.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("paymentMethod", paymentMethod))
                .exchangeToMono(response -> answer(buyer, orderId, response));
    }

    private Mono<Answer> read(HttpMethod method, String orderId, String buyer) {
        return client.method(method)
                .uri("/api/orders/{id}", orderId)
                .headers(headers -> headers.setBearerAuth(TestTokens.buyer(buyer)))
                .exchangeToMono(response -> answer(buyer, orderId, response));
    }

    private static Mono<Answer> answer(String buyer, String what, ClientResponse response) {
        return response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .defaultIfEmpty(Map.of())
                .map(body -> new Answer(
                        buyer,
                        what,
                        response.statusCode().value(),
                        body,
                        response.headers().contentType().map(Object::toString).orElse("")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object json) {
        return (List<Map<String, Object>>) json;
    }

    @SuppressWarnings("unchecked")
    private static long total(Answer answer) {
        return ((Number) ((Map<String, Object>) answer.body().get("total")).get("amountMinor")).longValue();
    }

    /** The seat map follows decisions a moment later (it is the section's view of its units): wait for it to agree. */
    private void awaitSeats(String event, java.util.function.Consumer<Map<String, String>> expectation) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> expectation.accept(seatStatuses(event)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> seatStatuses(String event) {
        Map<String, Object> map = client.get()
                .uri("/api/events/{id}/sections/A/seats", event)
                .headers(headers -> headers.setBearerAuth(TestTokens.buyer("auditor")))
                .retrieve()
                .bodyToMono(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .block();
        Map<String, String> statuses = new HashMap<>();
        for (Map<String, Object> seat : (List<Map<String, Object>>) map.get("seats")) {
            statuses.put((String) seat.get("seatId"), (String) seat.get("status"));
        }
        return statuses;
    }

    private static ConsumerRecord<byte[], byte[]> firstRecordOf(String topic) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
