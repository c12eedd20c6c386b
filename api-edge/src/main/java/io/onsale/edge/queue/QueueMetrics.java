package io.onsale.edge.queue;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.schema.queue.QueueMode;
import io.onsale.schema.queue.QueueProgress;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import reactor.core.Disposable;

/**
 * Per-event gauges of every waiting room, read from this instance's progress view (so every instance reports every
 * event): {@code onsale.queue.waiting}, {@code onsale.queue.active.shoppers}, {@code onsale.queue.admit.rate}
 * (observed, per second), {@code onsale.queue.serving.counter}, {@code onsale.queue.admitted} (total),
 * {@code onsale.queue.last.position} (the highest position handed out), {@code onsale.queue.admit.limit} (the admit
 * rate in force: the organizer's, or less while checkout is unhealthy),
 * {@code onsale.queue.target.active.shoppers} (the policy in force), tag {@code event}; and
 * {@code onsale.queue.mode} (1 for the room's mode, 0 for the others; tags {@code event}, {@code mode}). Registered when
 * an event's progress is first seen here.
 *
 * <p>ETA accuracy, for the ETAs this instance quoted ({@link EtaAccuracy}): {@code onsale.queue.eta.outcome}
 * (counter, tags {@code event}, {@code outcome} = within / early / late) and {@code onsale.queue.eta.error}
 * (seconds between the real wait and the middle of the quoted range; p50/p90/p99 published).
 */
final class QueueMetrics implements AutoCloseable {

    private final QueueProgressView view;
    private final MeterRegistry meters;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Disposable subscription;
    private final Disposable admissions;

    QueueMetrics(QueueProgressView view, EtaAccuracy accuracy, MeterRegistry meters) {
        this.view = view;
        this.meters = meters;
        this.subscription = view.changes().subscribe(this::register);
        this.admissions = view.admissions()
                .subscribe(admission -> accuracy.admitted(
                                admission.eventId(),
                                admission.batch().fromPosition(),
                                admission.batch().toPosition(),
                                admission.batch().admittedAt())
                        .forEach(this::record));
    }

    private void record(EtaAccuracy.Verdict verdict) {
        meters.counter(
                        "onsale.queue.eta.outcome",
                        "event",
                        verdict.eventId(),
                        "outcome",
                        verdict.outcome().name().toLowerCase(Locale.ROOT))
                .increment();
        DistributionSummary.builder("onsale.queue.eta.error")
                .baseUnit("seconds")
                .tag("event", verdict.eventId())
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(meters)
                .record(verdict.errorSeconds());
    }

    void register(String eventId) {
        if (!registered.add(eventId)) {
            return;
        }
        gauge("onsale.queue.waiting", eventId, QueueProgress::getWaiting);
        gauge("onsale.queue.active.shoppers", eventId, QueueProgress::getActiveShoppers);
        gauge("onsale.queue.admit.rate", eventId, QueueProgress::getAdmitRatePerSecond);
        // The rate in force: the organizer's, or less while checkout is unhealthy (health-aware admission).
        gauge("onsale.queue.admit.limit", eventId, QueueProgress::getAdmitLimitPerSecond);
        gauge("onsale.queue.serving.counter", eventId, QueueProgress::getServingCounter);
        gauge("onsale.queue.admitted", eventId, QueueProgress::getAdmittedTotal);
        // The highest position handed out: its rate is the room's arrivals, whichever instance answered the joins.
        gauge("onsale.queue.last.position", eventId, QueueProgress::getLastPosition);
        // What "not draining" is judged against (ops/prometheus/alerts.yml): the organizer's target, and the room's
        // mode
        // (only a QUEUING room should drain; PRE_SALE, PAUSED and SOLD_OUT rooms hold their buyers on purpose).
        gauge(
                "onsale.queue.target.active.shoppers",
                eventId,
                progress -> progress.getPolicy() == null
                        ? Double.NaN
                        : progress.getPolicy().getTargetActiveShoppers());
        for (QueueMode mode : QueueMode.values()) {
            if (mode != QueueMode.UNKNOWN) {
                Gauge.builder(
                                "onsale.queue.mode",
                                view,
                                current -> current.progress(eventId)
                                        .map(progress -> progress.getMode() == mode ? 1.0 : 0.0)
                                        .orElse(Double.NaN))
                        .tags("event", eventId, "mode", mode.name())
                        .register(meters);
            }
        }
    }

    private void gauge(String name, String eventId, ToDoubleFunction<QueueProgress> value) {
        Gauge.builder(
                        name,
                        view,
                        current -> current.progress(eventId)
                                .map(value::applyAsDouble)
                                .orElse(Double.NaN))
                .tag("event", eventId)
                .register(meters);
    }

    @Override
    public void close() {
        subscription.dispose();
        admissions.dispose();
    }
}
