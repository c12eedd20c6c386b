package io.onsale.edge.organizer;

import io.onsale.reservations.config.EventConfigValidator.Problem;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.Zone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An organizer's change to what is on sale (plain Java): units taken off sale ({@code kill}: seat or zone ids), put
 * back ({@code restore}), and zones' capacities ({@code capacity}: zone id to its new capacity). It is applied to the
 * event's config as it is now, giving the next config, which the engine applies unit by unit: what is held or sold
 * stays with its buyers (a killed seat that is held stays held until it is paid or expires; a zone never shrinks
 * below what is taken).
 */
record InventoryChange(List<String> kill, List<String> restore, Map<String, Integer> capacity) {

    InventoryChange {
        kill = kill == null ? List.of() : List.copyOf(kill);
        restore = restore == null ? List.of() : List.copyOf(restore);
        capacity = capacity == null ? Map.of() : Map.copyOf(capacity);
    }

    boolean isEmpty() {
        return kill.isEmpty() && restore.isEmpty() && capacity.isEmpty();
    }

    /** What is wrong with this change for this event, each with the field it is about; empty when it applies. */
    List<Problem> problemsWith(EventConfig current) {
        Set<String> seats = new HashSet<>();
        Set<String> zones = new HashSet<>();
        for (Section section : current.getSections()) {
            section.getSeats().forEach(seat -> seats.add(seat.getSeatId()));
            section.getZones().forEach(zone -> zones.add(zone.getZoneId()));
        }
        List<Problem> problems = new ArrayList<>();
        if (isEmpty()) {
            problems.add(new Problem("", "nothing to change: give kill, restore or capacity"));
        }
        unknownUnits("kill", kill, seats, zones, problems);
        unknownUnits("restore", restore, seats, zones, problems);
        Set<String> both = new HashSet<>(kill);
        both.retainAll(restore);
        both.stream()
                .sorted()
                .forEach(unit -> problems.add(new Problem("restore", "'" + unit + "' is both killed and restored")));
        capacity.forEach((zoneId, value) -> {
            if (!zones.contains(zoneId)) {
                problems.add(new Problem(
                        "capacity." + zoneId,
                        seats.contains(zoneId)
                                ? "'" + zoneId + "' is a seat: a seat's capacity is 1, kill or restore it instead"
                                : "no general-admission zone '" + zoneId + "' in event " + current.getEventId()));
            } else if (value == null || value < 0) {
                problems.add(new Problem("capacity." + zoneId, "must be 0 or more, got " + value));
            }
        });
        return problems;
    }

    private static void unknownUnits(
            String field, List<String> units, Set<String> seats, Set<String> zones, List<Problem> problems) {
        for (int i = 0; i < units.size(); i++) {
            String unit = units.get(i);
            if (unit == null || (!seats.contains(unit) && !zones.contains(unit))) {
                problems.add(new Problem(field + "[" + i + "]", "no seat or zone '" + unit + "' in this event"));
            }
        }
    }

    /** The next config: the current one with this change. Only for a change without {@link #problemsWith problems}. */
    EventConfig applyTo(EventConfig current) {
        Set<String> killed = new HashSet<>(kill);
        Set<String> restored = new HashSet<>(restore);
        List<Section> sections = current.getSections().stream()
                .map(section -> Section.newBuilder(section)
                        .setSeats(section.getSeats().stream()
                                .map(seat -> Seat.newBuilder(seat)
                                        .setKilled(killedAfter(seat.getSeatId(), seat.getKilled(), killed, restored))
                                        .build())
                                .toList())
                        .setZones(section.getZones().stream()
                                .map(zone -> Zone.newBuilder(zone)
                                        .setKilled(killedAfter(zone.getZoneId(), zone.getKilled(), killed, restored))
                                        .setCapacity(capacity.getOrDefault(zone.getZoneId(), zone.getCapacity()))
                                        .build())
                                .toList())
                        .build())
                .toList();
        return EventConfig.newBuilder(current).setSections(sections).build();
    }

    private static boolean killedAfter(String unit, boolean now, Set<String> killed, Set<String> restored) {
        return killed.contains(unit) || (now && !restored.contains(unit));
    }

    /** Sections whose zones' total capacity shrinks, with that total after the change. */
    static Map<String, Integer> shrunkSections(EventConfig current, EventConfig next) {
        Map<String, Integer> before = zoneCapacities(current);
        Map<String, Integer> shrunk = new LinkedHashMap<>();
        zoneCapacities(next).forEach((sectionId, after) -> {
            if (after < before.getOrDefault(sectionId, 0)) {
                shrunk.put(sectionId, after);
            }
        });
        return shrunk;
    }

    private static Map<String, Integer> zoneCapacities(EventConfig config) {
        Map<String, Integer> totals = new HashMap<>();
        for (Section section : config.getSections()) {
            totals.put(
                    section.getSectionId(),
                    section.getZones().stream().mapToInt(Zone::getCapacity).sum());
        }
        return totals;
    }
}
