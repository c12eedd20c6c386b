package io.onsale.edge.queue;

import io.onsale.queue.tokens.SigningKey;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.queue.QueueMode;
import io.onsale.schema.queue.QueueProgress;
import java.time.Instant;

/** Named instants and intent-revealing factories for the waiting room's edge tests. */
final class QueueTestData {

    static final Instant NOW = Instant.parse("2026-12-01T10:05:00Z");
    static final Instant ONE_MINUTE_AGO = NOW.minusSeconds(60);
    static final Instant IN_NINE_MINUTES = NOW.plusSeconds(540);
    static final String SECRET = "onsale-local-queue-signing-secret-change-me-0123456789";
    static final SigningKey KEY = SigningKey.fromSecret(SECRET);

    private QueueTestData() {}

    /** A room that queues: {@code serving} served so far, admitting {@code rate} a second. */
    static QueueProgress.Builder queuing(String eventId, long serving, double rate) {
        return QueueProgress.newBuilder()
                .setEventId(eventId)
                .setServingCounter(serving)
                .setLastPosition(serving + 500)
                .setWaiting(500)
                .setMode(QueueMode.QUEUING)
                .setAdmitRatePerSecond(rate)
                .setUpdatedAt(NOW)
                .setPolicy(QueuePolicy.newBuilder().build());
    }

    static QueueProgress passingThrough(String eventId) {
        return queuing(eventId, 10, 0)
                .setWaiting(0)
                .setLastPosition(10)
                .setMode(QueueMode.PASS_THROUGH)
                .build();
    }

    static AdmittedBatches.Batch batch(long from, long to, Instant admittedAt, Instant windowEndsAt) {
        return new AdmittedBatches.Batch(from, to, admittedAt, windowEndsAt);
    }
}
