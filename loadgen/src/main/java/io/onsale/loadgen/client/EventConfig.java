package io.onsale.loadgen.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code PUT /api/admin/events/{eventId}}: what an organizer configures. The edge refuses unknown fields,
 * so absent optional fields are left out rather than sent as null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventConfig(
        String name,
        String venue,
        Instant saleOpensAt,
        String currency,
        Integer holdWindowMinutes,
        Integer perBuyerLimit,
        List<Section> sections,
        QueuePolicy queuePolicy) {

    public static final String RESERVED = "RESERVED";
    public static final String GENERAL_ADMISSION = "GENERAL_ADMISSION";
    /** The currency of every event the load generators and benches configure. */
    public static final String TEST_CURRENCY = "EUR";

    public EventConfig {
        sections = List.copyOf(sections);
    }

    /** A RESERVED section lists seats; a GENERAL_ADMISSION section lists zones with a capacity each. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Section(
            String sectionId,
            String name,
            String kind,
            String priceTier,
            long priceMinor,
            List<Seat> seats,
            List<Zone> zones) {

        public static Section reserved(
                String sectionId, String name, String priceTier, long priceMinor, List<Seat> seats) {
            return new Section(sectionId, name, RESERVED, priceTier, priceMinor, List.copyOf(seats), null);
        }

        public static Section generalAdmission(
                String sectionId, String name, String priceTier, long priceMinor, List<Zone> zones) {
            return new Section(sectionId, name, GENERAL_ADMISSION, priceTier, priceMinor, null, List.copyOf(zones));
        }

        @JsonIgnore
        public boolean isReserved() {
            return RESERVED.equals(kind);
        }

        /** Tickets, not units: a zone of 200 counts 200. */
        public int capacity() {
            return isReserved()
                    ? seats.size()
                    : zones.stream().mapToInt(Zone::capacity).sum();
        }
    }

    public record Seat(String seatId, String row, int number) {}

    public record Zone(String zoneId, int capacity) {}

    /** When the waiting room activates and how fast it admits. */
    public record QueuePolicy(
            int activationThreshold, int maxAdmitRatePerSecond, int targetActiveShoppers, int purchaseWindowMinutes) {}
}
