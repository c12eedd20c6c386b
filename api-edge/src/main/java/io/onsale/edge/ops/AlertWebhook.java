package io.onsale.edge.ops;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs each alert transition as JSON to the configured webhook (a chat room, a pager, an incident tool's inbound
 * hook). Each call has its timeout, connection included; a timeout, a refused connection or a 5xx is tried again after
 * 1 s, then 2 s, … up to {@code attempts} calls; a 4xx (the receiver refuses the body) is not. Then the transition is
 * logged and counted as failed ({@code onsale.alerts.webhook{outcome}}): it is on the {@code alerts} topic anyway. Runs on
 * the HTTP client's own threads, never on an event loop and never holding up the evaluation.
 */
final class AlertWebhook implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertWebhook.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final URI url;
    private final Duration timeout;
    private final int attempts;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final ExecutorService threads;
    private final HttpClient http;

    /** The JSON body: the transition, times as ISO-8601 instants. */
    record Body(
            String alertName,
            String status,
            String severity,
            String instance,
            java.util.Map<String, String> labels,
            String summary,
            double value,
            double threshold,
            String startsAt,
            String occurredAt) {}

    AlertWebhook(URI url, Duration timeout, int attempts, JsonMapper json, MeterRegistry meters) {
        this.url = url;
        this.timeout = timeout;
        this.attempts = attempts;
        this.json = json;
        this.meters = meters;
        this.threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "alert-webhook");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .executor(threads)
                .build();
    }

    /** Completes with whether the receiver took it (2xx) within the attempts; never completes exceptionally. */
    CompletableFuture<Boolean> post(Body body) {
        byte[] bytes = json.writeValueAsBytes(body);
        return attempt(bytes, body, 1)
                .whenComplete((delivered, error) -> meters.counter(
                                "onsale.alerts.webhook",
                                "outcome",
                                Boolean.TRUE.equals(delivered) ? "delivered" : "failed")
                        .increment());
    }

    private CompletableFuture<Boolean> attempt(byte[] bytes, Body body, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error == null && response.statusCode() / 100 == 2) {
                        return CompletableFuture.completedFuture(true);
                    }
                    String why = error != null ? error.toString() : "HTTP " + response.statusCode();
                    boolean refused = error == null && response.statusCode() / 100 == 4;
                    if (refused || attempt >= attempts) {
                        log.warn(
                                "alert {} {} not delivered to the webhook {} after {} attempt(s): {}",
                                body.alertName(),
                                body.status(),
                                url,
                                attempt,
                                why);
                        return CompletableFuture.completedFuture(false);
                    }
                    long backoff = FIRST_BACKOFF.toMillis() << (attempt - 1);
                    return CompletableFuture.supplyAsync(
                                    () -> attempt + 1,
                                    CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS, threads))
                            .thenCompose(next -> attempt(bytes, body, next));
                })
                .thenCompose(result -> result);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
