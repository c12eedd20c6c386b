package io.onsale.edge.organizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.reservations.config.EventConfigValidator.Problem;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryChangeTest {

    private static final EventConfig EVENT = EventConfig.newBuilder()
            .setEventId("E1")
            .setName("n")
            .setVenue("v")
            .setSaleOpensAt(Instant.parse("2026-12-01T10:00:00Z"))
            .setPerBuyerLimit(4)
            .setQueuePolicy(QueuePolicy.newBuilder().build())
            .setSections(List.of(
                    Section.newBuilder()
                            .setSectionId("A")
                            .setName("A")
                            .setKind(SectionKind.RESERVED)
                            .setPriceTier("T1")
                            .setPriceMinor(9_900)
                            .setZones(List.of())
                            .setSeats(List.of(seat("A-1-1", false), seat("A-1-2", true), seat("A-1-3", false)))
                            .build(),
                    Section.newBuilder()
                            .setSectionId("FLOOR")
                            .setName("Floor")
                            .setKind(SectionKind.GENERAL_ADMISSION)
                            .setPriceTier("GA")
                            .setPriceMinor(4_500)
                            .setSeats(List.of())
                            .setZones(List.of(
                                    Zone.newBuilder()
                                            .setZoneId("FLOOR-1")
                                            .setCapacity(100)
                                            .build(),
                                    Zone.newBuilder()
                                            .setZoneId("FLOOR-2")
                                            .setCapacity(50)
                                            .build()))
                            .build()))
            .build();

    @Test
    void killsRestoresAndCapacitiesApplyToTheConfigInForceAndNothingElseChanges() {
        InventoryChange change =
                new InventoryChange(List.of("A-1-1", "FLOOR-2"), List.of("A-1-2"), Map.of("FLOOR-1", 120));

        assertThat(change.problemsWith(EVENT)).isEmpty();
        EventConfig next = change.applyTo(EVENT);

        assertThat(next.getSections().get(0).getSeats())
                .extracting(Seat::getSeatId, Seat::getKilled)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A-1-1", true),
                        org.assertj.core.groups.Tuple.tuple("A-1-2", false),
                        org.assertj.core.groups.Tuple.tuple("A-1-3", false));
        assertThat(next.getSections().get(1).getZones())
                .extracting(Zone::getZoneId, Zone::getCapacity, Zone::getKilled)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("FLOOR-1", 120, false),
                        org.assertj.core.groups.Tuple.tuple("FLOOR-2", 50, true));
        assertThat(EventConfig.newBuilder(next).setSections(EVENT.getSections()).build())
                .isEqualTo(EVENT);
        assertThat(EVENT.getSections().get(0).getSeats().get(0).getKilled())
                .isFalse(); // the config in force is untouched
    }

    @Test
    void unknownUnitsSeatsGivenACapacityNegativeCapacitiesAndContradictionsAreEachNamed() {
        InventoryChange change = new InventoryChange(
                List.of("A-9-9", "A-1-3"), List.of("A-1-3"), Map.of("A-1-1", 2, "FLOOR-1", -1, "NOPE", 5));

        assertThat(change.problemsWith(EVENT))
                .extracting(Problem::field)
                .containsExactlyInAnyOrder("kill[0]", "restore", "capacity.A-1-1", "capacity.FLOOR-1", "capacity.NOPE");
    }

    @Test
    void anEmptyChangeIsAProblem() {
        assertThat(new InventoryChange(null, null, null).isEmpty()).isTrue();
        assertThat(new InventoryChange(null, null, null).problemsWith(EVENT)).hasSize(1);
    }

    @Test
    void onlySectionsWhoseZonesShrinkAreCheckedAgainstWhatIsTaken() {
        EventConfig grown = new InventoryChange(null, null, Map.of("FLOOR-1", 130)).applyTo(EVENT);
        EventConfig shrunk = new InventoryChange(null, null, Map.of("FLOOR-1", 80, "FLOOR-2", 60)).applyTo(EVENT);

        assertThat(InventoryChange.shrunkSections(EVENT, grown)).isEmpty();
        assertThat(InventoryChange.shrunkSections(EVENT, shrunk)).containsExactly(Map.entry("FLOOR", 140));
    }

    @Test
    void theVersionIsTheSameForTheSameConfigAndChangesWithIt() {
        EventConfig same = EventConfig.newBuilder(EVENT).build();
        EventConfig changed = new InventoryChange(List.of("A-1-1"), null, null).applyTo(EVENT);

        assertThat(ConfigVersion.of(same))
                .isEqualTo(ConfigVersion.of(EVENT))
                .startsWith("\"")
                .endsWith("\"");
        assertThat(ConfigVersion.of(changed)).isNotEqualTo(ConfigVersion.of(EVENT));
    }

    private static Seat seat(String id, boolean killed) {
        return Seat.newBuilder()
                .setSeatId(id)
                .setRow("1")
                .setNumber(1)
                .setKilled(killed)
                .build();
    }
}
