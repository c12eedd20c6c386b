package io.onsale.loadgen.client;

import java.time.Duration;
import java.time.Instant;

/**
 * A buyer's place in an event's waiting room: the answer to joining ({@code POST /api/events/{id}/queue}, which also
 * carries the signed {@code ticket}) and to asking for the status ({@code GET …/queue/{ticket}}). Fields the edge
 * leaves out for a state are {@code null}.
 *
 * @param state            {@link #PRE_SALE}, {@link #WAITING}, {@link #ADMITTED}, {@link #EXPIRED} or {@link #SOLD_OUT}
 * @param position         the place in line (for a pre-sale ticket, known once the draw at opening is done)
 * @param servingCounter   the last position served so far
 * @param admittedAt       when the batch that admitted this position was admitted (the edge's clock)
 * @param admissionToken   once admitted: the {@code Admission-Token} orders need while the room is active
 * @param pollAfterSeconds when the edge suggests asking again; absent once the answer can no longer change
 */
public record QueueStatus(
        String eventId,
        String state,
        String mode,
        Long position,
        Long presaleNumber,
        Long servingCounter,
        Long buyersAhead,
        Eta eta,
        Double admitRatePerSecond,
        Boolean paused,
        Instant admittedAt,
        Instant windowEndsAt,
        String admissionToken,
        String ticket,
        Long pollAfterSeconds) {

    public static final String PRE_SALE = "PRE_SALE";
    public static final String WAITING = "WAITING";
    public static final String ADMITTED = "ADMITTED";
    public static final String EXPIRED = "EXPIRED";
    public static final String SOLD_OUT = "SOLD_OUT";

    /** Seconds until admission, soonest and latest, at about the observed admit rate. */
    public record Eta(long minSeconds, long maxSeconds) {}

    /** ADMITTED, EXPIRED or SOLD_OUT: asking again changes nothing. */
    public boolean finished() {
        return ADMITTED.equals(state) || EXPIRED.equals(state) || SOLD_OUT.equals(state);
    }

    /** The edge's suggestion, else {@code fallback}. */
    public Duration pollAfter(Duration fallback) {
        return pollAfterSeconds == null ? fallback : Duration.ofSeconds(Math.max(0, pollAfterSeconds));
    }
}
