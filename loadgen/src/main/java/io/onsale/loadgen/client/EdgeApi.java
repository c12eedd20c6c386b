package io.onsale.loadgen.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The edge's buyer and organizer API as typed, non-blocking calls, on Micronaut's Netty HTTP client (HTTP/1.1, a
 * bounded connection pool, no thread per call). Every call completes with the edge's answer, whatever its status:
 * typed bodies for 2xx, a {@link Problem} otherwise, one {@link OrderOutcome} per kind of order answer. It completes
 * exceptionally only with an {@link EdgeCallException} when there is no usable answer (timeout, unreachable, a 2xx
 * body that does not parse).
 *
 * <p>Answers are completed on the client's event-loop threads: callers must not block in their continuations.
 * Paths, headers and bodies follow the API table of the root README.
 */
public final class EdgeApi implements AutoCloseable {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Sent with orders once the waiting room is active for the event. */
    public static final String ADMISSION_TOKEN = "Admission-Token";

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    private static final Argument<byte[]> BYTES = Argument.of(byte[].class);

    /** How the client talks: timeouts and the most connections it keeps open. */
    public record Settings(
            Duration connectTimeout, Duration readTimeout, int maxConnections, Integer eventLoopThreads) {

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 256, null);
        }
    }

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;

    private EdgeApi(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
        this.json = mapper();
    }

    /** A client of the edge at {@code base} (e.g. {@code http://127.0.0.1:8080}; a path prefix is kept). */
    public static EdgeApi connect(URI base, Settings settings) {
        DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
        config.setConnectTimeout(settings.connectTimeout());
        config.setReadTimeout(settings.readTimeout());
        // Every status is an answer to hand back typed, not an exception to unwrap.
        config.setExceptionOnErrorStatus(false);
        config.setFollowRedirects(false);
        config.setMaxContentLength(64 * 1024 * 1024);
        if (settings.eventLoopThreads() != null) {
            config.setNumOfThreads(settings.eventLoopThreads());
        }
        config.getConnectionPoolConfiguration().setMaxConcurrentHttp1Connections(settings.maxConnections());
        // Callers bound their own in-flight calls; a call waiting for a pooled connection must not be refused.
        config.getConnectionPoolConfiguration().setMaxPendingAcquires(Integer.MAX_VALUE);
        String text = base.toString().endsWith("/")
                ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        URI normalized = URI.create(text);
        try {
            return new EdgeApi(normalized, HttpClient.create(normalized.toURL(), config));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + base, e);
        }
    }

    public URI base() {
        return base;
    }

    static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A tolerant reader: fields the edge adds later must not break the simulator.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    // ---- organizer ----------------------------------------------------------------------------------------------

    /** {@code PUT /api/admin/events/{eventId}}: 200 READY, 202 ACCEPTED, 400 with {@code errors}. */
    public CompletableFuture<Answer<ConfigureAck>> configureEvent(
            String eventId, EventConfig config, String organizerToken) {
        MutableHttpRequest<byte[]> request = request(HttpMethod.PUT, "/api/admin/events/" + eventId, organizerToken)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(write(config));
        return send(request).thenApply(raw -> answer(raw, ConfigureAck.class));
    }

    // ---- buyer --------------------------------------------------------------------------------------------------

    /** {@code GET /api/events/{eventId}}: the event with live availability; 404 while unknown. */
    public CompletableFuture<Answer<EventView>> event(String eventId, String token) {
        return send(request(HttpMethod.GET, "/api/events/" + eventId, token))
                .thenApply(raw -> answer(raw, EventView.class));
    }

    /** {@code GET /api/events/{eventId}/sections/{sectionId}/seats}; 503 with Retry-After while not queryable. */
    public CompletableFuture<Answer<SeatMap>> seats(String eventId, String sectionId, String token) {
        return send(request(HttpMethod.GET, "/api/events/" + eventId + "/sections/" + sectionId + "/seats", token))
                .thenApply(raw -> answer(raw, SeatMap.class));
    }

    /**
     * {@code POST /api/events/{eventId}/orders}. Retrying with the same {@code idempotencyKey} never makes a second
     * order: it gets the first one's answer.
     */
    public CompletableFuture<OrderOutcome> placeOrder(
            String eventId, OrderRequest order, String idempotencyKey, String buyerToken) {
        return placeOrder(eventId, order, idempotencyKey, buyerToken, null);
    }

    /** As {@link #placeOrder(String, OrderRequest, String, String)}, with the waiting room's admission token. */
    public CompletableFuture<OrderOutcome> placeOrder(
            String eventId, OrderRequest order, String idempotencyKey, String buyerToken, String admissionToken) {
        MutableHttpRequest<byte[]> request = request(HttpMethod.POST, "/api/events/" + eventId + "/orders", buyerToken)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .body(write(order));
        if (admissionToken != null) {
            request.header(ADMISSION_TOKEN, admissionToken);
        }
        return send(request).thenApply(raw -> orderOutcome(raw, 201));
    }

    /** {@code GET /api/orders/{orderId}}: only its buyer finds it (404 for anyone else). */
    public CompletableFuture<Answer<Order>> order(String orderId, String buyerToken) {
        return send(request(HttpMethod.GET, "/api/orders/" + orderId, buyerToken))
                .thenApply(raw -> answer(raw, Order.class));
    }

    /** {@code DELETE /api/orders/{orderId}}: 200 CANCELLED, 409 with the reason it cannot be, 202 pending. */
    public CompletableFuture<OrderOutcome> cancelOrder(String orderId, String buyerToken) {
        return send(request(HttpMethod.DELETE, "/api/orders/" + orderId, buyerToken))
                .thenApply(raw -> orderOutcome(raw, 200));
    }

    /**
     * {@code POST /api/orders/{orderId}/payment}: 200 CONFIRMED ({@code Decided}); 402 declined
     * ({@code Failed} with reason {@code PAYMENT_DECLINED}: the hold stands, pay again with another method); 409 with
     * the reason it cannot be paid ({@code HOLD_EXPIRED}, {@code CANCELLED}, {@code PAYMENT_IN_PROGRESS}); 202 pending.
     * The same {@code idempotencyKey} retried pays once; {@code null} sends none (each call a new payment attempt, of
     * which the edge still captures at most one per order).
     */
    public CompletableFuture<OrderOutcome> pay(
            String orderId, String paymentMethod, String idempotencyKey, String buyerToken) {
        MutableHttpRequest<byte[]> request = request(HttpMethod.POST, "/api/orders/" + orderId + "/payment", buyerToken)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(write(java.util.Map.of("paymentMethod", paymentMethod)));
        if (idempotencyKey != null) {
            request.header(IDEMPOTENCY_KEY, idempotencyKey);
        }
        return send(request).thenApply(raw -> orderOutcome(raw, 200));
    }

    /**
     * {@code POST /api/events/{eventId}/queue}: 201 a new place, 200 the same place again (joining is idempotent per
     * buyer), both with the signed {@code ticket}; 202 while the room has not answered (join again after
     * {@code retryAfter}: the body then has no state); 404 unknown event; 409 refused.
     */
    public CompletableFuture<Answer<QueueStatus>> joinQueue(String eventId, String buyerToken) {
        return send(request(HttpMethod.POST, "/api/events/" + eventId + "/queue", buyerToken))
                .thenApply(raw -> answer(raw, QueueStatus.class));
    }

    /**
     * {@code GET /api/events/{eventId}/queue/{ticket}}: the status now, with the admission token once admitted; 401
     * for a ticket not signed by the edge, 403 another buyer's, 404 another event's, 503 while not readable yet.
     */
    public CompletableFuture<Answer<QueueStatus>> queueStatus(String eventId, String ticket, String buyerToken) {
        return send(request(HttpMethod.GET, "/api/events/" + eventId + "/queue/" + ticket, buyerToken))
                .thenApply(raw -> answer(raw, QueueStatus.class));
    }

    /**
     * {@code DELETE /api/events/{eventId}/queue/{ticket}}: the buyer gives the place up (an admitted buyer frees the
     * shopper slot for the next one): 200 with {@code state} LEFT, 409 {@code NOT_IN_QUEUE} when the place had ended,
     * 202 when the room has not answered in time.
     */
    public CompletableFuture<Answer<QueueStatus>> leaveQueue(String eventId, String ticket, String buyerToken) {
        return send(request(HttpMethod.DELETE, "/api/events/" + eventId + "/queue/" + ticket, buyerToken))
                .thenApply(raw -> answer(raw, QueueStatus.class));
    }

    @Override
    public void close() {
        http.close();
    }

    // ---- answers ------------------------------------------------------------------------------------------------

    /** The status, the {@code Retry-After} header and the body: all an answer is made of. */
    record RawAnswer(int status, String retryAfter, byte[] body) {
        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    private <T> Answer<T> answer(RawAnswer raw, Class<T> type) {
        Duration retryAfter = retryAfter(raw.retryAfter(), null);
        if (raw.status() >= 200 && raw.status() < 300) {
            return new Answer<>(raw.status(), read(raw, type), null, retryAfter);
        }
        return new Answer<>(raw.status(), null, problem(raw), retryAfter);
    }

    private OrderOutcome orderOutcome(RawAnswer raw, int decidedStatus) {
        int status = raw.status();
        if (status == decidedStatus || (status >= 200 && status < 300 && status != 202)) {
            return new OrderOutcome.Decided(status, read(raw, Order.class));
        }
        if (status == 202) {
            JsonNode body = readTree(raw);
            JsonNode seconds = body.path("retryAfterSeconds");
            Duration fromBody = seconds.isNumber() ? Duration.ofMillis(Math.round(seconds.asDouble() * 1000)) : null;
            return new OrderOutcome.Pending(
                    status, text(body, "orderId"), text(body, "statusUrl"), retryAfter(raw.retryAfter(), fromBody));
        }
        if (status == 409) {
            return new OrderOutcome.Refused(status, problem(raw));
        }
        return new OrderOutcome.Failed(status, problem(raw), retryAfter(raw.retryAfter(), Duration.ZERO));
    }

    private Problem problem(RawAnswer raw) {
        try {
            JsonNode tree = json.readTree(raw.body() == null ? new byte[0] : raw.body());
            if (tree == null || !tree.isObject()) {
                return Problem.notAProblem(raw.status(), raw.text());
            }
            Problem problem = json.treeToValue(tree, Problem.class);
            // The status line is the truth; a problem body without "status" must still say which answer it was.
            return problem.status() == raw.status()
                    ? problem
                    : new Problem(
                            problem.type(),
                            problem.title(),
                            raw.status(),
                            problem.detail(),
                            problem.reason(),
                            problem.orderId(),
                            problem.alternatives(),
                            problem.errors());
        } catch (IOException | IllegalArgumentException notJson) {
            return Problem.notAProblem(raw.status(), raw.text());
        }
    }

    private <T> T read(RawAnswer raw, Class<T> type) {
        try {
            return json.readValue(raw.body(), type);
        } catch (IOException | RuntimeException e) {
            throw new EdgeCallException(
                    EdgeCallException.Kind.CONTRACT,
                    "a " + raw.status() + " answer that is not a " + type.getSimpleName() + ": "
                            + Problem.notAProblem(raw.status(), raw.text()).detail(),
                    e);
        }
    }

    private JsonNode readTree(RawAnswer raw) {
        try {
            JsonNode tree = json.readTree(raw.body() == null ? new byte[0] : raw.body());
            return tree == null ? json.createObjectNode() : tree;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /** Whole seconds from the header; else the fallback; else one second. */
    static Duration retryAfter(String header, Duration fallback) {
        if (header != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
            } catch (NumberFormatException httpDate) {
                // An HTTP-date: rare, and a second is as good a guess as any.
            }
        }
        if (fallback != null) {
            return fallback;
        }
        return header == null ? Duration.ZERO : DEFAULT_RETRY_AFTER;
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    // ---- transport ----------------------------------------------------------------------------------------------

    private MutableHttpRequest<byte[]> request(HttpMethod method, String path, String token) {
        // Appended, not resolved: an edge behind a path prefix keeps its prefix.
        MutableHttpRequest<byte[]> request = HttpRequest.create(method, base + path);
        request.accept(MediaType.APPLICATION_JSON_TYPE, PROBLEM_JSON);
        if (token != null) {
            request.bearerAuth(token);
        }
        return request;
    }

    private CompletableFuture<RawAnswer> send(MutableHttpRequest<byte[]> request) {
        String what = request.getMethodName() + " " + request.getPath();
        CompletableFuture<RawAnswer> answer = new CompletableFuture<>();
        Publisher<HttpResponse<byte[]>> exchange;
        try {
            exchange = http.exchange(request, BYTES, BYTES);
        } catch (RuntimeException e) {
            answer.completeExceptionally(failure(what, e));
            return answer;
        }
        exchange.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HttpResponse<byte[]> response) {
                answer.complete(new RawAnswer(
                        response.code(),
                        response.getHeaders().get("Retry-After"),
                        response.getBody(byte[].class).orElse(new byte[0])));
            }

            @Override
            public void onError(Throwable error) {
                answer.completeExceptionally(failure(what, error));
            }

            @Override
            public void onComplete() {
                answer.completeExceptionally(new EdgeCallException(EdgeCallException.Kind.IO, what + ": no answer"));
            }
        });
        return answer;
    }

    private EdgeCallException failure(String what, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof EdgeCallException known) {
            return known;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ReadTimeoutException) {
                return new EdgeCallException(
                        EdgeCallException.Kind.TIMEOUT,
                        what + ": no answer from " + base + " within the read timeout",
                        cause);
            }
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return new EdgeCallException(
                        EdgeCallException.Kind.UNREACHABLE,
                        "edge unreachable at " + base + " (" + t.getMessage() + "). Is the edge running?",
                        cause);
            }
        }
        return new EdgeCallException(EdgeCallException.Kind.IO, what + ": " + cause, cause);
    }
}
