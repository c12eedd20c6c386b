package io.onsale.loadgen.race;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Configures the demo event and waits until the edge serves it. The edge may accept a config (202) before its
 * read side has caught up, so "ready" means: the event is visible and its seat map lists every seat, all AVAILABLE.
 */
final class EventSetup {

    /** How the edge acknowledged the PUT ("READY" or "ACCEPTED"), and how long until the seat map was ready. */
    record Readiness(String acknowledgement, Duration took) {
    }

    private final EdgeClient edge;
    private final Duration budget;
    private final Duration pollEvery;

    EventSetup(EdgeClient edge, Duration budget, Duration pollEvery) {
        this.edge = edge;
        this.budget = budget;
        this.pollEvery = pollEvery;
    }

    Readiness configure(String eventId, DemoEvent event, String organizerToken, String buyerToken)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();

        HttpRequest put = edge.putEvent(eventId, event.configJson(), organizerToken);
        EdgeResponse answer = edge.exchange(put);
        String acknowledgement;
        switch (answer.status()) {
            case 200:
                acknowledgement = answer.json().path("status").asText("READY");
                break;
            case 202:
                acknowledgement = answer.json().path("status").asText("ACCEPTED");
                awaitEvent(eventId, buyerToken, deadline);
                break;
            case 400:
                throw new EdgeException("the edge rejected the event configuration: " + answer.describe());
            default:
                throw edge.unexpected(put, answer);
        }
        awaitFreshSeatMap(eventId, event.seatIds(), buyerToken, deadline);
        return new Readiness(acknowledgement, Duration.ofNanos(System.nanoTime() - started));
    }

    private void awaitEvent(String eventId, String buyerToken, long deadline) throws InterruptedException {
        HttpRequest get = edge.getEvent(eventId, buyerToken);
        while (true) {
            EdgeResponse answer = edge.exchange(get);
            if (answer.status() == 200) {
                return;
            }
            if (answer.status() != 404) {
                throw edge.unexpected(get, answer);
            }
            pauseOrGiveUp(deadline, "event " + eventId + " was accepted but GET " + get.uri().getPath()
                    + " still answers 404");
        }
    }

    private void awaitFreshSeatMap(String eventId, List<String> seatIds, String buyerToken, long deadline)
            throws InterruptedException {
        while (true) {
            Optional<SeatMap> seatMap = edge.seatMap(eventId, DemoEvent.SECTION_ID, buyerToken);
            if (seatMap.isPresent() && seatMap.get().listsAll(seatIds)) {
                List<String> taken = seatIds.stream().filter(seat -> !SeatMap.AVAILABLE.equals(seatMap.get().status(seat)))
                        .toList();
                if (!taken.isEmpty()) {
                    // The audit compares holds with 201 answers; holds from an earlier run would read as phantoms.
                    throw new EdgeException("event " + eventId + " already has " + taken.size()
                            + " seat(s) not AVAILABLE before the race (" + String.join(", ", taken.subList(0,
                            Math.min(5, taken.size()))) + (taken.size() > 5 ? ", …" : "")
                            + "), probably from an earlier race: run again with a new --event");
                }
                return;
            }
            pauseOrGiveUp(deadline, "the seat map of event " + eventId + " section " + DemoEvent.SECTION_ID
                    + (seatMap.isPresent() ? " still lists " + seatMap.get().seatIds().size() + " of " + seatIds.size()
                            + " seats" : " is still not found (404)"));
        }
    }

    private void pauseOrGiveUp(long deadline, String situation) throws InterruptedException {
        if (System.nanoTime() + pollEvery.toNanos() > deadline) {
            throw new EdgeException(situation + " after " + budget.toSeconds() + " s: the edge never became ready");
        }
        Thread.sleep(pollEvery.toMillis());
    }
}
