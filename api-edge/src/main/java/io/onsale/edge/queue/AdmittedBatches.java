package io.onsale.edge.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One event's recent admissions as ranges of positions, each with its admission time and the end of its purchase
 * window: an {@code ADMITTED} batch ({@code fromPosition..toPosition}) or one buyer passed straight through. Lets any
 * instance tell an admitted buyer the window from the ticket's position alone, without a per-buyer lookup.
 * Ranges never overlap (the serving counter only moves forward); windows that ended long ago are dropped.
 */
final class AdmittedBatches {

    record Batch(long fromPosition, long toPosition, Instant admittedAt, Instant windowEndsAt) {}

    /** A batch as read from {@code queue-events}, for whoever follows admissions as they happen. */
    record Admission(String eventId, Batch batch) {}

    /** What the batches say about one position. */
    sealed interface Lookup {
        record Admitted(Batch batch) implements Lookup {}

        /** Beyond every batch known here: its admission is on its way (or this instance has not read it yet). */
        record NotYetSeen() implements Lookup {}

        /** Within the known history but in no batch kept: its window ended long ago. */
        record Forgotten() implements Lookup {}
    }

    private final ConcurrentSkipListMap<Long, Batch> byLastPosition = new ConcurrentSkipListMap<>();
    private final Duration keep;

    AdmittedBatches(Duration keep) {
        this.keep = keep;
    }

    void add(Batch batch, Instant now) {
        byLastPosition.put(batch.toPosition(), batch);
        Instant horizon = now.minus(keep);
        // Oldest first: stop at the first batch still worth keeping (windows grow with positions, near enough).
        for (Map.Entry<Long, Batch> oldest = byLastPosition.firstEntry();
                oldest != null && oldest.getValue().windowEndsAt().isBefore(horizon) && byLastPosition.size() > 1;
                oldest = byLastPosition.firstEntry()) {
            byLastPosition.remove(oldest.getKey(), oldest.getValue());
        }
    }

    Lookup find(long position) {
        Map.Entry<Long, Batch> covering = byLastPosition.ceilingEntry(position);
        if (covering == null) {
            return new Lookup.NotYetSeen();
        }
        Batch batch = covering.getValue();
        return batch.fromPosition() <= position ? new Lookup.Admitted(batch) : new Lookup.Forgotten();
    }

    Optional<Batch> last() {
        Map.Entry<Long, Batch> last = byLastPosition.lastEntry();
        return last == null ? Optional.empty() : Optional.of(last.getValue());
    }
}
