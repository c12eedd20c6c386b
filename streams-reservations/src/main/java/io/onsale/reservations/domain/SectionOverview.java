package io.onsale.reservations.domain;

/** Another section's live counts, for offering it to a buyer who lost a race. */
public record SectionOverview(String sectionId, UnitSpec.Kind kind, String priceTier, long priceMinor, int available) {}
