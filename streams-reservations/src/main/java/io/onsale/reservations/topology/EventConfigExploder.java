package io.onsale.reservations.topology;

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
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Validates an organizer's event config and, if valid, publishes it to the event catalogue and turns it
 * into one CONFIGURE command per unit, keyed by unit. Both go out in the same transaction, so anyone who
 * sees the event in the catalogue knows its units' configuration precedes any later command in their log.
 * An invalid config is refused whole (dead-letter topic with every problem in the headers).
 */
final class EventConfigExploder implements Processor<String, EventConfig, String, Object> {

    private ProcessorContext<String, Object> context;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
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
            problems.add(new EventConfigValidator.Problem("eventId", "'" + config.getEventId()
                    + "' differs from the record key '" + record.key() + "'"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventConfigException(record.key(), problems);
        }
        String requestPrefix = "configure:" + config.getEventId() + ":" + context.recordMetadata()
                .map(metadata -> metadata.partition() + "-" + metadata.offset()).orElse("unknown");
        for (Section section : config.getSections()) {
            if (section.getKind() == SectionKind.RESERVED) {
                for (Seat seat : section.getSeats()) {
                    UnitSpec spec = spec(config, section, UnitKind.SEAT, 1).setRow(seat.getRow()).setNumber(seat.getNumber())
                            .setKilled(seat.getKilled()).build();
                    forwardConfigure(record, requestPrefix, config, section, seat.getSeatId(), spec);
                }
            } else {
                for (Zone zone : section.getZones()) {
                    forwardConfigure(record, requestPrefix, config, section, zone.getZoneId(),
                            spec(config, section, UnitKind.ZONE, zone.getCapacity()).setKilled(zone.getKilled()).build());
                }
            }
        }
        context.forward(record.withValue((Object) config), ReservationsTopology.EVENT_CATALOG_SINK);
    }

    private void forwardConfigure(Record<String, EventConfig> record, String requestPrefix, EventConfig config, Section section,
                                  String unitId, UnitSpec spec) {
        ReservationCommand command = ReservationCommand.newBuilder()
                .setRequestId(requestPrefix + ":" + unitId)
                .setType(ReservationCommandType.CONFIGURE)
                .setEventId(config.getEventId()).setSectionId(section.getSectionId()).setUnitId(unitId)
                .setSpec(spec)
                .build();
        String unitKey = config.getEventId() + "|" + section.getSectionId() + "|" + unitId;
        context.forward(record.withKey(unitKey).withValue((Object) command), ReservationsTopology.CONFIGURE_UNITS_SINK);
    }

    private static UnitSpec.Builder spec(EventConfig config, Section section, UnitKind kind, int capacity) {
        return UnitSpec.newBuilder()
                .setKind(kind).setCapacity(capacity)
                .setPriceTier(section.getPriceTier()).setPriceMinor(section.getPriceMinor())
                .setCurrency(config.getCurrency()).setHoldWindowMinutes(config.getHoldWindowMinutes())
                .setSaleOpensAt(config.getSaleOpensAt()).setKilled(false);
    }
}
