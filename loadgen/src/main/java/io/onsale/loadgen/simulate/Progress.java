package io.onsale.loadgen.simulate;

import io.onsale.loadgen.simulate.Metrics.Count;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/** The live line while the sale runs: where the buyers are and the rates of the last interval. */
final class Progress {

    private final PrintWriter out;
    private final Metrics metrics;
    private final InFlightLimit limit;
    private final int buyers;
    private final int capacity;
    private final long openNanos;
    private long lastNanos = System.nanoTime();
    private long lastHeld;
    private long lastRejected;
    private long lastTickets;

    Progress(PrintWriter out, Metrics metrics, InFlightLimit limit, int buyers, int capacity, long openNanos) {
        this.out = out;
        this.metrics = metrics;
        this.limit = limit;
        this.buyers = buyers;
        this.capacity = capacity;
        this.openNanos = openNanos;
    }

    synchronized void print() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        long held = metrics.get(Count.HELD);
        long rejected = metrics.get(Count.REJECTED);
        long tickets = metrics.get(Count.TICKETS_HELD);
        long sinceOpen = TimeUnit.NANOSECONDS.toMillis(now - openNanos);
        long inRoom = metrics.inWaitingRoom();
        out.printf(
                "[%s%5.1fs] arrived %d/%d  done %d | waiting room %d, admitted %d | in flight %d, queued %d | held %d"
                        + " (%.0f/s), tickets %d/%d (%.0f/s), sold %d | 409 %d (%.0f/s) | 202 %d | 4xx %d 5xx %d timeouts %d%n",
                sinceOpen < 0 ? "-" : "+",
                Math.abs(sinceOpen) / 1000.0,
                metrics.get(Count.ARRIVED),
                buyers,
                metrics.get(Count.FINISHED),
                inRoom,
                metrics.get(Count.QUEUE_ADMITTED),
                limit.inFlight(),
                limit.waiting(),
                held,
                (held - lastHeld) / seconds,
                tickets,
                capacity,
                (tickets - lastTickets) / seconds,
                metrics.get(Count.TICKETS_SOLD),
                rejected,
                (rejected - lastRejected) / seconds,
                metrics.get(Count.PENDING),
                metrics.get(Count.CLIENT_ERRORS),
                metrics.get(Count.SERVER_ERRORS),
                metrics.get(Count.TIMEOUTS));
        out.flush();
        lastNanos = now;
        lastHeld = held;
        lastRejected = rejected;
        lastTickets = tickets;
    }
}
