package io.onsale.queue.topology;

import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueueCommandType;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns the end of a buyer's checkout (order CONFIRMED, CANCELLED or EXPIRED, keyed {@code eventId|buyerId}) into a
 * CHECKOUT_ENDED command on {@code queue-requests}, keyed by event, so the room frees the buyer's shopper slot in
 * the same total order as its joins. Other order events are not the waiting room's business.
 */
final class CheckoutEndRouter implements Processor<String, OrderEvent, String, QueueCommand> {

    private static final Set<OrderEventType> CHECKOUT_ENDS =
            Set.of(OrderEventType.CONFIRMED, OrderEventType.CANCELLED, OrderEventType.EXPIRED);

    private ProcessorContext<String, QueueCommand> context;

    @Override
    public void init(ProcessorContext<String, QueueCommand> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        OrderEvent event = record.value();
        if (event == null) {
            throw new IllegalArgumentException("an order event must not be null (key " + record.key() + ")");
        }
        if (!CHECKOUT_ENDS.contains(event.getType())) {
            return;
        }
        QueueCommand command = QueueCommand.newBuilder()
                .setRequestId("checkout-ended:" + event.getRequestId() + ":" + event.getType())
                .setType(QueueCommandType.CHECKOUT_ENDED)
                .setEventId(event.getEventId())
                .setBuyerId(event.getBuyerId())
                .setOrderId(event.getOrderId())
                .setOutcome(event.getType().name())
                .build();
        context.forward(record.withKey(event.getEventId()).withValue(command));
    }
}
