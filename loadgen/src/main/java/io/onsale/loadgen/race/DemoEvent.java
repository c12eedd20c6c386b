package io.onsale.loadgen.race;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    static final String CURRENCY = "EUR";
    /** Opened in the past rather than "now" so a clock a little ahead on the edge still sees the sale open. */
    static final Duration OPENED_AGO = Duration.ofMinutes(1);

    record Seat(String seatId, String row, int number) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Seat> seats;
    private final Instant saleOpensAt;

    DemoEvent(List<Seat> seats, Instant saleOpensAt) {
        this.seats = List.copyOf(seats);
        this.saleOpensAt = saleOpensAt;
    }

    static DemoEvent openSince(int seatCount, Instant now) {
        return new DemoEvent(layout(seatCount), now.minus(OPENED_AGO).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Rows of ten: A-1-1 … A-1-10, A-2-1 …, so a large race still reads like a venue. */
    static List<Seat> layout(int seatCount) {
        List<Seat> layout = new ArrayList<>(seatCount);
        for (int i = 0; i < seatCount; i++) {
            int row = i / SEATS_PER_ROW + 1;
            int number = i % SEATS_PER_ROW + 1;
            layout.add(new Seat(SECTION_ID + "-" + row + "-" + number, String.valueOf(row), number));
        }
        return layout;
    }

    List<String> seatIds() {
        return seats.stream().map(Seat::seatId).toList();
    }

    Instant saleOpensAt() {
        return saleOpensAt;
    }

    /** The body of PUT /api/admin/events/{eventId}. */
    String configJson() {
        ObjectNode config = JSON.createObjectNode()
                .put("name", "Demo night")
                .put("venue", "Local Arena")
                .put("saleOpensAt", saleOpensAt.toString())
                .put("currency", CURRENCY)
                .put("holdWindowMinutes", 10)
                .put("perBuyerLimit", 4);
        ObjectNode section = config.putArray("sections").addObject()
                .put("sectionId", SECTION_ID)
                .put("name", "Stalls A")
                .put("kind", "RESERVED")
                .put("priceTier", "T1")
                .put("priceMinor", PRICE_MINOR);
        ArrayNode seatArray = section.putArray("seats");
        for (Seat seat : seats) {
            seatArray.addObject().put("seatId", seat.seatId()).put("row", seat.row()).put("number", seat.number());
        }
        // High enough that the waiting-room queue stays off: the race is about seats, not admission.
        config.putObject("queuePolicy")
                .put("activationThreshold", 500)
                .put("maxAdmitRatePerSecond", 100)
                .put("targetActiveShoppers", 1000)
                .put("purchaseWindowMinutes", 10);
        return config.toString();
    }

    /** The body of POST /api/events/{eventId}/orders for one seat. */
    static String orderJson(String seatId) {
        ObjectNode order = JSON.createObjectNode();
        order.putArray("seats").add(seatId);
        return order.toString();
    }
}
