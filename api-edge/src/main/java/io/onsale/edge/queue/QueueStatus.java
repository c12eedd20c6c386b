package io.onsale.edge.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A buyer's status in one event's waiting room, as answered by {@code GET /api/events/{eventId}/queue/{ticket}} and
 * pushed by its event stream.
 *
 * @param position          the buyer's place (for a pre-sale ticket, known once the draw is done)
 * @param buyersAhead       positions between the serving counter and the buyer's (an upper bound: buyers who
 *                          left still count)
 * @param eta               seconds until admission as a range, from the observed admit rate; absent when nothing
 *                          is being admitted (paused, sold out, all shopper slots taken) or the buyer is served
 * @param admissionToken    once admitted: send it as {@code Admission-Token} with the order
 * @param pollAfterSeconds  when to ask again if not following the event stream
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record QueueStatus(
        String eventId,
        QueueState state,
        String mode,
        Long position,
        Long presaleNumber,
        long servingCounter,
        Long buyersAhead,
        Eta eta,
        double admitRatePerSecond,
        boolean paused,
        Instant admittedAt,
        Instant windowEndsAt,
        String admissionToken,
        String ticket,
        Long pollAfterSeconds) {

    /** Seconds until admission: at the soonest and at the latest, at about the observed admit rate. */
    record Eta(long minSeconds, long maxSeconds) {}

    QueueStatus withAdmissionToken(String token) {
        return new QueueStatus(
                eventId,
                state,
                mode,
                position,
                presaleNumber,
                servingCounter,
                buyersAhead,
                eta,
                admitRatePerSecond,
                paused,
                admittedAt,
                windowEndsAt,
                token,
                ticket,
                pollAfterSeconds);
    }

    QueueStatus withTicket(String signedTicket) {
        return new QueueStatus(
                eventId,
                state,
                mode,
                position,
                presaleNumber,
                servingCounter,
                buyersAhead,
                eta,
                admitRatePerSecond,
                paused,
                admittedAt,
                windowEndsAt,
                admissionToken,
                signedTicket,
                pollAfterSeconds);
    }

    /** For the event stream: the same status without what changes on every read (the token's id). */
    QueueStatus withoutSecrets() {
        return new QueueStatus(
                eventId,
                state,
                mode,
                position,
                presaleNumber,
                servingCounter,
                buyersAhead,
                eta,
                admitRatePerSecond,
                paused,
                admittedAt,
                windowEndsAt,
                null,
                ticket,
                pollAfterSeconds);
    }

    boolean finished() {
        return state == QueueState.ADMITTED || state == QueueState.SOLD_OUT || state == QueueState.EXPIRED;
    }
}
