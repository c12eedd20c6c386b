package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.edge.EdgeApplication;
import io.onsale.edge.buyer.OrderIds;
import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.Organizer;
import io.onsale.edge.testing.TestTokens;
import io.onsale.edge.testing.TopicLog;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderCommandType;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.payment.PaymentStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * An edge stops mid-payment: three orders held, their money authorized at the provider and recorded AUTHORIZED, and
 * then nobody settles it. Meanwhile one order's confirm was already sent, another order is cancelled, the third is
 * still held. After a restart the reconciliation captures the confirmed one once, voids the cancelled one and leaves
 * the held one alone, however often it runs.
 */
class PaymentReconciliationIT {

    private static final String PREFIX = RealKafka.uniquePrefix("pay-reconcile");
    private static final Topics TOPICS = Topics.from(new Topics.Settings(PREFIX, 4, 1));

    private final List<ConfigurableApplicationContext> edges = new ArrayList<>();
    private FakePaymentProvider provider;

    /** What the stopped edge left behind for one order. */
    record Left(String orderId, String buyer, String paymentId, String authorizationId) {}

    @AfterEach
    void stop() {
        edges.forEach(ConfigurableApplicationContext::close);
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void authorizationsLeftOpenByAStoppedEdgeAreCapturedOrVoidedFromTheOrdersAfterARestart() throws Exception {
        provider = new FakePaymentProvider();
        Path state = Files.createTempDirectory("pay-reconcile-state");
        WebClient first = start(state);
        String event = configure(first, DemoEvents.onSaleWithSeats(3));
        String confirmedOrder = place(first, event, "alice", "A-1-1");
        String cancelledOrder = place(first, event, "bob", "A-1-2");
        String heldOrder = place(first, event, "carol", "A-1-3");
        edges.remove(0).close();

        Left confirmed = leftAuthorized(confirmedOrder, "alice");
        Left cancelled = leftAuthorized(cancelledOrder, "bob");
        Left held = leftAuthorized(heldOrder, "carol");
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (Left left : List.of(confirmed, cancelled, held)) {
                send(
                        producer,
                        TOPICS.paymentEvents().name(),
                        left.orderId(),
                        TOPICS.paymentEvents()
                                .valueSerde()
                                .serializer()
                                .serialize(TOPICS.paymentEvents().name(), authorized(left)));
            }
            // The stopped edge had sent alice's confirm; bob cancelled; carol's order is still held.
            send(
                    producer,
                    TOPICS.orderRequests().name(),
                    event + "|alice",
                    command(OrderCommand.newBuilder()
                            .setRequestId("confirm:" + confirmed.paymentId())
                            .setType(OrderCommandType.CONFIRM)
                            .setOrderId(confirmed.orderId())
                            .setEventId(event)
                            .setBuyerId("alice")
                            .setPaymentId(confirmed.paymentId())
                            .build()));
            send(
                    producer,
                    TOPICS.orderRequests().name(),
                    event + "|bob",
                    command(OrderCommand.newBuilder()
                            .setRequestId(OrderIds.cancelRequestId(cancelled.orderId()))
                            .setType(OrderCommandType.CANCEL)
                            .setOrderId(cancelled.orderId())
                            .setEventId(event)
                            .setBuyerId("bob")
                            .build()));
        }

        WebClient second = start(state);

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(provider.state(confirmed.authorizationId()))
                            .isEqualTo(FakePaymentProvider.State.CAPTURED);
                    assertThat(provider.state(cancelled.authorizationId())).isEqualTo(FakePaymentProvider.State.VOIDED);
                    assertThat(statusesOf(confirmed.paymentId())).containsExactly("AUTHORIZED", "CAPTURED");
                    assertThat(statusesOf(cancelled.paymentId())).containsExactly("AUTHORIZED", "VOIDED:CANCELLED");
                });
        PaymentReconciliation reconciliation = edges.get(0).getBean(PaymentReconciliation.class);
        long runs = reconciliation.runs();
        await().atMost(Duration.ofSeconds(30)).until(() -> reconciliation.runs() >= runs + 3);

        assertThat(provider.captures(confirmed.authorizationId())).isEqualTo(1);
        assertThat(statusesOf(confirmed.paymentId())).containsExactly("AUTHORIZED", "CAPTURED");
        assertThat(provider.state(held.authorizationId())).isEqualTo(FakePaymentProvider.State.AUTHORIZED);
        assertThat(statusesOf(held.paymentId())).containsExactly("AUTHORIZED");
        assertThat(order(second, confirmed.orderId(), "alice")).containsEntry("status", "CONFIRMED");
    }

    @Test
    void aPaymentThroughTheProviderIsChargedOnceWhenAnAnswerIsLostAndASlowProviderIs503WithTheHoldKept()
            throws Exception {
        provider = new FakePaymentProvider();
        WebClient edge = start(
                Files.createTempDirectory("pay-http-state"),
                "--onsale.payments.timeout=6s",
                "--onsale.payments.http.call-timeout=2s",
                "--onsale.payments.http.max-retries=1",
                "--onsale.payments.http.retry-backoff=50ms");
        String event = configure(edge, DemoEvents.onSaleWithSeats(2));
        String paid = place(edge, event, "dana", "A-1-1");
        String unpaid = place(edge, event, "erik", "A-1-2");

        provider.failAfterWork(1);
        Map<String, Object> confirmed = pay(edge, paid, "dana").block();

        assertThat(confirmed).containsEntry("httpStatus", 200).containsEntry("status", "CONFIRMED");
        assertThat(provider.authorizations()).hasSize(1);
        String authorizationId = provider.authorizations().keySet().iterator().next();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(provider.state(authorizationId)).isEqualTo(FakePaymentProvider.State.CAPTURED));
        assertThat(provider.captures(authorizationId)).isEqualTo(1);
        assertThat(provider.requests())
                .filteredOn(request -> request.path().equals("/authorizations"))
                .hasSize(2)
                .extracting(FakePaymentProvider.Request::idempotencyKey)
                .containsOnly((String) confirmed.get("paymentId"));

        provider.beSlow();
        Map<String, Object> unavailable = pay(edge, unpaid, "erik").block();

        assertThat(unavailable)
                .containsEntry("httpStatus", 503)
                .containsEntry("contentType", "application/problem+json")
                .containsEntry("retryAfter", "1");
        assertThat(order(edge, unpaid, "erik")).containsEntry("status", "HELD");
    }

    /** The answer's body with its status, content type and Retry-After, to assert on in one go. */
    private static Mono<Map<String, Object>> pay(WebClient client, String orderId, String buyer) {
        return client.post()
                .uri("/api/orders/{id}/payment", orderId)
                .headers(headers -> {
                    headers.setBearerAuth(TestTokens.buyer(buyer));
                    headers.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("paymentMethod", "card-1"))
                .exchangeToMono(response -> response.bodyToMono(
                                new ParameterizedTypeReference<Map<String, Object>>() {})
                        .defaultIfEmpty(Map.of())
                        .map(body -> {
                            Map<String, Object> answer = new java.util.HashMap<>(body);
                            answer.put("httpStatus", response.statusCode().value());
                            answer.put(
                                    "contentType",
                                    response.headers()
                                            .contentType()
                                            .map(type -> type.getType() + "/" + type.getSubtype())
                                            .orElse(""));
                            answer.put(
                                    "retryAfter",
                                    response.headers().asHttpHeaders().getFirst("Retry-After"));
                            return answer;
                        }));
    }

    private Left leftAuthorized(String orderId, String buyer) {
        return new Left(orderId, buyer, "pay:" + orderId + ":" + UUID.randomUUID(), provider.authorizeDirectly());
    }

    private static PaymentEvent authorized(Left left) {
        return PaymentEvent.newBuilder()
                .setPaymentId(left.paymentId())
                .setOrderId(left.orderId())
                .setBuyerId(left.buyer())
                .setStatus(PaymentStatus.AUTHORIZED)
                .setAmountMinor(9900)
                .setCurrency("EUR")
                .setAuthorizationId(left.authorizationId())
                .setOccurredAt(Instant.now())
                .build();
    }

    private static byte[] command(OrderCommand command) {
        return TOPICS.orderRequests()
                .valueSerde()
                .serializer()
                .serialize(TOPICS.orderRequests().name(), command);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** Every payment-events record of a payment, in order: its status, and for a void its reason. */
    private static List<String> statusesOf(String paymentId) {
        List<String> statuses = new ArrayList<>();
        String topic = TOPICS.paymentEvents().name();
        TopicLog.readAll(topic, record -> {
            PaymentEvent payment =
                    TOPICS.paymentEvents().valueSerde().deserializer().deserialize(topic, record.value());
            if (payment.getPaymentId().equals(paymentId)) {
                statuses.add(
                        payment.getStatus() == PaymentStatus.VOIDED
                                ? "VOIDED:" + payment.getReason()
                                : payment.getStatus().name());
            }
        });
        return statuses;
    }

    private WebClient start(Path state, String... more) throws IOException {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--onsale.kafka.bootstrap-servers=" + RealKafka.bootstrapServers(),
                "--onsale.kafka.topic-prefix=" + PREFIX,
                "--onsale.kafka.application-id=" + PREFIX + "edge",
                "--onsale.kafka.state-dir=" + state,
                "--onsale.kafka.partitions=4",
                "--onsale.kafka.config-partitions=1",
                "--onsale.kafka.decision-timeout=30s",
                "--onsale.payments.gateway=http",
                "--onsale.payments.http.base-url=" + provider.baseUrl(),
                "--onsale.payments.reconciliation.interval=300ms",
                "--onsale.payments.reconciliation.grace=1s",
                "--logging.level.root=WARN"));
        args.addAll(List.of(more));
        edges.add(new SpringApplicationBuilder(EdgeApplication.class).run(args.toArray(String[]::new)));
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> client.get()
                        .uri("/actuator/health/readiness")
                        .exchangeToMono(
                                response -> Mono.just(response.statusCode().is2xxSuccessful()))
                        .block());
        return client;
    }

    private static String configure(WebClient client, Map<String, Object> config) {
        return Organizer.configure(client, config);
    }

    private static String place(WebClient client, String event, String buyer, String seat) {
        Map<String, Object> held = client.post()
                .uri("/api/events/{id}/orders", event)
                .headers(headers -> {
                    headers.setBearerAuth(TestTokens.buyer(buyer));
                    headers.set("Idempotency-Key", UUID.randomUUID().toString());
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("seats", List.of(seat)))
                .exchangeToMono(response -> {
                    assertThat(response.statusCode()).isEqualTo(HttpStatus.CREATED);
                    return response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {});
                })
                .block();
        assertThat(held).containsEntry("status", "HELD");
        return (String) held.get("orderId");
    }

    private static Map<String, Object> order(WebClient client, String orderId, String buyer) {
        return client.get()
                .uri("/api/orders/{id}", orderId)
                .headers(headers -> headers.setBearerAuth(TestTokens.buyer(buyer)))
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .block();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
