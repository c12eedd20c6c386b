package io.onsale.bench;

import io.onsale.loadgen.auth.Role;
import io.onsale.loadgen.auth.TokenMinter;
import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.ConfigureAck;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.EventConfig;
import io.onsale.loadgen.client.EventView;
import java.net.URI;
import java.time.Duration;

/**
 * The organizer side of a running edge, as the HTTP benchmarks need it, through loadgen's edge client: configure an
 * event and, if asked, wait until every one of its seats and zones is available (configured in the engine), so that
 * the measured requests do not race the event's own configuration.
 */
final class EventSetup {

    private static final EdgeApi.Settings SETTINGS =
            new EdgeApi.Settings(Duration.ofSeconds(5), Duration.ofSeconds(60), 2, 1);

    private EventSetup() {}

    /** Puts the event; 200 READY or 202 ACCEPTED are fine, anything else fails. */
    static void configure(URI edge, TokenMinter tokens, String eventId, EventConfig event) throws InterruptedException {
        configure(edge, tokens, eventId, event, 0, Duration.ZERO);
    }

    /**
     * Puts the event, then reads it every 500 ms until the sections' {@code availability.available} add up to
     * {@code units} (each seat or zone configured by the engine; a zone counts its capacity).
     */
    static void configure(URI edge, TokenMinter tokens, String eventId, EventConfig event, long units, Duration timeout)
            throws InterruptedException {
        String token = tokens.mint("bench-organizer", Role.ORGANIZER);
        try (EdgeApi api = EdgeApi.connect(edge, SETTINGS)) {
            Answer<ConfigureAck> answer =
                    api.configureEvent(eventId, event, token).join();
            if (answer.status() != 200 && answer.status() != 202) {
                throw new IllegalStateException(
                        "the edge refused the event: " + answer.problem().describe());
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            long available = -1;
            while (units > 0 && System.nanoTime() < deadline) {
                available = api.event(eventId, token)
                        .join()
                        .value()
                        .map(EventSetup::available)
                        .orElse(-1L);
                if (available >= units) {
                    return;
                }
                Thread.sleep(500);
            }
            if (units > 0) {
                throw new IllegalStateException("event " + eventId + ": " + available + " of " + units
                        + " units available after " + timeout.toSeconds() + " s");
            }
        }
    }

    static long available(EventView event) {
        return event.sections().stream()
                .filter(section -> section.availability() != null)
                .mapToLong(section -> section.availability().available())
                .sum();
    }
}
