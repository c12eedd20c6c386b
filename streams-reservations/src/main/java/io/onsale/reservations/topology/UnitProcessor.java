package io.onsale.reservations.topology;

import io.onsale.reservations.domain.Unit;
import io.onsale.reservations.domain.UnitCommand;
import io.onsale.reservations.domain.UnitDecider;
import io.onsale.reservations.domain.UnitDecision;
import io.onsale.reservations.domain.UnitEvent;
import io.onsale.reservations.domain.UnitKey;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.UnitState;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides each reservation command for its unit, in offset order: load the unit, ask the decider, store,
 * forward the decisions. The record timestamp is the decision time, so replays decide the same way.
 */
final class UnitProcessor implements Processor<String, ReservationCommand, String, ReservationEvent> {

    private final UnitDecider decider = new UnitDecider();
    private ProcessorContext<String, ReservationEvent> context;
    private KeyValueStore<String, UnitState> units;

    @Override
    public void init(ProcessorContext<String, ReservationEvent> context) {
        this.context = context;
        this.units = context.getStateStore(ReservationsTopology.UNITS_STORE);
    }

    @Override
    public void process(Record<String, ReservationCommand> record) {
        ReservationCommand value = record.value();
        if (value == null) {
            throw new IllegalArgumentException("a reservation command must not be null (key " + record.key() + ")");
        }
        UnitKey key = AvroMapping.keyOf(value);
        if (!key.asString().equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the unit key '" + key
                    + "' of its command; it would be decided on the wrong partition");
        }
        UnitCommand command = AvroMapping.toCommand(value, Instant.ofEpochMilli(record.timestamp()));
        UnitState stored = units.get(record.key());
        UnitDecision decision = decider.decide(Optional.ofNullable(stored).map(AvroMapping::toUnit), key, command);

        if (decision.changed()) {
            if (decision.state().isPresent()) {
                var configured = value.getType() == ReservationCommandType.CONFIGURE ? value.getSpec() : stored.getSpec();
                units.put(record.key(), AvroMapping.fromUnit(decision.state().get(), configured));
            } else {
                units.delete(record.key());
            }
        }
        var spec = decision.state().map(Unit::spec).orElse(null);
        for (UnitEvent event : decision.events()) {
            context.forward(record.withValue(AvroMapping.toEvent(key, event, spec)));
        }
    }
}
