package io.onsale.edge.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many requests of each kind one edge instance works on at once ({@code onsale.edge.in-flight.*}; defaults in
 * {@code application.yaml}). Beyond it the edge answers 503 with {@code Retry-After} at once instead of queueing work
 * it cannot finish before the client gives up.
 *
 * @param orders        {@code POST /api/events/{eventId}/orders}
 * @param queueJoins    {@code POST /api/events/{eventId}/queue}
 * @param reads         event pages, seat maps and waiting-room status reads
 * @param retryAfterSeconds what a refused client is told to wait
 */
@ConfigurationProperties("onsale.edge.in-flight")
public record InFlightSettings(int orders, int queueJoins, int reads, int retryAfterSeconds) {

    public InFlightSettings {
        if (orders < 1 || queueJoins < 1 || reads < 1 || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("onsale.edge.in-flight.* must all be at least 1");
        }
    }
}
