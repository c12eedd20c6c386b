package io.onsale.kafka.codec;

import io.onsale.schema.config.EventConfig;
import io.onsale.schema.ops.AlertEvent;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderUpdate;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueuePlace;
import io.onsale.schema.queue.QueueProgress;
import io.onsale.schema.queue.QueueRoom;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.SectionCommand;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitState;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The top-level records that are written to topics or stores. Each has its released versions under
 * {@code schemas/released/<full name>/vN.avsc}; nested records are checked through their parents.
 */
public final class SchemaCatalog {

    private static final List<Schema> TOP_LEVEL = List.of(
            EventConfig.getClassSchema(),
            ReservationCommand.getClassSchema(),
            ReservationEvent.getClassSchema(),
            UnitState.getClassSchema(),
            OrderCommand.getClassSchema(),
            OrderEvent.getClassSchema(),
            QueueCommand.getClassSchema(),
            QueueProgress.getClassSchema(),
            PaymentEvent.getClassSchema(),
            OrderUpdate.getClassSchema(),
            BuyerOrders.getClassSchema(),
            SectionCommand.getClassSchema(),
            UnitAvailability.getClassSchema(),
            SectionSummary.getClassSchema(),
            QueueEvent.getClassSchema(),
            QueueRoom.getClassSchema(),
            QueuePlace.getClassSchema(),
            AlertEvent.getClassSchema());

    private SchemaCatalog() {}

    public static List<Schema> topLevel() {
        return TOP_LEVEL;
    }
}
