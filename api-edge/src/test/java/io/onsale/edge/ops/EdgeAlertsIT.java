package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.EdgeCalls;
import io.onsale.edge.testing.RunningEdge;
import io.onsale.edge.testing.TestTokens;
import io.onsale.edge.testing.TopicLog;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.AlertKeys;
import io.onsale.kafka.topics.Topics;
import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.ConfigureAck;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.OrderRequest;
import io.onsale.schema.ops.AlertEvent;
import io.onsale.schema.ops.AlertSeverity;
import io.onsale.schema.ops.AlertStatus;
import io.onsale.schema.queue.QueueProgress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's own alerts on a real broker, without Prometheus: a payment gateway that turned slow (the sandbox at
 * 1.2 s a call, above a 0.5 s p99 threshold held 30 s as in alerts.yml) raises {@code PaymentGatewaySlow} within a
 * minute of the slow payments: a FIRING record on the {@code alerts} topic keyed {@code alertName|instance}, and the
 * same alert POSTed as JSON to a webhook (a small HTTP server here) that fails its first call, so the second attempt
 * delivers it. The same slow gateway slows admission: the event's waiting room is told (CHECKOUT_HEALTH) and its
 * queue-progress says at what rate it admits now, and why.
 */
class EdgeAlertsIT {

    private static final String INSTANCE = "edge-alerts-it";

    private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger webhookCalls = new AtomicInteger();
    private HttpServer webhook;
    private RunningEdge edge;

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void aSlowPaymentGatewayRaisesAnAlertOnTheAlertsTopicAndAtTheWebhookWithinAMinute() throws Exception {
        startWebhook();
        String prefix = RealKafka.uniquePrefix("edge-alerts");
        Topics topics = Topics.from(new Topics.Settings(prefix, 4, 1));
        edge = RunningEdge.start(
                prefix,
                "--onsale.payments.sandbox-latency=1200ms",
                "--onsale.alerts.payment-latency-p99=500ms",
                "--onsale.alerts.evaluate-interval=2s",
                "--onsale.alerts.instance=" + INSTANCE,
                "--onsale.alerts.webhook-url=http://127.0.0.1:"
                        + webhook.getAddress().getPort() + "/hooks/onsale",
                "--onsale.alerts.webhook-timeout=2s",
                "--onsale.queue.health.gateway-p99=500ms");
        String event = configure();
        // A buyer in the waiting room: the event's room exists, and it is what a slowed checkout slows.
        assertThat(edge.api()
                        .joinQueue(event, TestTokens.buyer("in-the-room"))
                        .join()
                        .status())
                .isIn(200, 201);

        for (int buyer = 1; buyer <= 3; buyer++) {
            pay(event, buyer);
        }
        Instant slowPaymentsDone = Instant.now();

        AlertEvent fired = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> alertRecords(topics).stream()
                                .filter(record -> record.getAlertName().equals("PaymentGatewaySlow")
                                        && record.getStatus() == AlertStatus.FIRING)
                                .findFirst()
                                .orElse(null),
                        record -> record != null);
        assertThat(fired.getInstance()).isEqualTo(INSTANCE);
        assertThat(fired.getSeverity()).isEqualTo(AlertSeverity.PAGE);
        assertThat(fired.getLabels()).containsKey("call");
        assertThat(fired.getValue()).as("p99 in seconds").isGreaterThan(0.5);
        assertThat(fired.getThreshold()).isEqualTo(0.5);
        assertThat(Duration.between(fired.getStartsAt(), fired.getOccurredAt()))
                .as("held for its 'for'")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(fired.getSummary()).contains("p99");

        JsonNode posted = await().atMost(
                        Duration.ofSeconds(60).minus(Duration.between(slowPaymentsDone, Instant.now())))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> delivered.stream()
                                .filter(body ->
                                        body.path("alertName").asString().equals("PaymentGatewaySlow"))
                                .findFirst()
                                .orElse(null),
                        body -> body != null);
        assertThat(posted.path("status").asString()).isEqualTo("FIRING");
        assertThat(posted.path("instance").asString()).isEqualTo(INSTANCE);
        assertThat(posted.path("severity").asString()).isEqualTo("PAGE");
        assertThat(posted.path("labels").path("call").asString()).isNotEmpty();
        assertThat(posted.path("summary").asString()).contains("p99");
        assertThat(webhookCalls.get())
                .as("the first call failed and was tried again")
                .isGreaterThanOrEqualTo(2);
        System.out.printf(
                "PaymentGatewaySlow fired %d ms after the slow payments ended (condition since %s)%n",
                Duration.between(slowPaymentsDone, fired.getOccurredAt()).toMillis(), fired.getStartsAt());

        QueueProgress slowed = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> progressOf(topics, event).stream()
                                .filter(progress -> progress.getSlowedBecause() != null)
                                .findFirst()
                                .orElse(null),
                        progress -> progress != null);
        assertThat(slowed.getSlowedBecause()).contains("payment gateway p99");
        assertThat(slowed.getAdmitLimitPerSecond())
                .as("below the organizer's 1,000/s")
                .isBetween(1, DemoEvents.passThroughQueue().maxAdmitRatePerSecond() / 2);
    }

    /** Every queue-progress record of {@code event} so far. */
    private static List<QueueProgress> progressOf(Topics topics, String event) {
        return readAll(
                        topics.queueProgress().name(),
                        bytes -> topics.queueProgress()
                                .valueSerde()
                                .deserializer()
                                .deserialize(topics.queueProgress().name(), bytes))
                .stream()
                .filter(progress -> progress.getEventId().equals(event))
                .toList();
    }

    /** A webhook receiver that answers its first call 503 and takes every later one. */
    private void startWebhook() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        JsonMapper json = JsonMapper.builder().build();
        webhook.createContext("/hooks/onsale", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int call = webhookCalls.incrementAndGet();
            if (call == 1) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                delivered.add(json.readTree(new String(body, StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        webhook.start();
    }

    private String configure() {
        String event = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        Answer<ConfigureAck> configured = edge.api()
                .configureEvent(
                        event,
                        DemoEvents.typedOnSaleWithSeats(5, DemoEvents.passThroughQueue()),
                        TestTokens.organizer("org-1"))
                .join();
        assertThat(configured.status()).as("%s", configured.problem()).isIn(200, 202);
        return event;
    }

    private void pay(String event, int buyer) {
        String token = TestTokens.buyer("slow-" + buyer);
        String key = UUID.randomUUID().toString();
        OrderOutcome held = EdgeCalls.decided(
                () -> edge.api().placeOrder(event, OrderRequest.seats(List.of("A-1-" + buyer)), key, token));
        assertThat(held).as("%s", held).isInstanceOf(OrderOutcome.Decided.class);
        String orderId = ((OrderOutcome.Decided) held).order().orderId();
        String payKey = UUID.randomUUID().toString();
        OrderOutcome paid = EdgeCalls.decided(() -> edge.api().pay(orderId, "sandbox-card", payKey, token));
        assertThat(paid).as("%s", paid).isInstanceOf(OrderOutcome.Decided.class);
        assertThat(((OrderOutcome.Decided) paid).order().status()).isEqualTo(Order.CONFIRMED);
    }

    /** Every record on the alerts topic so far, each checked to be keyed alertName|instance. */
    private static List<AlertEvent> alertRecords(Topics topics) {
        String topic = topics.alerts().name();
        List<AlertEvent> records = new ArrayList<>();
        TopicLog.readAll(topic, record -> {
            AlertEvent alert = topics.alerts().valueSerde().deserializer().deserialize(topic, record.value());
            assertThat(record.key()).isEqualTo(AlertKeys.of(alert.getAlertName(), alert.getInstance()));
            records.add(alert);
        });
        return records;
    }

    private static <T> List<T> readAll(String topic, java.util.function.Function<byte[], T> read) {
        List<T> values = new ArrayList<>();
        TopicLog.readAll(topic, record -> values.add(read.apply(record.value())));
        return values;
    }
}
