package io.onsale.edge.catalog;

import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An event's config with its units and sections indexed by id, built once per config version. */
public final class EventIndex {

    /** Where a unit (seat or zone) lives in the event. */
    public record UnitRef(Section section, String unitId, Seat seat, Zone zone) {
        public boolean isSeat() {
            return seat != null;
        }
    }

    private final EventConfig config;
    private final Map<String, UnitRef> units = new HashMap<>();
    private final Map<String, Section> sections = new HashMap<>();

    public EventIndex(EventConfig config) {
        this.config = config;
        for (Section section : config.getSections()) {
            sections.put(section.getSectionId(), section);
            if (section.getKind() == SectionKind.RESERVED) {
                section.getSeats()
                        .forEach(seat ->
                                units.put(seat.getSeatId(), new UnitRef(section, seat.getSeatId(), seat, null)));
            } else {
                section.getZones()
                        .forEach(zone ->
                                units.put(zone.getZoneId(), new UnitRef(section, zone.getZoneId(), null, zone)));
            }
        }
    }

    public EventConfig config() {
        return config;
    }

    public Optional<UnitRef> unit(String unitId) {
        return Optional.ofNullable(units.get(unitId));
    }

    public Optional<Section> section(String sectionId) {
        return Optional.ofNullable(sections.get(sectionId));
    }
}
