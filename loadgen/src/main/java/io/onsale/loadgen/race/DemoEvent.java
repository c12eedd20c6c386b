package io.onsale.loadgen.race;

import io.onsale.loadgen.client.EventConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The event the race configures: one reserved section "A" whose sale is already open. */
final class DemoEvent {

    static final String SECTION_ID = "A";
    static final int SEATS_PER_ROW = 10;
    static final long PRICE_MINOR = 9900;
    /** Opened in the past rather than "now" so a clock a little ahead on the edge still sees the sale open. */
    static final Duration OPENED_AGO = Duration.ofMinutes(1);

    private final List<EventConfig.Seat> seats;
    private final Instant saleOpensAt;

    DemoEvent(List<EventConfig.Seat> seats, Instant saleOpensAt) {
        this.seats = List.copyOf(seats);
        this.saleOpensAt = saleOpensAt;
    }

    static DemoEvent openSince(int seatCount, Instant now) {
        return new DemoEvent(layout(seatCount), now.minus(OPENED_AGO).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Rows of ten: A-1-1 … A-1-10, A-2-1 …, so a large race still reads like a venue. */
    static List<EventConfig.Seat> layout(int seatCount) {
        List<EventConfig.Seat> layout = new ArrayList<>(seatCount);
        for (int i = 0; i < seatCount; i++) {
            int row = i / SEATS_PER_ROW + 1;
            int number = i % SEATS_PER_ROW + 1;
            layout.add(new EventConfig.Seat(SECTION_ID + "-" + row + "-" + number, String.valueOf(row), number));
        }
        return layout;
    }

    List<String> seatIds() {
        return seats.stream().map(EventConfig.Seat::seatId).toList();
    }

    Instant saleOpensAt() {
        return saleOpensAt;
    }

    /** The body of PUT /api/admin/events/{eventId}. */
    EventConfig config() {
        // High enough that the waiting-room queue stays off: the race is about seats, not admission.
        EventConfig.QueuePolicy queueOff = new EventConfig.QueuePolicy(500, 100, 1000, 10);
        return new EventConfig(
                "Demo night",
                "Local Arena",
                saleOpensAt,
                EventConfig.TEST_CURRENCY,
                10,
                4,
                List.of(EventConfig.Section.reserved(SECTION_ID, "Stalls A", "T1", PRICE_MINOR, seats)),
                queueOff);
    }
}
