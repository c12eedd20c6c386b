package io.onsale.loadgen.race;

import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.ConfigureAck;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.EventView;
import io.onsale.loadgen.client.SeatMap;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Configures the demo event and waits until the edge serves it. The edge may accept a config (202) before its
 * read side has caught up, so "ready" means: the event is visible and its seat map lists every seat, all AVAILABLE.
 */
final class EventSetup {

    /** How the edge acknowledged the PUT ("READY" or "ACCEPTED"), and how long until the seat map was ready. */
    record Readiness(String acknowledgement, Duration took) {}

    private final EdgeApi edge;
    private final Duration budget;
    private final Duration pollEvery;

    EventSetup(EdgeApi edge, Duration budget, Duration pollEvery) {
        this.edge = edge;
        this.budget = budget;
        this.pollEvery = pollEvery;
    }

    Readiness configure(String eventId, DemoEvent event, String organizerToken, String buyerToken)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();

        String put = "PUT /api/admin/events/" + eventId;
        Answer<ConfigureAck> answer = EdgeCalls.await(edge.configureEvent(eventId, event.config(), organizerToken));
        String acknowledgement;
        switch (answer.status()) {
            case 200:
                acknowledgement = status(answer, "READY");
                break;
            case 202:
                acknowledgement = status(answer, "ACCEPTED");
                awaitEvent(eventId, buyerToken, deadline);
                break;
            case 400:
                throw EdgeCalls.outsideContract("the edge rejected the event configuration: "
                        + answer.problem().describe());
            default:
                throw EdgeCalls.unexpected(put, answer);
        }
        awaitFreshSeatMap(eventId, event.seatIds(), buyerToken, deadline);
        return new Readiness(acknowledgement, Duration.ofNanos(System.nanoTime() - started));
    }

    private static String status(Answer<ConfigureAck> answer, String otherwise) {
        return answer.body() == null || answer.body().status() == null
                ? otherwise
                : answer.body().status();
    }

    private void awaitEvent(String eventId, String buyerToken, long deadline) throws InterruptedException {
        String get = "GET /api/events/" + eventId;
        while (true) {
            Answer<EventView> answer = EdgeCalls.await(edge.event(eventId, buyerToken));
            if (answer.status() == 200) {
                return;
            }
            if (answer.status() != 404) {
                throw EdgeCalls.unexpected(get, answer);
            }
            pauseOrGiveUp(deadline, "event " + eventId + " was accepted but " + get + " still answers 404");
        }
    }

    private void awaitFreshSeatMap(String eventId, List<String> seatIds, String buyerToken, long deadline)
            throws InterruptedException {
        while (true) {
            Optional<SeatMap> seatMap = EdgeCalls.seatMap(edge, eventId, DemoEvent.SECTION_ID, buyerToken);
            if (seatMap.isPresent() && seatMap.get().listsAll(seatIds)) {
                List<String> taken = seatIds.stream()
                        .filter(seat -> !SeatMap.AVAILABLE.equals(seatMap.get().status(seat)))
                        .toList();
                if (!taken.isEmpty()) {
                    // The audit compares holds with 201 answers; holds from an earlier run would read as phantoms.
                    throw EdgeCalls.outsideContract("event " + eventId + " already has " + taken.size()
                            + " seat(s) not AVAILABLE before the race ("
                            + String.join(", ", taken.subList(0, Math.min(5, taken.size())))
                            + (taken.size() > 5 ? ", …" : "")
                            + "), probably from an earlier race: run again with a new --event");
                }
                return;
            }
            pauseOrGiveUp(
                    deadline,
                    "the seat map of event " + eventId + " section " + DemoEvent.SECTION_ID
                            + (seatMap.isPresent()
                                    ? " still lists " + seatMap.get().seatIds().size() + " of " + seatIds.size()
                                            + " seats"
                                    : " is still not found (404)"));
        }
    }

    private void pauseOrGiveUp(long deadline, String situation) throws InterruptedException {
        if (System.nanoTime() + pollEvery.toNanos() > deadline) {
            throw EdgeCalls.outsideContract(
                    situation + " after " + budget.toSeconds() + " s: the edge never became ready");
        }
        Thread.sleep(pollEvery.toMillis());
    }
}
