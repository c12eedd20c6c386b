package io.onsale.edge.queue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.CommittedAnswers;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.platform.RandomIds;
import io.onsale.kafka.compat.QueueReasons;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueueCommandType;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueReason;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The command gateway of the waiting room: produce a queue command keyed by eventId (one event's commands are one
 * total order, decided in one partition), then answer from the committed {@code queue-events} answer with the same
 * request id (ADR 0004, 0006). Empty when no answer is committed within the decision timeout: never a guess.
 * Only {@code JOIN}, {@code LEAVE} and {@code CHANGE_POLICY} are ever produced here; the platform's own commands
 * ({@code CHECKOUT_ENDED}, {@code SOLD_OUT}, {@code INVENTORY_BACK}) are never accepted from a caller. Timer
 * {@code onsale.queue.answers} (tags {@code command}, {@code outcome}) counts and times every answer.
 */
class QueueGateway {

    /** Commands start as copies of this one: no default is looked up on an event loop (see OrderGateway's). */
    private static final QueueCommand BLANK = QueueCommand.newBuilder()
            .setRequestId("-")
            .setType(QueueCommandType.JOIN)
            .setEventId("-")
            .build();

    private final CommandPublisher publisher;
    private final CommittedAnswers<QueueEvent> answers;
    private final Topics topics;
    private final Duration timeout;
    private final MeterRegistry meters;

    QueueGateway(
            CommandPublisher publisher,
            CommittedAnswers<QueueEvent> answers,
            Topics topics,
            KafkaSettings settings,
            MeterRegistry meters) {
        this.publisher = publisher;
        this.answers = answers;
        this.topics = topics;
        this.timeout = settings.decisionTimeout();
        this.meters = meters;
    }

    /** Idempotent by nature: the room answers a buyer with a live place that same place ({@code duplicate: true}). */
    Mono<Optional<QueueEvent>> join(String eventId, String buyerId) {
        return send(QueueCommand.newBuilder(BLANK)
                .setRequestId("join:" + eventId + ":" + buyerId + ":" + RandomIds.uuid())
                .setType(QueueCommandType.JOIN)
                .setEventId(eventId)
                .setBuyerId(buyerId)
                .build());
    }

    /** The buyer gives the place up (and an admitted buyer the shopper slot, so the next buyer need not wait for it). */
    Mono<Optional<QueueEvent>> leave(String eventId, String buyerId) {
        return send(QueueCommand.newBuilder(BLANK)
                .setRequestId("leave:" + eventId + ":" + buyerId + ":" + RandomIds.uuid())
                .setType(QueueCommandType.LEAVE)
                .setEventId(eventId)
                .setBuyerId(buyerId)
                .build());
    }

    /** @param policy the whole policy to put in force, or {@code null} to keep it; @param paused {@code null} to keep */
    Mono<Optional<QueueEvent>> changePolicy(String eventId, QueuePolicy policy, Boolean paused) {
        return send(QueueCommand.newBuilder(BLANK)
                .setRequestId("policy:" + eventId + ":" + RandomIds.uuid())
                .setType(QueueCommandType.CHANGE_POLICY)
                .setEventId(eventId)
                .setPolicy(policy)
                .setPaused(paused)
                .build());
    }

    private Mono<Optional<QueueEvent>> send(QueueCommand command) {
        String requestId = command.getRequestId();
        Timer.Sample sample = Timer.start(meters);
        // Registered before the command exists, so its answer cannot pass by unseen.
        CompletableFuture<QueueEvent> answer = answers.await(requestId);
        return publisher
                .publish(topics.queueRequests(), command.getEventId(), command)
                .then(Mono.fromFuture(answer, true))
                // The answer completes on the follower's thread, which must go back to reading answers at once.
                .publishOn(Schedulers.parallel())
                .map(Optional::of)
                .timeout(timeout, Mono.fromSupplier(Optional::empty))
                .doOnNext(outcome -> sample.stop(meters.timer(
                        "onsale.queue.answers", "command", command.getType().name(), "outcome", outcomeOf(outcome))))
                .doFinally(signal -> answers.forget(requestId, answer));
    }

    /** JOINED, JOINED:DUPLICATE, POLICY_CHANGED, REJECTED:<reason> (UNKNOWN for one newer than this edge), PENDING. */
    private static String outcomeOf(Optional<QueueEvent> answer) {
        if (answer.isEmpty()) {
            return "PENDING";
        }
        QueueEvent event = answer.get();
        // Typed, so a room's detail or a newer room's names never become new tag values.
        QueueReason reason = QueueReasons.of(event);
        if (reason != null) {
            return event.getType().name() + ":" + reason.name();
        }
        return event.getDuplicate()
                ? event.getType().name() + ":DUPLICATE"
                : event.getType().name();
    }
}
