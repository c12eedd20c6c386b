package io.onsale.edge.queue;

import io.onsale.queue.tokens.AdmissionToken;
import io.onsale.queue.tokens.AdmissionTokens;
import io.onsale.queue.tokens.QueueTicket;
import io.onsale.queue.tokens.QueueTickets;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueuePlaceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A committed {@code JOINED} answer as the buyer's first status: the signed ticket (the position, or before the
 * draw the pre-sale number), and for a buyer passed straight through, the admission token at once.
 */
class JoinAnswers {

    private final QueueTickets tickets;
    private final AdmissionTokens admissions;
    private final Clock clock;
    private final Duration poll;

    JoinAnswers(QueueTickets tickets, AdmissionTokens admissions, Clock clock, Duration poll) {
        this.tickets = tickets;
        this.admissions = admissions;
        this.clock = clock;
        this.poll = poll;
    }

    QueueStatus statusOf(QueueEvent joined) {
        String eventId = joined.getEventId();
        String buyerId = joined.getBuyerId();
        Long position = joined.getPosition() != null && joined.getPosition() > 0 ? joined.getPosition() : null;
        Long presaleNumber =
                joined.getPresaleNumber() != null && joined.getPresaleNumber() > 0 ? joined.getPresaleNumber() : null;
        QueueTicket ticket = position != null
                ? QueueTicket.position(eventId, buyerId, position)
                : QueueTicket.presale(eventId, buyerId, presaleNumber);
        String signed = tickets.sign(ticket);
        long serving = joined.getServingCounter();
        long pollAfter = Math.max(1, poll.toSeconds());
        Instant now = clock.instant();
        if (joined.getStatus() == QueuePlaceStatus.ADMITTED
                && joined.getWindowEndsAt() != null
                && joined.getWindowEndsAt().isAfter(now)) {
            Instant admittedAt =
                    joined.getAdmittedAt() == null || joined.getAdmittedAt().isAfter(now)
                            ? now
                            : joined.getAdmittedAt();
            String token = admissions.mint(new AdmissionToken(
                    eventId, buyerId, position == null ? 0 : position, admittedAt, joined.getWindowEndsAt()));
            return new QueueStatus(
                    eventId,
                    QueueState.ADMITTED,
                    null,
                    position,
                    presaleNumber,
                    serving,
                    0L,
                    null,
                    0,
                    false,
                    joined.getAdmittedAt(),
                    joined.getWindowEndsAt(),
                    token,
                    signed,
                    null);
        }
        if (position == null) {
            return new QueueStatus(
                    eventId,
                    QueueState.PRE_SALE,
                    null,
                    null,
                    presaleNumber,
                    serving,
                    null,
                    null,
                    0,
                    false,
                    null,
                    null,
                    null,
                    signed,
                    pollAfter);
        }
        return new QueueStatus(
                eventId,
                QueueState.WAITING,
                null,
                position,
                presaleNumber,
                serving,
                Math.max(0, position - serving - 1),
                null,
                0,
                false,
                null,
                null,
                null,
                signed,
                pollAfter);
    }
}
