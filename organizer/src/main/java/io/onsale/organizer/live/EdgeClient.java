package io.onsale.organizer.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The edge's organizer API over the JDK's HTTP client: one request at a time, the token on each, JSON both ways.
 * Any answer comes back as it is (problem+json included); only "no answer at all" is an exception.
 */
final class EdgeClient {

    /** What the edge said: status, body as JSON (missing when empty or not JSON), and its ETag if any. */
    record Answer(int status, JsonNode body, Optional<String> etag) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Nothing came back: refused connection, timeout, broken exchange. */
    static final class EdgeUnavailableException extends Exception {
        EdgeUnavailableException(String message) {
            super(message);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    EdgeClient(URI base, String token, Duration timeout) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code /api/events/{eventId}…}: ids go into the path encoded, whatever the caller typed. */
    static String eventPath(String prefix, String eventId, String suffix) {
        return prefix + URLEncoder.encode(eventId, StandardCharsets.UTF_8) + suffix;
    }

    Answer get(String path) throws EdgeUnavailableException {
        return send(request(path).GET().build());
    }

    Answer patch(String path, JsonNode body, String ifMatch) throws EdgeUnavailableException {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString()));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
    }

    private Answer send(HttpRequest request) throws EdgeUnavailableException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new EdgeUnavailableException(
                    "no edge answers at " + base + " (is it running? ./ticketing edge start;" + " or set --edge)");
        } catch (HttpTimeoutException e) {
            throw new EdgeUnavailableException("the edge at " + base + " did not answer " + request.method() + " "
                    + request.uri().getPath() + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new EdgeUnavailableException("the exchange with " + base + " broke: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgeUnavailableException("interrupted");
        }
        return new Answer(
                response.statusCode(),
                parse(response.body()),
                response.headers().firstValue("ETag"));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
