package io.onsale.loadgen.race;

import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.SeatMap;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Reads the seat map for the audit. If the edge serves it from a view that lags its decisions, a read right after
 * the race could miss holds it just granted; so it re-reads briefly until every seat a buyer was told about shows
 * as taken, then audits that read. Waiting can only hide lag, never an extra hold or a double winner.
 */
final class ReadBack {

    private final EdgeApi edge;
    private final Duration settleBudget;
    private final Duration pollEvery;

    ReadBack(EdgeApi edge, Duration settleBudget, Duration pollEvery) {
        this.edge = edge;
        this.settleBudget = settleBudget;
        this.pollEvery = pollEvery;
    }

    SeatMap seatMap(String eventId, String buyerToken, Collection<String> seatsToldHeld) throws InterruptedException {
        long deadline = System.nanoTime() + settleBudget.toNanos();
        while (true) {
            Optional<SeatMap> read = EdgeCalls.seatMap(edge, eventId, DemoEvent.SECTION_ID, buyerToken);
            boolean settled = read.isPresent() && seatsToldHeld.stream().allMatch(read.get()::taken);
            if (settled || System.nanoTime() + pollEvery.toNanos() > deadline) {
                return read.orElseThrow(() -> EdgeCalls.outsideContract("the seat map of event " + eventId
                        + " is not found (404) after the race, so the race cannot be audited"));
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }
}
