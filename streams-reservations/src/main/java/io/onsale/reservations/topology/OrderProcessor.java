package io.onsale.reservations.topology;

import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.reservations.domain.Order;
import io.onsale.reservations.domain.OrderDecider;
import io.onsale.reservations.domain.OrderDecision;
import io.onsale.reservations.domain.OrderInput;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the books of each buyer's orders for an event ({@code eventId|buyerId}): buyers' commands from
 * {@code order-requests} and their units' decisions from {@code order-updates}, on the same partition, in one
 * order. Fans an order out into unit holds (or asks the section to pick), and answers all-or-nothing on
 * {@code order-events}. A buyer's record ({@code orders}) is one changelog message rewritten on every decision, so it is
 * bounded (ADR 0015): ended orders beyond the most recent few move to {@code finished-orders}, keyed by order id, where
 * a retry still finds them for 24 h (a wall-clock punctuator deletes older ones).
 */
final class OrderProcessor implements Processor<String, Object, String, Object> {

    /** @param rules shared by every task of the topology, kept current by the catalogue's updater */
    OrderProcessor(EventRulesCache rules) {
        this.rules = rules;
    }

    /** How often archived orders past {@link OrderDecider#KEEP_FINISHED} are deleted: as {@code placed-orders} are. */
    static final Duration ARCHIVE_CLEANUP_INTERVAL = Duration.ofMinutes(10);

    private final OrderDecider decider = new OrderDecider();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, BuyerOrders> orders;
    /** Ended orders that left their buyer's record (ADR 0015), one per key, each a {@code BuyerOrders} of that order. */
    private KeyValueStore<String, BuyerOrders> finished;

    private final EventRulesCache rules;
    private KeyValueStore<String, EventConfig> events;
    private DecisionMetrics metrics;
    private DecodedCache<BuyerOrders> decoded;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.orders = context.getStateStore(ReservationsTopology.ORDERS_STORE);
        this.finished = context.getStateStore(ReservationsTopology.FINISHED_ORDERS_STORE);
        context.schedule(ARCHIVE_CLEANUP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forgetOldArchivedOrders);
        this.events = context.getStateStore(ReservationsTopology.EVENTS_STORE);
        this.decoded = new DecodedCache<>(DecodedCache.DEFAULT_ENTRIES);
        this.metrics = new DecisionMetrics(
                context.metrics(), "orders", context.taskId().toString());
    }

    /**
     * The buyer's orders, with the order {@code orderId} taken back from {@code finished-orders} when it left the record
     * (ADR 0015): a retry of its request, a confirm or cancel of it, or a late answer about it is then decided against
     * the order as it was, never as a new one. The decider hands it back to the archive afterwards (a re-write of the
     * same value). A new order costs one store read that finds nothing.
     */
    private List<Order> withArchived(List<Order> current, String eventId, String buyerId, String orderId) {
        if (orderId == null
                || current.stream().anyMatch(order -> order.orderId().equals(orderId))) {
            return current;
        }
        BuyerOrders archived = finished.get(OrderMapping.finishedOrderKey(eventId, buyerId, orderId));
        if (archived == null) {
            return current;
        }
        List<Order> withIt = new ArrayList<>(current);
        withIt.addAll(OrderMapping.toOrders(archived));
        return withIt;
    }

    /** Forgets archived orders once retries of them are no longer answered as decided (the books' own horizon). */
    private void forgetOldArchivedOrders(long now) {
        Instant horizon = Instant.ofEpochMilli(now).minus(OrderDecider.KEEP_FINISHED);
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, BuyerOrders> all = finished.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.getOrders().stream()
                        .allMatch(order -> order.getUpdatedAt().isBefore(horizon))) {
                    old.add(entry.key);
                }
            });
        }
        old.forEach(finished::delete);
    }

    @Override
    public void process(Record<String, Object> record) {
        Instant at = Instant.ofEpochMilli(record.timestamp());
        String eventId;
        String buyerId;
        OrderInput input;
        EventRulesCache.Rules eventRules;
        if (record.value() instanceof OrderCommand command) {
            eventId = command.getEventId();
            buyerId = command.getBuyerId();
            eventRules = rules.rules(eventId, events::get);
            input = OrderMapping.toInput(
                    command,
                    at,
                    seatId -> eventRules == null
                            ? null
                            : eventRules.sectionOfSeat().get(seatId));
        } else if (record.value() instanceof OrderUpdate update) {
            eventId = update.getEventId();
            buyerId = update.getBuyerId();
            // An order its section placed is checked against the buyer's limit here, after the fact (ADR 0009).
            eventRules = update.getType() == io.onsale.schema.order.OrderUpdateType.PLACED
                    ? rules.rules(eventId, events::get)
                    : null;
            input = OrderMapping.toInput(update, at);
        } else {
            throw new IllegalArgumentException("an order input must not be null (key " + record.key() + ")");
        }
        String key = OrderMapping.orderKey(eventId, buyerId);
        if (!key.equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the order key '" + key
                    + "'; it would be decided on the wrong partition");
        }
        BuyerOrders stored = decoded.get(key);
        if (stored == null) {
            stored = orders.get(key);
        }
        List<Order> current = withArchived(OrderMapping.toOrders(stored), eventId, buyerId, input.orderId());
        OrderDecision decision = decider.decide(
                current, OrderMapping.releasesOf(stored), eventRules == null ? null : eventRules.orderRules(), input);
        if (decision.changed()) {
            BuyerOrders next =
                    decision.orders().isEmpty() && decision.releases().isEmpty()
                            ? null
                            : OrderMapping.fromOrders(eventId, buyerId, decision.orders(), decision.releases());
            if (next == null) {
                orders.delete(key);
            } else {
                orders.put(key, next);
            }
            decoded.put(key, next);
        }
        for (Order order : decision.archived()) {
            finished.put(
                    OrderMapping.finishedOrderKey(eventId, buyerId, order.orderId()),
                    OrderMapping.fromOrders(eventId, buyerId, List.of(order)));
        }
        String orderId = input.orderId();
        for (OrderDecision.UnitRequest request : decision.unitRequests()) {
            String unitKey = PartitionKeys.unit(eventId, request.sectionId(), request.unitId());
            context.forward(
                    record.withKey(unitKey)
                            .withValue((Object) OrderMapping.unitCommand(eventId, buyerId, orderId, request)),
                    ReservationsTopology.ORDER_UNIT_COMMANDS_SINK);
        }
        for (OrderDecision.AllocationRequest request : decision.allocationRequests()) {
            context.forward(
                    record.withKey(SectionMapping.sectionKey(eventId, request.sectionId()))
                            .withValue((Object) OrderMapping.allocate(eventId, buyerId, request, at)),
                    ReservationsTopology.ALLOCATE_SINK);
        }
        for (OrderDecision.Answer answer : decision.answers()) {
            metrics.record(
                    answer.type() == OrderDecision.Answer.Type.REJECTED
                            ? "rejected-" + answer.reason()
                            : answer.type().name());
            context.forward(
                    Answers.stamped(record.withValue((Object) OrderMapping.toEvent(eventId, buyerId, answer))),
                    ReservationsTopology.ORDER_EVENTS_SINK);
        }
    }
}
