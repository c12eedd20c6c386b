package io.onsale.reservations.topology;

import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Named instants and intent-revealing factories for reservation tests. */
final class TestEvents {

    static final Instant SALE_OPEN = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant BEFORE_OPEN = SALE_OPEN.minusSeconds(3600);
    static final Instant THREE_SECONDS_AFTER_OPEN = SALE_OPEN.plusSeconds(3);
    static final Instant ELEVEN_MINUTES_AFTER_OPEN = SALE_OPEN.plusSeconds(11 * 60);

    private TestEvents() {}

    /** Section A: two rows of three reserved seats (A-1-1 … A-2-3) at 99.00; section FLOOR: one GA zone of 50 at 45.00. */
    static EventConfig smallVenue(String eventId) {
        List<Seat> seats = new ArrayList<>();
        for (int row = 1; row <= 2; row++) {
            for (int number = 1; number <= 3; number++) {
                seats.add(Seat.newBuilder()
                        .setSeatId("A-" + row + "-" + number)
                        .setRow(Integer.toString(row))
                        .setNumber(number)
                        .build());
            }
        }
        return EventConfig.newBuilder()
                .setEventId(eventId)
                .setName("Night at the Arena")
                .setVenue("Arena")
                .setSaleOpensAt(SALE_OPEN)
                .setCurrency("EUR")
                .setHoldWindowMinutes(10)
                .setPerBuyerLimit(6)
                .setSections(List.of(
                        Section.newBuilder()
                                .setSectionId("A")
                                .setName("Stalls A")
                                .setKind(SectionKind.RESERVED)
                                .setPriceTier("T1")
                                .setPriceMinor(9_900)
                                .setSeats(seats)
                                .setZones(List.of())
                                .build(),
                        Section.newBuilder()
                                .setSectionId("FLOOR")
                                .setName("Floor")
                                .setKind(SectionKind.GENERAL_ADMISSION)
                                .setPriceTier("GA")
                                .setPriceMinor(4_500)
                                .setSeats(List.of())
                                .setZones(List.of(Zone.newBuilder()
                                        .setZoneId("FLOOR-1")
                                        .setCapacity(50)
                                        .build()))
                                .build()))
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
    }

    /**
     * Section A: three rows of six seats at 99.00 (tier T1); B: two rows of four at 99.00 (T1); C: one row of four
     * at 59.00 (T2); FLOOR: a general-admission zone of 50 at 45.00. Four tickets per buyer.
     */
    static EventConfig theatre(String eventId) {
        return EventConfig.newBuilder()
                .setEventId(eventId)
                .setName("Theatre night")
                .setVenue("Theatre")
                .setSaleOpensAt(SALE_OPEN)
                .setCurrency("EUR")
                .setHoldWindowMinutes(10)
                .setPerBuyerLimit(4)
                .setSections(List.of(
                        reserved("A", "T1", 9_900, 3, 6),
                        reserved("B", "T1", 9_900, 2, 4),
                        reserved("C", "T2", 5_900, 1, 4),
                        Section.newBuilder()
                                .setSectionId("FLOOR")
                                .setName("Floor")
                                .setKind(SectionKind.GENERAL_ADMISSION)
                                .setPriceTier("GA")
                                .setPriceMinor(4_500)
                                .setSeats(List.of())
                                .setZones(List.of(Zone.newBuilder()
                                        .setZoneId("FLOOR-1")
                                        .setCapacity(50)
                                        .build()))
                                .build()))
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
    }

    static Section reserved(String sectionId, String tier, long price, int rows, int seatsPerRow) {
        List<Seat> seats = new ArrayList<>();
        for (int row = 1; row <= rows; row++) {
            for (int number = 1; number <= seatsPerRow; number++) {
                seats.add(Seat.newBuilder()
                        .setSeatId(sectionId + "-" + row + "-" + number)
                        .setRow(Integer.toString(row))
                        .setNumber(number)
                        .build());
            }
        }
        return Section.newBuilder()
                .setSectionId(sectionId)
                .setName("Section " + sectionId)
                .setKind(SectionKind.RESERVED)
                .setPriceTier(tier)
                .setPriceMinor(price)
                .setSeats(seats)
                .setZones(List.of())
                .build();
    }

    static ReservationCommand holdSeat(String eventId, String seatId, String buyer) {
        return ReservationCommand.newBuilder()
                .setRequestId("req-" + buyer + "-" + seatId)
                .setType(ReservationCommandType.HOLD)
                .setEventId(eventId)
                .setSectionId("A")
                .setUnitId(seatId)
                .setHoldId("hold-" + buyer + "-" + seatId)
                .setBuyerId(buyer)
                .setOrderId("order-" + buyer)
                .setQuantity(1)
                .build();
    }

    static ReservationCommand holdZone(String eventId, String buyer, int quantity) {
        return ReservationCommand.newBuilder()
                .setRequestId("req-" + buyer + "-floor")
                .setType(ReservationCommandType.HOLD)
                .setEventId(eventId)
                .setSectionId("FLOOR")
                .setUnitId("FLOOR-1")
                .setHoldId("hold-" + buyer + "-floor")
                .setBuyerId(buyer)
                .setQuantity(quantity)
                .build();
    }

    static String unitKey(ReservationCommand command) {
        return command.getEventId() + "|" + command.getSectionId() + "|" + command.getUnitId();
    }
}
