package io.onsale.edge.queue;

import io.onsale.edge.platform.StoreUnavailableException;
import io.onsale.queue.tokens.AdmissionToken;
import io.onsale.queue.tokens.AdmissionTokens;
import io.onsale.queue.tokens.QueueTicket;
import io.onsale.queue.tokens.QueueTickets;
import io.onsale.queue.tokens.Verification;
import io.onsale.schema.queue.QueueProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Flux;

/**
 * Answers a ticket's status on any instance, from the ticket and the local {@link QueueProgressView}: verify the
 * ticket (signature, event, buyer), decide the status ({@link StatusDecider}), and mint the admission token once the
 * buyer is admitted (its expiry is the end of the purchase window).
 */
class QueueStatusReader {

    private final QueueTickets tickets;
    private final AdmissionTokens admissions;
    private final QueueProgressView view;
    private final PresalePositions draws = new PresalePositions();
    private final EtaAccuracy accuracy;
    private final Clock clock;
    private final Duration poll;

    QueueStatusReader(QueueTickets tickets, AdmissionTokens admissions, QueueProgressView view, EtaAccuracy accuracy,
                      Clock clock, Duration poll) {
        this.tickets = tickets;
        this.admissions = admissions;
        this.view = view;
        this.accuracy = accuracy;
        this.clock = clock;
        this.poll = poll;
    }

    /** The ticket, if it is this buyer's for this event; else the problem to answer. */
    QueueTicket verify(String ticket, String eventId, String buyerId) {
        Verification<QueueTicket> verified = tickets.verify(ticket, eventId, buyerId);
        if (!verified.isAccepted()) {
            throw QueueProblems.ticketRefused(verified.refusal(), verified.detail());
        }
        return verified.value();
    }

    QueueStatus status(QueueTicket ticket) {
        QueueProgress progress = view.progress(ticket.eventId()).orElseThrow(() -> new StoreUnavailableException(
                view.caughtUp() ? "the waiting room of this event is not visible here yet; try again shortly"
                        : "this instance is still reading the waiting rooms' progress; try again shortly"));
        Instant now = clock.instant();
        QueueStatus status = StatusDecider.decide(ticket, progress, position -> view.admission(ticket.eventId(), position),
                draws, now, poll);
        if (status.state() == QueueState.WAITING && status.position() != null) {
            accuracy.quoted(ticket.eventId(), status.position(), now, status.eta());
        }
        if (status.state() != QueueState.ADMITTED) {
            return status;
        }
        return status.withAdmissionToken(admissions.mint(new AdmissionToken(ticket.eventId(), ticket.buyerId(),
                status.position(), status.admittedAt().isBefore(now) ? status.admittedAt() : now, status.windowEndsAt())));
    }

    /** The status each time the event's progress changes here, starting now; ends once admitted, expired or sold out. */
    Flux<QueueStatus> statuses(QueueTicket ticket) {
        return Flux.concat(Flux.just(ticket.eventId()), view.changes().filter(ticket.eventId()::equals))
                .filter(changed -> view.progress(ticket.eventId()).isPresent())
                .map(changed -> status(ticket))
                .distinctUntilChanged(QueueStatus::withoutSecrets)
                .takeUntil(QueueStatus::finished);
    }

    String sign(QueueTicket ticket) {
        return tickets.sign(ticket);
    }
}
