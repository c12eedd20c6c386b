package io.onsale.reservations.topology;

import io.onsale.reservations.domain.Hold;
import io.onsale.reservations.domain.Unit;
import io.onsale.reservations.domain.UnitCommand;
import io.onsale.reservations.domain.UnitDecider;
import io.onsale.reservations.domain.UnitDecision;
import io.onsale.reservations.domain.UnitEvent;
import io.onsale.reservations.domain.UnitKey;
import io.onsale.schema.order.OrderUpdate;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.SectionCommand;
import io.onsale.schema.reservation.UnitState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides each reservation command for its unit, in offset order: load the unit, ask the decider, store,
 * forward the decisions. The record timestamp is the decision time, so replays decide the same way.
 *
 * <p>Every live hold has an entry in {@code unit-expiry-index}, ordered by deadline. A wall-clock punctuator
 * turns due entries into EXPIRE commands on the unit's own input topic: the expiry is then decided like any
 * other command, in the unit's log, and a replay of that log expires the same holds at the same points.
 *
 * <p>Besides {@code reservation-events}, each decision is told to the unit's section (its counts, for the
 * availability view and best-available picks) and to the order that asked (keyed by buyer). A refused hold
 * reaches its order through the section, which attaches the alternatives to offer.
 */
final class UnitProcessor implements Processor<String, ReservationCommand, String, Object> {

    static final Duration EXPIRY_SCAN_INTERVAL = Duration.ofSeconds(1);

    private final UnitDecider decider = new UnitDecider();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, UnitState> units;
    private KeyValueStore<String, String> expiryIndex;
    private DecisionMetrics metrics;
    private DecodedCache<UnitState> decoded;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.units = context.getStateStore(ReservationsTopology.UNITS_STORE);
        this.expiryIndex = context.getStateStore(ReservationsTopology.UNIT_EXPIRY_INDEX_STORE);
        this.decoded = new DecodedCache<>(DecodedCache.DEFAULT_ENTRIES);
        this.metrics = new DecisionMetrics(context.metrics(), "units", context.taskId().toString());
        context.schedule(EXPIRY_SCAN_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::expireDueHolds);
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
        UnitState stored = load(record.key());
        Optional<Unit> before = Optional.ofNullable(stored).map(AvroMapping::toUnit);
        UnitDecision decision = decider.decide(before, key, command);

        UnitState current = stored;
        if (decision.changed()) {
            current = store(record.key(), value, stored, decision);
            reindex(key, before, decision.state());
        }
        var spec = decision.state().map(Unit::spec).orElse(null);
        for (UnitEvent event : decision.events()) {
            metrics.record(event.reason() == null ? event.type().name() : event.type() + "-" + event.reason());
            context.forward(record.withValue((Object) AvroMapping.toEvent(key, event, spec)),
                    ReservationsTopology.RESERVATION_EVENTS_SINK);
            tellOrder(record, value, key, event, current);
        }
        boolean orderHold = value.getType() == ReservationCommandType.HOLD && value.getOrderId() != null;
        if (current != null && (decision.changed() || orderHold)) {
            SectionCommand changed = SectionMapping.unitChanged(current, decision.state().get(), value, record.timestamp());
            context.forward(record.withKey(SectionMapping.sectionKey(key)).withValue((Object) changed),
                    ReservationsTopology.UNIT_CHANGES_SINK);
        }
    }

    /** Writes the decided state back and returns it as stored ({@code null} when the unit is gone). */
    private UnitState store(String unitKey, ReservationCommand value, UnitState stored, UnitDecision decision) {
        if (decision.state().isEmpty()) {
            units.delete(unitKey);
            decoded.put(unitKey, null);
            return null;
        }
        boolean configured = decision.events().stream().anyMatch(event -> event.type() == UnitEvent.Type.CONFIGURED);
        var spec = configured ? value.getSpec() : stored.getSpec();
        UnitState next = AvroMapping.fromUnit(decision.state().get(), spec);
        units.put(unitKey, next);
        decoded.put(unitKey, next);
        return next;
    }

    private UnitState load(String unitKey) {
        UnitState known = decoded.get(unitKey);
        if (known != null) {
            return known;
        }
        UnitState stored = units.get(unitKey);
        decoded.put(unitKey, stored);
        return stored;
    }

    /** Keeps exactly one index entry per live hold. */
    private void reindex(UnitKey key, Optional<Unit> before, Optional<Unit> after) {
        Map<String, Hold> old = holdsOf(before);
        Map<String, Hold> now = holdsOf(after);
        old.values().stream().filter(hold -> !now.containsKey(hold.holdId()))
                .forEach(hold -> expiryIndex.delete(ExpiryIndex.key(hold.expiresAt(), key, hold.holdId())));
        now.values().stream().filter(hold -> !old.containsKey(hold.holdId()))
                .forEach(hold -> expiryIndex.put(ExpiryIndex.key(hold.expiresAt(), key, hold.holdId()), key.asString()));
    }

    private static Map<String, Hold> holdsOf(Optional<Unit> unit) {
        return unit.map(Unit::holds).orElse(List.of()).stream().collect(Collectors.toMap(Hold::holdId, Function.identity()));
    }

    private void tellOrder(Record<String, ReservationCommand> record, ReservationCommand value, UnitKey key, UnitEvent event,
                           UnitState current) {
        if (event.orderId() == null || event.buyerId() == null || event.type() == UnitEvent.Type.CONFIGURED) {
            return;
        }
        if (event.type() == UnitEvent.Type.REJECTED && value.getType() == ReservationCommandType.HOLD) {
            SectionCommand rejected = SectionMapping.unitRejected(key, event, value, current);
            context.forward(record.withKey(SectionMapping.sectionKey(key)).withValue((Object) rejected),
                    ReservationsTopology.UNIT_CHANGES_SINK);
            return;
        }
        long price = current == null ? 0 : current.getSpec().getPriceMinor();
        String currency = current == null ? "EUR" : current.getSpec().getCurrency();
        OrderUpdate update = OrderMapping.unitDecided(key, event, price, currency);
        context.forward(record.withKey(OrderMapping.orderKey(key.eventId(), event.buyerId())).withValue((Object) update),
                ReservationsTopology.UNIT_DECISIONS_SINK);
    }

    /** Turns every due hold into an EXPIRE command for its unit, stamped with the time it was found due. */
    private void expireDueHolds(long now) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = expiryIndex.range(ExpiryIndex.FIRST, ExpiryIndex.upTo(now))) {
            entries.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            ExpiryIndex.Entry parsed = ExpiryIndex.parse(entry.key);
            expiryIndex.delete(entry.key);
            ReservationCommand expire = ReservationCommand.newBuilder()
                    .setRequestId("expire:" + parsed.holdId() + ":" + parsed.deadline().toEpochMilli())
                    .setType(ReservationCommandType.EXPIRE)
                    .setEventId(parsed.unit().eventId()).setSectionId(parsed.unit().sectionId())
                    .setUnitId(parsed.unit().unitId())
                    .setHoldId(parsed.holdId())
                    .build();
            context.forward(new Record<>(parsed.unit().asString(), (Object) expire, now), ReservationsTopology.EXPIRE_HOLDS_SINK);
        }
    }
}
