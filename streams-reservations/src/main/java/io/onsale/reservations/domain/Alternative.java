package io.onsale.reservations.domain;

import java.util.List;

/**
 * Something still free, offered to a buyer who lost a race: specific units of a section, or, when
 * {@code unitIds} is empty, {@code quantity} best-available tickets of the section.
 */
public record Alternative(String sectionId, List<String> unitIds, int quantity, long priceMinor) {

    public Alternative {
        unitIds = List.copyOf(unitIds);
    }
}
