package io.onsale.reservations.domain;

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

    public String asString() {
        return eventId + SEPARATOR + sectionId + SEPARATOR + unitId;
    }

    @Override
    public String toString() {
        return asString();
    }

    private static void requirePart(String part, String name) {
        if (part == null || part.isBlank() || part.contains(SEPARATOR)) {
            throw new IllegalArgumentException(
                    name + " must be non-blank and must not contain '|', got '" + part + "'");
        }
    }
}
