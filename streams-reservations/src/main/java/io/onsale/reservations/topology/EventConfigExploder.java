package io.onsale.reservations.topology;

import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.reservations.config.EventConfigValidator;
import io.onsale.reservations.config.InvalidEventConfigException;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import io.onsale.schema.reservation.UnitKind;
import io.onsale.schema.reservation.UnitSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Validates an organizer's event config and, if valid, publishes it to the event catalogue and turns it
 * into one CONFIGURE command per unit that is new or changed since the last config of the event (store
 * {@code exploded-configs}), keyed by unit: killing one seat of a 60,000-seat event reconfigures one unit. Both go out in the same transaction, so anyone who
 * sees the event in the catalogue knows its units' configuration precedes any later command in their log.
 * An invalid config is refused whole (dead-letter topic with every problem in the headers), and so is one that would
 * take an event from its owner ({@link EventConfigValidator#ownership}).
 */
final class EventConfigExploder implements Processor<String, EventConfig, String, Object> {

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, EventConfig> exploded;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.exploded = context.getStateStore(ReservationsTopology.EXPLODED_CONFIGS_STORE);
    }

    @Override
    public void process(Record<String, EventConfig> record) {
        EventConfig config = record.value();
        if (config == null) {
            // A tombstone: organizers retire events through later capabilities, never by deleting the config.
            throw new IllegalArgumentException("event-config tombstone for '" + record.key() + "' is not supported");
        }
        List<EventConfigValidator.Problem> problems = EventConfigValidator.problems(config);
        if (!config.getEventId().equals(record.key())) {
            problems = new java.util.ArrayList<>(problems);
            problems.add(new EventConfigValidator.Problem(
                    "eventId", "'" + config.getEventId() + "' differs from the record key '" + record.key() + "'"));
        }
        // The config in force, read here where configs of this event are decided one by one: two organizers racing to
        // create the same event cannot both own it, whatever each edge saw.
        EventConfig previous = problems.isEmpty() ? exploded.get(config.getEventId()) : null;
        if (previous != null) {
            Optional<EventConfigValidator.Problem> takeover = EventConfigValidator.ownership(previous, config);
            if (takeover.isPresent()) {
                problems = List.of(takeover.get());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventConfigException(record.key(), problems);
        }
        String requestPrefix = "configure:" + config.getEventId() + ":"
                + context.recordMetadata()
                        .map(metadata -> metadata.partition() + "-" + metadata.offset())
                        .orElse("unknown");
        Map<String, Unit> before = previous == null ? Map.of() : units(previous);
        Map<String, Unit> after = units(config);
        for (Unit unit : after.values()) {
            Unit old = before.get(unit.unitId());
            // Zones are re-sent every time: a capacity the zone refused while it was full (it never shrinks below
            // what is held and sold) must apply when the organizer sends it again. They are few; seats are many.
            if (old == null || !old.equals(unit) || unit.spec().getKind() == UnitKind.ZONE) {
                forwardConfigure(
                        record, requestPrefix, config.getEventId(), unit.sectionId(), unit.unitId(), unit.spec());
            }
        }
        for (Unit gone : before.values()) {
            if (!after.containsKey(gone.unitId()) && !gone.spec().getKilled()) {
                // A unit dropped from the config is blocked, never forgotten: its holds and sales stay where they are.
                UnitSpec blocked =
                        UnitSpec.newBuilder(gone.spec()).setKilled(true).build();
                forwardConfigure(record, requestPrefix, config.getEventId(), gone.sectionId(), gone.unitId(), blocked);
            }
        }
        exploded.put(config.getEventId(), config);
        context.forward(record.withValue((Object) config), ReservationsTopology.EVENT_CATALOG_SINK);
    }

    /** One unit as a config describes it; unit ids are unique within an event (the validator checks). */
    private record Unit(String sectionId, String unitId, UnitSpec spec) {}

    private static Map<String, Unit> units(EventConfig config) {
        Map<String, Unit> units = new LinkedHashMap<>();
        for (Section section : config.getSections()) {
            if (section.getKind() == SectionKind.RESERVED) {
                for (Seat seat : section.getSeats()) {
                    units.put(
                            seat.getSeatId(),
                            new Unit(
                                    section.getSectionId(),
                                    seat.getSeatId(),
                                    spec(config, section, UnitKind.SEAT, 1)
                                            .setRow(seat.getRow())
                                            .setNumber(seat.getNumber())
                                            .setKilled(seat.getKilled())
                                            .build()));
                }
            } else {
                for (Zone zone : section.getZones()) {
                    units.put(
                            zone.getZoneId(),
                            new Unit(
                                    section.getSectionId(),
                                    zone.getZoneId(),
                                    spec(config, section, UnitKind.ZONE, zone.getCapacity())
                                            .setKilled(zone.getKilled())
                                            .build()));
                }
            }
        }
        return units;
    }

    private void forwardConfigure(
            Record<String, EventConfig> record,
            String requestPrefix,
            String eventId,
            String sectionId,
            String unitId,
            UnitSpec spec) {
        ReservationCommand command = ReservationCommand.newBuilder()
                .setRequestId(requestPrefix + ":" + unitId)
                .setType(ReservationCommandType.CONFIGURE)
                .setEventId(eventId)
                .setSectionId(sectionId)
                .setUnitId(unitId)
                .setSpec(spec)
                .build();
        String unitKey = PartitionKeys.unit(eventId, sectionId, unitId);
        context.forward(record.withKey(unitKey).withValue((Object) command), ReservationsTopology.CONFIGURE_UNITS_SINK);
    }

    private static UnitSpec.Builder spec(EventConfig config, Section section, UnitKind kind, int capacity) {
        return UnitSpec.newBuilder()
                .setKind(kind)
                .setCapacity(capacity)
                .setPriceTier(section.getPriceTier())
                .setPriceMinor(section.getPriceMinor())
                .setCurrency(config.getCurrency())
                .setHoldWindowMinutes(config.getHoldWindowMinutes())
                .setSaleOpensAt(config.getSaleOpensAt())
                .setKilled(false);
    }
}
