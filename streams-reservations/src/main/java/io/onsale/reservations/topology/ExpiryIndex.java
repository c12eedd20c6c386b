package io.onsale.reservations.topology;

import io.onsale.reservations.domain.UnitKey;
import java.time.Instant;

/**
 * Keys of the {@code unit-expiry-index} store: {@code <deadline, 13 digits>|eventId|sectionId|unitId|holdId}.
 * Zero-padded epoch milliseconds sort like the instants they encode, so a range scan up to "now" finds
 * exactly the holds that are due. Unit key parts never hold '|', so the hold id is everything after the fourth.
 */
final class ExpiryIndex {

    static final String FIRST = "0000000000000|";

    record Entry(Instant deadline, UnitKey unit, String holdId) {}

    private ExpiryIndex() {}

    static String key(Instant deadline, UnitKey unit, String holdId) {
        return String.format("%013d|%s|%s", deadline.toEpochMilli(), unit.asString(), holdId);
    }

    /** The last possible key of every hold due at or before {@code epochMillis}. */
    static String upTo(long epochMillis) {
        return String.format("%013d|\uffff", epochMillis);
    }

    static Entry parse(String key) {
        String[] parts = key.split("\\|", 5);
        return new Entry(
                Instant.ofEpochMilli(Long.parseLong(parts[0])), new UnitKey(parts[1], parts[2], parts[3]), parts[4]);
    }
}
