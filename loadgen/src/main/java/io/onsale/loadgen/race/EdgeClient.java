package io.onsale.loadgen.race;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The edge's HTTP contract as the race uses it. Builds requests separately from sending them so the race can prepare
 * every order before the start gate opens.
 */
final class EdgeClient {

    private static final String JSON = "application/json";

    private final HttpClient http;
    private final URI edge;
    private final Duration timeout;

    EdgeClient(HttpClient http, URI edge, Duration timeout) {
        this.http = http;
        this.edge = edge;
        this.timeout = timeout;
    }

    static HttpClient newHttpClient(Duration connectTimeout) {
        // HTTP/1.1: one connection per in-flight order, so the buyers really are concurrent at the edge
        // rather than multiplexed by the client.
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    URI edge() {
        return edge;
    }

    HttpRequest putEvent(String eventId, String configJson, String organizerToken) {
        return request("/api/admin/events/" + eventId, organizerToken)
                .header("Content-Type", JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(configJson))
                .build();
    }

    HttpRequest getEvent(String eventId, String buyerToken) {
        return request("/api/events/" + eventId, buyerToken).GET().build();
    }

    HttpRequest placeOrder(String eventId, String orderJson, String buyerToken, String idempotencyKey) {
        return request("/api/events/" + eventId + "/orders", buyerToken)
                .header("Content-Type", JSON)
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(orderJson))
                .build();
    }

    HttpRequest getSeats(String eventId, String sectionId, String buyerToken) {
        return request("/api/events/" + eventId + "/sections/" + sectionId + "/seats", buyerToken).GET().build();
    }

    /** Non-blocking send; transport failures complete the future exceptionally. */
    CompletableFuture<EdgeResponse> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new EdgeResponse(response.statusCode(), response.body()));
    }

    /**
     * Send and wait, for the setup and audit steps where there is nothing else to do meanwhile. A transport failure
     * becomes an {@link EdgeException} that says what happened in words.
     */
    EdgeResponse exchange(HttpRequest request) {
        CompletableFuture<EdgeResponse> pending = send(request);
        try {
            // The request carries its own timeout; the extra second only guards against a client that never ends.
            return pending.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgeException("interrupted while waiting for " + describe(request), e);
        } catch (ExecutionException e) {
            throw new EdgeException(transportProblem(request, e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new EdgeException("the edge at " + edge + " did not answer " + describe(request) + " within "
                    + seconds(timeout), e);
        }
    }

    /** The seat map, or empty while the edge does not know the event (404). */
    Optional<SeatMap> seatMap(String eventId, String sectionId, String buyerToken) {
        HttpRequest request = getSeats(eventId, sectionId, buyerToken);
        EdgeResponse response = exchange(request);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw unexpected(request, response);
        }
        JsonNode json = response.json();
        if (!json.path("seats").isArray()) {
            throw new EdgeException("the edge answered " + describe(request) + " with 200 but no \"seats\" array: "
                    + response.describe());
        }
        return Optional.of(SeatMap.fromJson(json));
    }

    EdgeException unexpected(HttpRequest request, EdgeResponse response) {
        String hint = response.status() == 401 || response.status() == 403
                ? " (do --secret, --issuer and --audience match the edge's token settings?)"
                : "";
        return new EdgeException("unexpected answer from the edge to " + describe(request) + ": "
                + response.describe() + hint);
    }

    /** Words for a failed exchange; also used by the race to label a buyer's failed request. */
    String transportProblem(HttpRequest request, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpConnectTimeoutException) {
            return "edge unreachable at " + edge + ": connecting timed out after " + seconds(timeout);
        }
        if (cause instanceof HttpTimeoutException) {
            return "the edge at " + edge + " did not answer " + describe(request) + " within " + seconds(timeout);
        }
        if (unresolved(cause)) {
            return "edge unreachable at " + edge + ": cannot resolve host '" + edge.getHost() + "'";
        }
        if (cause instanceof ConnectException) {
            String detail = cause.getMessage() == null ? "connection refused" : cause.getMessage();
            return "edge unreachable at " + edge + " (" + detail + "). Is the edge running?";
        }
        return "edge unreachable at " + edge + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** A short label for a buyer's failed request in the race table, e.g. "timeout". */
    static String transportLabel(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpTimeoutException) {
            return cause instanceof HttpConnectTimeoutException ? "connect timeout" : "timeout";
        }
        if (unresolved(cause)) {
            return "unknown host";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof IOException) {
            return "I/O error";
        }
        return cause.getClass().getSimpleName();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The JDK reports an unknown host as a ConnectException caused by UnresolvedAddressException. */
    private static boolean unresolved(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private HttpRequest.Builder request(String path, String token) {
        // Appended, not resolved: an edge behind a path prefix (http://host/onsale) keeps its prefix.
        return HttpRequest.newBuilder(URI.create(edge + path))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token);
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri().getPath();
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
