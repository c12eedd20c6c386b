package io.onsale.loadgen.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the waiting room told buyers: each buyer's position once known, and for those who saw ADMITTED, when the batch
 * that admitted them was admitted (the edge's {@code admittedAt}). Buyers who left told SOLD_OUT or EXPIRED never
 * learn an admission time, so the order check covers the admitted ones only.
 */
final class QueueLedger {

    /** One buyer seen ADMITTED: position and batch time as the status answered them. */
    record Admission(String buyerId, long position, Instant admittedAt) {}

    /** The room's tick (streams-queue WaitingRoomTopology.TICK): batches are at least this far apart. */
    static final Duration ONE_BATCH = Duration.ofSeconds(1);

    private final Map<String, Long> positionOf = new ConcurrentHashMap<>();
    private final Queue<Admission> admissions = new ConcurrentLinkedQueue<>();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();

    /** A status named the buyer's position; it must never change. */
    void position(String buyerId, long position) {
        Long before = positionOf.putIfAbsent(buyerId, position);
        if (before != null && before != position) {
            problems.add("buyer " + buyerId + " was told position " + before + ", later " + position);
        }
    }

    void admitted(String buyerId, long position, Instant admittedAt) {
        position(buyerId, position);
        if (admittedAt != null) {
            admissions.add(new Admission(buyerId, position, admittedAt));
        }
    }

    int admittedCount() {
        return admissions.size();
    }

    /** Everything the queue answers got wrong: changed or shared positions, admissions out of position order. */
    List<String> problems() {
        List<String> found = new ArrayList<>(problems);
        Map<Long, String> holderOf = new HashMap<>();
        positionOf.forEach((buyer, position) -> {
            String other = holderOf.putIfAbsent(position, buyer);
            if (other != null) {
                found.add("position " + position + " was given to two buyers: " + other + " and " + buyer);
            }
        });
        found.addAll(outOfOrder(List.copyOf(admissions)));
        return found;
    }

    /**
     * The room admits at most one batch per tick ({@link #ONE_BATCH}), serving positions in order, so a smaller
     * position is admitted in the same batch as a larger one or earlier. Batches are told apart by time rather than by
     * distinct {@code admittedAt}: a buyer passed straight through carries its join's own timestamp, and concurrent
     * joins reach the room a few milliseconds out of timestamp order. Reports each smaller position admitted more than
     * one batch (one tick) after a larger one.
     */
    static List<String> outOfOrder(List<Admission> admitted) {
        List<Admission> byPosition = new ArrayList<>(admitted);
        byPosition.sort(Comparator.comparingLong(Admission::position));
        List<String> found = new ArrayList<>();
        int violations = 0;
        // From the largest position down: the earliest admission among all larger positions so far.
        Admission earliestLater = null;
        for (int i = byPosition.size() - 1; i >= 0; i--) {
            Admission a = byPosition.get(i);
            if (earliestLater != null
                    && Duration.between(earliestLater.admittedAt(), a.admittedAt())
                                    .compareTo(ONE_BATCH)
                            > 0) {
                violations++;
                if (found.size() < 5) {
                    found.add("admitted out of position order: " + a.buyerId() + " (position " + a.position()
                            + ", admitted " + a.admittedAt() + ") more than one batch after " + earliestLater.buyerId()
                            + " (position " + earliestLater.position() + ", admitted " + earliestLater.admittedAt()
                            + ")");
                }
            }
            if (earliestLater == null || a.admittedAt().isBefore(earliestLater.admittedAt())) {
                earliestLater = a;
            }
        }
        if (violations > found.size()) {
            found.add("… " + (violations - found.size()) + " more admission(s) out of position order");
        }
        return found;
    }
}
