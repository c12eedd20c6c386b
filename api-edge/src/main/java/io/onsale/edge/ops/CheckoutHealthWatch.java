package io.onsale.edge.ops;

import io.onsale.edge.ops.Sample.Key;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueueCommandType;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health-aware admission, the edge's half: at each evaluation it reads checkout's health from the same window as the
 * alerts (payment gateway p99 and failures, hold answers' p99), lets {@link CheckoutHealthDecider} decide the share of
 * the organizer's admit rate, and tells every event's waiting room ({@code CHECKOUT_HEALTH} on queue-requests): every
 * evaluation while slowed (a room lets a slowdown nobody renews lapse), once more when back to full. The room decides
 * what that means for its batches and says why on queue-progress, which the dashboard and the organizer's queue read.
 */
final class CheckoutHealthWatch {

    private static final Logger log = LoggerFactory.getLogger(CheckoutHealthWatch.class);

    private final CheckoutHealthDecider decider;
    private final Duration window;
    private final CommandPublisher publisher;
    private final Topics topics;
    private final String instance;
    private volatile CheckoutHealthDecider.Verdict verdict = new CheckoutHealthDecider.Verdict(1.0, null);

    CheckoutHealthWatch(
            CheckoutHealthDecider decider,
            Duration window,
            CommandPublisher publisher,
            Topics topics,
            String instance) {
        this.decider = decider;
        this.window = window;
        this.publisher = publisher;
        this.topics = topics;
        this.instance = instance;
    }

    CheckoutHealthDecider.Verdict verdict() {
        return verdict;
    }

    void evaluate(SlidingWindow samples, Instant now) {
        CheckoutHealthDecider.Verdict before = verdict;
        CheckoutHealthDecider.Verdict next = decider.decide(reading(samples, window));
        verdict = next;
        if (!next.slowed() && !before.slowed()) {
            return;
        }
        if (next.slowed() != before.slowed()) {
            log.warn(
                    "checkout health: admitting {}% of each event's rate{}",
                    Math.round(next.share() * 100), next.slowed() ? " because " + next.slowedBecause() : " again");
        }
        for (String eventId : samples.labels(Readings.QUEUE_WAITING)) {
            QueueCommand command = QueueCommand.newBuilder()
                    .setRequestId("health:" + instance + ":" + eventId + ":" + now.toEpochMilli())
                    .setType(QueueCommandType.CHECKOUT_HEALTH)
                    .setEventId(eventId)
                    .setCheckoutShare(next.share())
                    .setSlowedBecause(next.slowedBecause())
                    .build();
            publisher
                    .publish(topics.queueRequests(), eventId, command)
                    .subscribe(
                            sent -> {},
                            error -> log.warn("checkout health for {} not sent: {}", eventId, error.toString()));
        }
    }

    /** What the window says of checkout; a part nobody exercised (no gateway calls, no holds) is not judged. */
    static CheckoutHealthDecider.Reading reading(SlidingWindow samples, Duration over) {
        Duration gatewayP99 = null;
        double calls = 0;
        double failures = 0;
        for (String call : samples.labels(Readings.GATEWAY_CALLS)) {
            calls +=
                    samples.increase(Key.of(Readings.GATEWAY_CALLS, call), over).orElse(0);
            failures += samples.increase(Key.of(Readings.GATEWAY_FAILURES, call), over)
                    .orElse(0);
        }
        for (String call : samples.labels(Readings.GATEWAY_LATENCY)) {
            OptionalDouble p99 = samples.quantile(Key.of(Readings.GATEWAY_LATENCY, call), 0.99, over);
            if (p99.isPresent()
                    && (gatewayP99 == null || seconds(p99.getAsDouble()).compareTo(gatewayP99) > 0)) {
                gatewayP99 = seconds(p99.getAsDouble());
            }
        }
        OptionalDouble holdP99 = samples.quantile(Key.of(Readings.HOLD_LATENCY), 0.99, over);
        return new CheckoutHealthDecider.Reading(
                gatewayP99,
                calls > 0 ? failures / calls : null,
                holdP99.isPresent() ? seconds(holdP99.getAsDouble()) : null);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1_000_000_000L));
    }
}
