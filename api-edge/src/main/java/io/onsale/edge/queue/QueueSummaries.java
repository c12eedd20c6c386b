package io.onsale.edge.queue;

import io.onsale.schema.queue.QueueMode;
import io.onsale.schema.queue.QueueProgress;
import java.time.Instant;
import java.util.Optional;

/**
 * An event's waiting room in a few numbers, for pages outside the queue feature (the event page): from this
 * instance's progress view, so any instance answers for any event without asking the one that runs the room.
 */
public final class QueueSummaries {

    /**
     * @param active        buyers queue now (not passed straight through)
     * @param waiting       buyers waiting for their turn
     * @param servingCounter the highest position admitted so far
     * @param admitRatePerSecond observed, over the last ticks
     */
    public record Summary(
            String mode,
            boolean active,
            long waiting,
            long servingCounter,
            long activeShoppers,
            double admitRatePerSecond,
            boolean paused,
            boolean soldOut,
            Instant updatedAt) {}

    private final QueueProgressView view;

    QueueSummaries(QueueProgressView view) {
        this.view = view;
    }

    /** Empty when no room has published progress for the event yet (nobody joined, or not read here yet). */
    public Optional<Summary> of(String eventId) {
        return view.progress(eventId).map(QueueSummaries::summary);
    }

    static Summary summary(QueueProgress progress) {
        return new Summary(
                progress.getMode().name(),
                progress.getMode() != QueueMode.PASS_THROUGH,
                progress.getWaiting(),
                progress.getServingCounter(),
                progress.getActiveShoppers(),
                progress.getAdmitRatePerSecond(),
                progress.getPaused(),
                progress.getSoldOut(),
                progress.getUpdatedAt());
    }
}
