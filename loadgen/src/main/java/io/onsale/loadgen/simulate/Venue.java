package io.onsale.loadgen.simulate;

import io.onsale.loadgen.client.EventConfig;
import io.onsale.loadgen.client.EventConfig.Seat;
import io.onsale.loadgen.client.EventConfig.Section;
import io.onsale.loadgen.client.EventConfig.Zone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated venue: a small premium section everybody wants, a few reserved sections of falling popularity, and a
 * general-admission floor. Popularity decides where buyers ask for seats, so the best sections see real races.
 *
 * @param sections   reserved sections first (best first), the floor last
 * @param popularity relative demand per section, same order
 */
record Venue(List<Section> sections, List<Double> popularity) {

    static final int SEATS_PER_ROW = 20;
    static final String FLOOR = "FLOOR";
    /** The floor's zone; one zone, so a GA order names it and the unit decides directly. */
    static final String FLOOR_ZONE = "FLOOR-1";
    /** Larger reserved sections are split so that no seat map is too big to read back in one answer. */
    static final int MAX_SECTION_SEATS = 5_000;

    static final int PER_BUYER_LIMIT = 4;

    Venue {
        sections = List.copyOf(sections);
        popularity = List.copyOf(popularity);
    }

    /**
     * {@code seats} tickets in all: {@code gaShare} of them on the floor, the rest reserved; a premium section P
     * with a tenth of the reserved seats, then sections A, B, C… in equal parts.
     */
    static Venue of(int seats, double gaShare) {
        int floor = (int) Math.round(seats * gaShare);
        int reserved = seats - floor;
        List<Section> sections = new ArrayList<>();
        List<Double> popularity = new ArrayList<>();
        if (reserved > 0) {
            int premium = Math.max(1, reserved / 10);
            sections.add(reserved("P", "Premium", "T1", 15_000, premium));
            popularity.add(4.0);
            int rest = reserved - premium;
            int parts = Math.max(rest > 0 ? 3 : 0, (rest + MAX_SECTION_SEATS - 1) / MAX_SECTION_SEATS);
            for (int i = 0; i < parts; i++) {
                int size = rest / parts + (i < rest % parts ? 1 : 0);
                if (size == 0) {
                    continue;
                }
                String id = sectionName(i);
                sections.add(reserved(
                        id, "Stalls " + id, "T" + Math.min(i + 2, 9), Math.max(2_000, 9_000 - 1_500L * i), size));
                // Falling popularity: A is wanted three times as much as the last section.
                popularity.add(3.0 - 2.0 * i / Math.max(1, parts - 1));
            }
        }
        if (floor > 0) {
            sections.add(Section.generalAdmission(FLOOR, "Floor", "GA", 4_500, List.of(new Zone(FLOOR_ZONE, floor))));
            popularity.add(2.0);
        }
        return new Venue(sections, popularity);
    }

    /** A, B, … Z, AA, AB, …: never "P", which is the premium section. */
    static String sectionName(int index) {
        StringBuilder name = new StringBuilder();
        int i = index;
        do {
            char c = (char) ('A' + i % 25);
            name.insert(0, c >= 'P' ? (char) (c + 1) : c);
            i = i / 25 - 1;
        } while (i >= 0);
        return name.toString();
    }

    private static Section reserved(String id, String name, String tier, long priceMinor, int seats) {
        List<Seat> layout = new ArrayList<>(seats);
        for (int i = 0; i < seats; i++) {
            int row = i / SEATS_PER_ROW + 1;
            int number = i % SEATS_PER_ROW + 1;
            layout.add(new Seat(id + "-" + row + "-" + number, String.valueOf(row), number));
        }
        return Section.reserved(id, name, tier, priceMinor, layout);
    }

    int capacity() {
        return sections.stream().mapToInt(Section::capacity).sum();
    }

    List<Section> reservedSections() {
        return sections.stream().filter(Section::isReserved).toList();
    }

    /** The organizer's config. */
    EventConfig config(String name, Instant saleOpensAt, int holdWindowMinutes, EventConfig.QueuePolicy queuePolicy) {
        return new EventConfig(
                name,
                "Simulated Arena",
                saleOpensAt,
                EventConfig.TEST_CURRENCY,
                holdWindowMinutes,
                PER_BUYER_LIMIT,
                sections,
                queuePolicy);
    }
}
