package io.onsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.edge.testing.DemoEvents;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The whole path on a real broker: organizer config through HTTP, buyers racing through HTTP, decisions by
 * the embedded exactly-once topology, answers from committed decisions, state read back through the API.
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
    record Answer(String buyer, String seat, int status, Map<String, Object> body, String contentType) {
    }

    @BeforeEach
    void waitUntilReady() {
        client = WebClient.create("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> client.get()
                .uri("/actuator/health/readiness").exchangeToMono(response -> Mono.just(response.statusCode().is2xxSuccessful()))
                .block());
    }

    @Test
    void twoBuyersRacingForOneSeatGetExactlyOneHoldAndOneConflict() {
        String event = configure(DemoEvents.onSaleWithSeats(4));

        List<Answer> answers = Flux.merge(order(event, "alice", "A-1-1"), order(event, "bob", "A-1-1"))
                .collectList().block();

        assertThat(answers).extracting(Answer::status).containsExactlyInAnyOrder(201, 409);
        Answer won = answers.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow();
        Answer lost = answers.stream().filter(answer -> answer.status() == 409).findFirst().orElseThrow();
        assertThat(won.body()).containsEntry("status", "HELD").containsEntry("buyerId", won.buyer());
        assertThat(lost.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(lost.body()).containsEntry("reason", "SEAT_TAKEN").containsKey("alternatives");
        assertThat(seatStatuses(event)).containsEntry("A-1-1", "HELD").containsEntry("A-1-2", "AVAILABLE");
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
        answers.stream().filter(answer -> answer.status() == 201)
                .forEach(answer -> winnersPerSeat.merge(answer.seat(), 1L, Long::sum));
        assertThat(answers).extracting(Answer::status).allMatch(status -> status == 201 || status == 409);
        assertThat(winnersPerSeat).hasSize(seats).allSatisfy((seat, winners) -> assertThat(winners).isEqualTo(1));
        assertThat(seatStatuses(event).values()).containsOnly("HELD");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameHoldAndTakesNothingMore() {
        String event = configure(DemoEvents.onSaleWithSeats(2));
        String key = UUID.randomUUID().toString();

        Answer first = order(event, "carol", "A-1-2", key).block();
        Answer retry = order(event, "carol", "A-1-2", key).block();

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().get("orderId")).isEqualTo(first.body().get("orderId"));
        assertThat(retry.body().get("expiresAt")).isEqualTo(first.body().get("expiresAt"));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicWithItsErrorAndTheEngineKeepsDeciding() {
        String event = configure(DemoEvents.onSaleWithSeats(2));
        String requests = PREFIX + "reservation-requests";
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(requests, event + "|A|A-1-1", "{\"hold\":\"me\"}".getBytes(StandardCharsets.UTF_8)));
        }

        ConsumerRecord<byte[], byte[]> deadLetter = firstRecordOf(requests + "-dlq");

        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"hold\":\"me\"}");
        assertThat(header(deadLetter, DeadLetters.REASON)).isEqualTo("DESERIALIZATION");
        assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC)).isEqualTo(requests);
        assertThat(header(deadLetter, DeadLetters.ERROR_MESSAGE)).contains("ReservationCommand");
        assertThat(order(event, "dave", "A-1-1").block().status()).isEqualTo(201);
    }

    private String configure(Map<String, Object> config) {
        String eventId = "e-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> answer = client.put().uri("/api/admin/events/{id}", eventId)
                .headers(headers -> headers.setBearerAuth(TestTokens.organizer("org-1")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(config)
                .exchangeToMono(response -> {
                    assertThat(response.statusCode()).isEqualTo(HttpStatus.OK);
                    return response.bodyToMono(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { });
                }).block();
        assertThat(answer).containsEntry("status", "READY");
        return eventId;
    }

    private Mono<Answer> order(String event, String buyer, String seat) {
        return order(event, buyer, seat, UUID.randomUUID().toString());
    }

    private Mono<Answer> order(String event, String buyer, String seat, String idempotencyKey) {
        return client.post().uri("/api/events/{id}/orders", event)
                .headers(headers -> {
                    headers.setBearerAuth(TestTokens.buyer(buyer));
                    headers.set("Idempotency-Key", idempotencyKey);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("seats", List.of(seat)))
                .exchangeToMono(response -> response
                        .bodyToMono(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                        .map(body -> new Answer(buyer, seat, response.statusCode().value(), body,
                                response.headers().contentType().map(Object::toString).orElse(""))));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> seatStatuses(String event) {
        Map<String, Object> map = client.get().uri("/api/events/{id}/sections/A/seats", event)
                .headers(headers -> headers.setBearerAuth(TestTokens.buyer("auditor")))
                .retrieve().bodyToMono(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
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
