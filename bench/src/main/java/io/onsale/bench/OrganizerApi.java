package io.onsale.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onsale.loadgen.auth.Role;
import io.onsale.loadgen.auth.TokenMinter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The organizer side of a running edge, as the HTTP benchmarks need it: configure an event through
 * {@code PUT /api/admin/events/{id}} and, if asked, wait until every one of its seats and zones is available
 * (configured in the engine), so that the measured requests do not race the event's own configuration.
 */
final class OrganizerApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI edge;
    private final TokenMinter tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OrganizerApi(URI edge, TokenMinter tokens) {
        this.edge = edge;
        this.tokens = tokens;
    }

    /** Puts the event (the edge's JSON config format); 200 READY or 202 ACCEPTED are fine, anything else fails. */
    void configure(String eventId, Map<String, Object> event) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(edge.resolve("/api/admin/events/" + eventId))
                        .header("Authorization", "Bearer " + organizerToken())
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(event))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 && answer.statusCode() != 202) {
            throw new IllegalStateException("the edge refused the event: " + answer.statusCode() + " " + answer.body());
        }
    }

    /**
     * Reads {@code GET /api/events/{id}} every 500 ms until the sections' {@code availability.available} add up to
     * {@code units} (each seat or zone configured by the engine; a zone counts its capacity).
     */
    void awaitAvailable(String eventId, long units, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long available = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(edge.resolve("/api/events/" + eventId))
                    .header("Authorization", "Bearer " + organizerToken()).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                available = available(JSON.readTree(answer.body()));
                if (available >= units) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("event " + eventId + ": " + available + " of " + units + " units available after "
                + timeout.toSeconds() + " s");
    }

    static long available(JsonNode eventView) {
        long available = 0;
        for (JsonNode section : eventView.path("sections")) {
            available += section.path("availability").path("available").asLong();
        }
        return available;
    }

    private String organizerToken() {
        return tokens.mint("bench-organizer", Role.ORGANIZER);
    }
}
