package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The webhook's calls against a local receiver: bounded attempts, a refusal never retried, every outcome counted. */
class AlertWebhookTest {

    private static final AlertWebhook.Body FIRING = new AlertWebhook.Body(
            "PaymentGatewaySlow",
            "FIRING",
            "PAGE",
            "edge-1",
            Map.of("call", "authorize"),
            "Payment gateway authorize p99 is 2.40 s",
            2.4,
            2.0,
            "2030-05-01T19:00:00Z",
            "2030-05-01T19:00:30Z");

    private final JsonMapper json = JsonMapper.builder().build();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch hang = new CountDownLatch(1);
    private HttpServer receiver;
    private AlertWebhook webhook;

    @AfterEach
    void stop() {
        hang.countDown();
        if (webhook != null) {
            webhook.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aTransitionIsPostedAsJsonOnce() throws Exception {
        start(call -> 204, 3);

        assertThat(webhook.post(FIRING).get(10, TimeUnit.SECONDS)).isTrue();

        assertThat(calls.get()).isEqualTo(1);
        JsonNode body = bodies.get(0);
        assertThat(body.path("alertName").asString()).isEqualTo("PaymentGatewaySlow");
        assertThat(body.path("status").asString()).isEqualTo("FIRING");
        assertThat(body.path("labels").path("call").asString()).isEqualTo("authorize");
        assertThat(body.path("value").asDouble()).isEqualTo(2.4);
        assertThat(body.path("occurredAt").asString()).isEqualTo("2030-05-01T19:00:30Z");
        assertThat(counted("delivered")).isEqualTo(1);
    }

    @Test
    void aReceiverThatKeepsFailingIsCalledAtMostTheAttemptsThenTheTransitionIsCountedAsFailed() throws Exception {
        start(call -> 503, 2);

        assertThat(webhook.post(FIRING).get(20, TimeUnit.SECONDS)).isFalse();

        assertThat(calls.get()).isEqualTo(2);
        assertThat(counted("failed")).isEqualTo(1);
    }

    @Test
    void aRefusalIsNeverRetried() throws Exception {
        start(call -> 400, 3);

        assertThat(webhook.post(FIRING).get(10, TimeUnit.SECONDS)).isFalse();

        assertThat(calls.get()).isEqualTo(1);
        assertThat(counted("failed")).isEqualTo(1);
    }

    @Test
    void aReceiverThatDoesNotAnswerTimesOut() throws Exception {
        start(call -> -1, 1);

        assertThat(webhook.post(FIRING).get(10, TimeUnit.SECONDS)).isFalse();

        assertThat(counted("failed")).isEqualTo(1);
    }

    /** @param status the answer to the n-th call (1, 2, …); -1 never answers */
    private void start(IntUnaryOperator status, int attempts) throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            int answer = status.applyAsInt(calls.incrementAndGet());
            bodies.add(json.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (answer < 0) {
                try {
                    hang.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                exchange.sendResponseHeaders(answer, -1);
            }
            exchange.close();
        });
        receiver.start();
        webhook = new AlertWebhook(
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                Duration.ofMillis(500),
                attempts,
                json,
                meters);
    }

    private double counted(String outcome) {
        var counter =
                meters.find("onsale.alerts.webhook").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
