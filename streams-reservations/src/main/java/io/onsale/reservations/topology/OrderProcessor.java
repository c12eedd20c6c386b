package io.onsale.reservations.topology;

import io.onsale.reservations.domain.OrderDecider;
import io.onsale.reservations.domain.OrderDecision;
import io.onsale.reservations.domain.OrderInput;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderUpdate;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the books of each buyer's orders for an event ({@code eventId|buyerId}): buyers' commands from
 * {@code order-requests} and their units' decisions from {@code order-updates}, on the same partition, in one
 * order. Fans an order out into unit holds (or asks the section to pick), and answers all-or-nothing on
 * {@code order-events}.
 */
final class OrderProcessor implements Processor<String, Object, String, Object> {

    /** @param rules shared by every task of the topology, kept current by the catalogue's updater */
    OrderProcessor(EventRulesCache rules) {
        this.rules = rules;
    }

    private final OrderDecider decider = new OrderDecider();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, BuyerOrders> orders;
    private final EventRulesCache rules;
    private KeyValueStore<String, EventConfig> events;
    private DecisionMetrics metrics;
    private DecodedCache<BuyerOrders> decoded;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.orders = context.getStateStore(ReservationsTopology.ORDERS_STORE);
        this.events = context.getStateStore(ReservationsTopology.EVENTS_STORE);
        this.decoded = new DecodedCache<>(DecodedCache.DEFAULT_ENTRIES);
        this.metrics = new DecisionMetrics(context.metrics(), "orders", context.taskId().toString());
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
            input = OrderMapping.toInput(command, at,
                    seatId -> eventRules == null ? null : eventRules.sectionOfSeat().get(seatId));
        } else if (record.value() instanceof OrderUpdate update) {
            eventId = update.getEventId();
            buyerId = update.getBuyerId();
            // An order its section placed is checked against the buyer's limit here, after the fact (ADR 0009).
            eventRules = update.getType() == io.onsale.schema.order.OrderUpdateType.PLACED ? rules.rules(eventId, events::get)
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
        OrderDecision decision = decider.decide(OrderMapping.toOrders(stored),
                eventRules == null ? null : eventRules.orderRules(), input);
        if (decision.changed()) {
            BuyerOrders next = decision.orders().isEmpty() ? null : OrderMapping.fromOrders(eventId, buyerId, decision.orders());
            if (next == null) {
                orders.delete(key);
            } else {
                orders.put(key, next);
            }
            decoded.put(key, next);
        }
        String orderId = input.orderId();
        for (OrderDecision.UnitRequest request : decision.unitRequests()) {
            String unitKey = eventId + "|" + request.sectionId() + "|" + request.unitId();
            context.forward(record.withKey(unitKey).withValue((Object) OrderMapping.unitCommand(eventId, buyerId, orderId, request)),
                    ReservationsTopology.ORDER_UNIT_COMMANDS_SINK);
        }
        for (OrderDecision.AllocationRequest request : decision.allocationRequests()) {
            context.forward(record.withKey(SectionMapping.sectionKey(eventId, request.sectionId()))
                            .withValue((Object) OrderMapping.allocate(eventId, buyerId, request, at)),
                    ReservationsTopology.ALLOCATE_SINK);
        }
        for (OrderDecision.Answer answer : decision.answers()) {
            metrics.record(answer.type() == OrderDecision.Answer.Type.REJECTED ? "rejected-" + answer.reason() : answer.type().name());
            context.forward(Answers.stamped(record.withValue((Object) OrderMapping.toEvent(eventId, buyerId, answer))),
                    ReservationsTopology.ORDER_EVENTS_SINK);
        }
    }
}
