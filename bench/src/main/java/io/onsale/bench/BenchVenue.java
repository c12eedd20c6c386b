package io.onsale.bench;

import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderCommandType;
import io.onsale.schema.order.OrderUnit;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's event: {@code seats} reserved seats in sections of {@value #SEATS_PER_SECTION} (rows of
 * {@value #SEATS_PER_ROW}), on sale since an hour ago. Hold {@code i} asks for seat {@code i mod seats}, so with
 * more holds than seats every seat is raced for: the first hold of each seat wins, every later one is rejected.
 */
record BenchVenue(String eventId, int seats) {

    static final int SEATS_PER_SECTION = 1_000;
    static final int SEATS_PER_ROW = 50;

    EventConfig config(Instant saleOpensAt) {
        List<Section> sections = new ArrayList<>();
        for (int first = 0; first < seats; first += SEATS_PER_SECTION) {
            List<Seat> sectionSeats = new ArrayList<>();
            for (int seat = first; seat < Math.min(seats, first + SEATS_PER_SECTION); seat++) {
                sectionSeats.add(Seat.newBuilder()
                        .setSeatId(seatId(seat))
                        .setRow(Integer.toString(row(seat)))
                        .setNumber(number(seat))
                        .build());
            }
            sections.add(Section.newBuilder()
                    .setSectionId(sectionId(first))
                    .setName("Section " + sectionId(first))
                    .setKind(SectionKind.RESERVED)
                    .setPriceTier("T" + (1 + first / SEATS_PER_SECTION % 3))
                    .setPriceMinor(4_500 + 1_000L * (first / SEATS_PER_SECTION % 3))
                    .setSeats(sectionSeats)
                    .setZones(List.of())
                    .build());
        }
        return EventConfig.newBuilder()
                .setEventId(eventId)
                .setName("Benchmark night")
                .setVenue("Bench Arena")
                .setSaleOpensAt(saleOpensAt)
                .setCurrency(io.onsale.loadgen.client.EventConfig.TEST_CURRENCY)
                .setHoldWindowMinutes(10)
                .setPerBuyerLimit(8)
                .setSections(sections)
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
    }

    /** Hold number {@code i}: buyer {@code buyer-i} asks for seat {@code i mod seats}. */
    ReservationCommand hold(int i) {
        int seat = i % seats;
        return ReservationCommand.newBuilder()
                .setRequestId(requestId(i))
                .setType(ReservationCommandType.HOLD)
                .setEventId(eventId)
                .setSectionId(sectionId(seat))
                .setUnitId(seatId(seat))
                .setHoldId("hold-" + i)
                .setBuyerId("buyer-" + i)
                .setQuantity(1)
                .build();
    }

    /** Order number {@code i}: buyer {@code buyer-i} places an order for seat {@code i mod seats}, through the order engine. */
    OrderCommand place(int i) {
        int seat = i % seats;
        return OrderCommand.newBuilder()
                .setRequestId(requestId(i))
                .setType(OrderCommandType.PLACE)
                .setOrderId("order-" + i)
                .setEventId(eventId)
                .setBuyerId("buyer-" + i)
                .setUnits(List.of(OrderUnit.newBuilder()
                        .setSectionId(sectionId(seat))
                        .setUnitId(seatId(seat))
                        .setQuantity(1)
                        .build()))
                .build();
    }

    /** The order key of order {@code i}: one buyer per order. */
    String orderKey(int i) {
        return eventId + "|buyer-" + i;
    }

    /** The unit key, the partition key of every reservation command. */
    String unitKey(int seat) {
        return PartitionKeys.unit(eventId, sectionId(seat), seatId(seat));
    }

    static String requestId(int hold) {
        return "bench-req-" + hold;
    }

    /** The hold number of a request id made by {@link #requestId(int)}, or -1. */
    static int holdNumber(String requestId) {
        if (requestId == null || !requestId.startsWith("bench-req-")) {
            return -1;
        }
        try {
            return Integer.parseInt(requestId.substring("bench-req-".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String sectionId(int seat) {
        return String.format("S%03d", 1 + seat / SEATS_PER_SECTION);
    }

    private static String seatId(int seat) {
        return sectionId(seat) + "-" + row(seat) + "-" + number(seat);
    }

    private static int row(int seat) {
        return 1 + seat % SEATS_PER_SECTION / SEATS_PER_ROW;
    }

    private static int number(int seat) {
        return 1 + seat % SEATS_PER_ROW;
    }
}
