package io.onsale.edge.buyer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.onsale.edge.buyer.OrderIds.OrderRef;
import io.onsale.edge.platform.AnswerTiming;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.CommittedAnswers;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.platform.StoreReads;
import io.onsale.kafka.compat.OrderReasons;
import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderCommandType;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderReason;
import io.onsale.schema.order.OrderUnit;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The command gateway for orders: produce an order for one section to {@code hold-requests}, keyed
 * {@code eventId|sectionId}, where the section decides and answers it (ADR 0009); every other command (orders that
 * span sections, confirms, cancels) to {@code order-requests}, keyed {@code eventId|buyerId} (so all of a buyer's
 * commands for an event are decided in order, on one partition); then answer from the committed
 * {@code order-events} answer for that request. If no answer is known within the decision timeout the outcome is
 * "pending", never a guess: the order may still be held a moment later. Timer {@code onsale.orders.answers}
 * (tags {@code command}, {@code outcome}) counts and times every answer.
 */
@Component
public class OrderGateway {

    private static final Logger log = LoggerFactory.getLogger(OrderGateway.class);

    /** The answer to an order command: the committed one, or still pending; {@code timing} when known. */
    public record Outcome(String requestId, String orderId, OrderEvent answer, AnswerTiming timing) {
        Outcome(String requestId, String orderId, OrderEvent answer) {
            this(requestId, orderId, answer, null);
        }

        public boolean pending() {
            return answer == null;
        }
    }

    private final CommandPublisher publisher;
    private final CommittedAnswers<OrderEvent> answers;
    private final Topics topics;
    private final Duration timeout;
    private final MeterRegistry meters;
    private final BuyerTickets tickets;
    private final StoreReads reads;
    private final OrderStages stages;

    OrderGateway(
            CommandPublisher publisher,
            CommittedAnswers<OrderEvent> orderAnswers,
            Topics topics,
            KafkaSettings settings,
            MeterRegistry meters,
            BuyerTickets tickets,
            StoreReads reads) {
        this.publisher = publisher;
        this.answers = orderAnswers;
        this.topics = topics;
        this.timeout = settings.decisionTimeout();
        this.meters = meters;
        this.tickets = tickets;
        this.reads = reads;
        this.stages = new OrderStages(meters);
    }

    /**
     * Every command starts as a copy of this one, so that no field is left to its schema default. Avro's builders look
     * an unset field's default up in a cache whose entries are weakly held: each GC empties it, and the next builds
     * refill it under a lock, on event loops, in a burst (BlockHound caught holds waiting there in SeatRaceIT). A copy
     * sets every field and takes no lock.
     */
    private static final OrderCommand BLANK = OrderCommand.newBuilder()
            .setRequestId("-")
            .setType(OrderCommandType.PLACE)
            .setOrderId("-")
            .setEventId("-")
            .setBuyerId("-")
            .build();

    private static OrderCommand.Builder command() {
        return OrderCommand.newBuilder(BLANK);
    }

    Mono<Outcome> place(String eventId, String buyerId, String idempotencyKey, OrderPlacement placement) {
        String requestId = OrderIds.placeRequestId(eventId, buyerId, idempotencyKey);
        String orderId = OrderIds.orderIdOf(eventId, requestId);
        OrderCommand command = command()
                .setRequestId(requestId)
                .setType(OrderCommandType.PLACE)
                .setOrderId(orderId)
                .setEventId(eventId)
                .setBuyerId(buyerId)
                .setUnits(placement.units().stream()
                        .map(unit -> OrderUnit.newBuilder()
                                .setSectionId(unit.sectionId())
                                .setUnitId(unit.unitId())
                                .setQuantity(unit.quantity())
                                .build())
                        .toList())
                .setSectionId(placement.sectionId())
                .setQuantity(placement.quantity())
                .build();
        // An order for one section goes where the section lives and is answered there, one commit later (ADR 0009).
        // Every new one passes its section, which remembers it, so that no retry is decided twice (ADR 0013): one that
        // would take the buyer over the limit, as far as this instance can see the books, is handed on by the section
        // to the books, which refuse it; one the books know already (a retry) goes to them and is answered as decided.
        String section = placement.onlySection();
        if (section == null) {
            return send(command);
        }
        // The books are a state store: read off the event loop (StoreReads), and the command sent from there.
        long arrived = AnswerTiming.nowMicros();
        return reads.read(() -> tickets.route(eventId, buyerId, orderId, placement.tickets()))
                .doOnNext(route -> stages.limitRead(AnswerTiming.nowMicros() - arrived))
                .flatMap(route -> switch (route) {
                    case SECTION ->
                        send(command, topics.holdRequests(), PartitionKeys.section(eventId, section), null, null);
                    case SECTION_TO_BOOKS -> {
                        command.setToBooks(true);
                        yield send(command, topics.holdRequests(), PartitionKeys.section(eventId, section), null, null);
                    }
                    case BOOKS -> send(command);
                })
                .doOnNext(outcome -> {
                    if (!outcome.pending() && outcome.answer().getType() == OrderEventType.HELD) {
                        tickets.held(eventId, buyerId, orderId, placement.tickets());
                    }
                });
    }

    Mono<Outcome> cancel(OrderRef order, String buyerId) {
        OrderCommand command = command()
                .setRequestId(OrderIds.cancelRequestId(order.orderId()))
                .setType(OrderCommandType.CANCEL)
                .setOrderId(order.orderId())
                .setEventId(order.eventId())
                .setBuyerId(buyerId)
                .build();
        return send(command);
    }

    /**
     * @param patience how long to keep following the answer after the request itself was answered "pending"
     * @param late     gets the answer whenever it arrives within {@code patience}, whether or not the request got it too:
     *                 money authorized for a confirm must be captured or voided even when the buyer was told 202
     */
    public Mono<Outcome> confirm(
            OrderRef order, String buyerId, String paymentId, Duration patience, Consumer<OrderEvent> late) {
        OrderCommand command = command()
                .setRequestId("confirm:" + paymentId)
                .setType(OrderCommandType.CONFIRM)
                .setOrderId(order.orderId())
                .setEventId(order.eventId())
                .setBuyerId(buyerId)
                .setPaymentId(paymentId)
                .build();
        return send(command, patience, late);
    }

    private Mono<Outcome> send(OrderCommand command) {
        return send(command, null, null);
    }

    private Mono<Outcome> send(OrderCommand command, Duration patience, Consumer<OrderEvent> late) {
        return send(
                command,
                topics.orderRequests(),
                PartitionKeys.order(command.getEventId(), command.getBuyerId()),
                patience,
                late);
    }

    private Mono<Outcome> send(
            OrderCommand command,
            TopicSpec<String, OrderCommand> topic,
            String key,
            Duration patience,
            Consumer<OrderEvent> late) {
        long received = AnswerTiming.nowMicros();
        String requestId = command.getRequestId();
        String orderId = command.getOrderId();
        // Registered before the command exists, so its answer cannot pass by unseen.
        CompletableFuture<OrderEvent> answer = answers.await(requestId);
        if (late != null) {
            // Async: the follower's thread only hands answers out; settling money is not its work.
            answer.orTimeout(patience.toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((event, error) -> {
                answers.forget(requestId, answer);
                if (event != null) {
                    late.accept(event);
                } else {
                    log.warn("no answer to {} within {}: left for reconciliation", requestId, patience);
                }
            });
        }
        Timer.Sample sample = Timer.start(meters);
        long[] produced = new long[1];
        return publisher
                .publish(topic, key, command)
                .doOnNext(metadata -> produced[0] = AnswerTiming.nowMicros())
                .then(Mono.fromFuture(answer, true))
                // The answer completes on the follower's thread, which must go back to reading answers at once.
                .publishOn(Schedulers.parallel())
                .map(event -> new Outcome(requestId, orderId, event, timing(requestId, received, produced[0])))
                .timeout(timeout, Mono.fromSupplier(() -> new Outcome(requestId, orderId, null)))
                .doOnNext(outcome -> sample.stop(meters.timer(
                        "onsale.orders.answers", "command", command.getType().name(), "outcome", outcomeOf(outcome))))
                .doFinally(signal -> {
                    if (late == null) {
                        answers.forget(requestId, answer);
                    }
                });
    }

    private AnswerTiming timing(String requestId, long received, long produced) {
        long[] decidedAndSeen = answers.timingOf(requestId);
        if (decidedAndSeen == null) {
            return null;
        }
        AnswerTiming timing = new AnswerTiming(received, produced, decidedAndSeen[0], decidedAndSeen[1]);
        stages.record(timing, AnswerTiming.nowMicros());
        return timing;
    }

    /** HELD, CONFIRMED, …; REJECTED with its reason (SEAT_TAKEN, BUYER_LIMIT, …); PENDING when not answered in time. */
    private static String outcomeOf(Outcome outcome) {
        if (outcome.pending()) {
            return "PENDING";
        }
        OrderEvent event = outcome.answer();
        OrderReason reason = OrderReasons.of(event);
        return reason == null ? event.getType().name() : event.getType().name() + ":" + reason;
    }
}
