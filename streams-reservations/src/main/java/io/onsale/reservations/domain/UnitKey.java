package io.onsale.reservations.domain;

import java.util.Objects;

/**
 * The unit of contention and the partition key of every reservation command: {@code eventId|sectionId|unitId}.
 * For a reserved seat the unit id is the seat id; for a general-admission zone it is the zone id.
 */
public record UnitKey(String eventId, String sectionId, String unitId) {

    private static final String SEPARATOR = "|";

    public UnitKey {
        requirePart(eventId, "eventId");
        requirePart(sectionId, "sectionId");
        requirePart(unitId, "unitId");
    }

    public static UnitKey parse(String key) {
        String[] parts = Objects.requireNonNull(key, "unit key").split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a unit key has the form eventId|sectionId|unitId, got '" + key + "'");
        }
        return new UnitKey(parts[0], parts[1], parts[2]);
    }

    public String asString() {
        return eventId + SEPARATOR + sectionId + SEPARATOR + unitId;
    }

    @Override
    public String toString() {
        return asString();
    }

    private static void requirePart(String part, String name) {
        if (part == null || part.isBlank() || part.contains(SEPARATOR)) {
            throw new IllegalArgumentException(name + " must be non-blank and must not contain '|', got '" + part + "'");
        }
    }
}
