package io.onsale.reservations.config;

import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules an event configuration must follow before anything is sold from it. Used by the edge before it
 * produces an organizer's config, and by the topology for configs produced to {@code event-config} directly.
 */
public final class EventConfigValidator {

    public static final int MIN_HOLD_MINUTES = 1;
    public static final int MAX_HOLD_MINUTES = 30;
    public static final int MAX_UNITS_PER_EVENT = 60_000;
    public static final int MAX_OWNER_LENGTH = 128;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** One thing wrong with a config: where (a JSON-path-like field name) and what. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private EventConfigValidator() {}

    public static List<Problem> problems(EventConfig config) {
        List<Problem> problems = new ArrayList<>();
        id(problems, "eventId", config.getEventId());
        notBlank(problems, "name", config.getName());
        notBlank(problems, "venue", config.getVenue());
        if (config.getSaleOpensAt() == null) {
            problems.add(new Problem("saleOpensAt", "is required"));
        }
        if (config.getCurrency() == null
                || !CURRENCY.matcher(config.getCurrency()).matches()) {
            problems.add(new Problem(
                    "currency", "must be an ISO 4217 code such as EUR, got '" + config.getCurrency() + "'"));
        }
        if (config.getHoldWindowMinutes() < MIN_HOLD_MINUTES || config.getHoldWindowMinutes() > MAX_HOLD_MINUTES) {
            problems.add(new Problem(
                    "holdWindowMinutes",
                    "must be between " + MIN_HOLD_MINUTES + " and " + MAX_HOLD_MINUTES + ", got "
                            + config.getHoldWindowMinutes()));
        }
        if (config.getPerBuyerLimit() < 1 || config.getPerBuyerLimit() > 100) {
            problems.add(new Problem("perBuyerLimit", "must be between 1 and 100, got " + config.getPerBuyerLimit()));
        }
        queuePolicy(problems, config.getQueuePolicy());
        sections(problems, config.getSections());
        owner(problems, config.getOwner());
        return problems;
    }

    /**
     * Whether {@code next} may replace {@code previous} (the config in force, {@code null} for a new event): once an
     * event has an owner, every later config names the same one, so no config takes an event from its organizer. An
     * event without an owner (configured before owners were recorded) gets one with its next config.
     */
    public static Optional<Problem> ownership(EventConfig previous, EventConfig next) {
        if (previous == null || previous.getOwner() == null || Objects.equals(previous.getOwner(), next.getOwner())) {
            return Optional.empty();
        }
        return Optional.of(new Problem(
                "owner",
                "event '" + next.getEventId() + "' belongs to organizer '"
                        + previous.getOwner() + "'; a config "
                        + (next.getOwner() == null ? "without an owner" : "owned by '" + next.getOwner() + "'")
                        + " cannot replace it"));
    }

    /** An owner is an organizer id from a token's subject: it is part of keys and logs, so no separators. */
    private static void owner(List<Problem> problems, String owner) {
        if (owner == null) {
            return;
        }
        if (owner.isBlank() || owner.length() > MAX_OWNER_LENGTH) {
            problems.add(
                    new Problem("owner", "must be 1 to " + MAX_OWNER_LENGTH + " characters, got " + owner.length()));
            return;
        }
        for (int i = 0; i < owner.length(); i++) {
            char c = owner.charAt(i);
            if (c == ':' || c == '|' || Character.isISOControl(c)) {
                problems.add(new Problem(
                        "owner",
                        String.format("must not contain ':', '|' or control characters, got " + "U+%04X", (int) c)));
                return;
            }
        }
    }

    private static void sections(List<Problem> problems, List<Section> sections) {
        if (sections == null || sections.isEmpty()) {
            problems.add(new Problem("sections", "must list at least one section"));
            return;
        }
        Set<String> sectionIds = new HashSet<>();
        Set<String> unitIds = new HashSet<>();
        int units = 0;
        for (int i = 0; i < sections.size(); i++) {
            Section section = sections.get(i);
            String at = "sections[" + i + "]";
            if (id(problems, at + ".sectionId", section.getSectionId()) && !sectionIds.add(section.getSectionId())) {
                problems.add(new Problem(at + ".sectionId", "'" + section.getSectionId() + "' appears twice"));
            }
            notBlank(problems, at + ".name", section.getName());
            notBlank(problems, at + ".priceTier", section.getPriceTier());
            if (section.getPriceMinor() < 0) {
                problems.add(new Problem(at + ".priceMinor", "must not be negative, got " + section.getPriceMinor()));
            }
            if (section.getKind() == SectionKind.RESERVED) {
                if (section.getSeats().isEmpty()) {
                    problems.add(new Problem(at + ".seats", "a RESERVED section needs at least one seat"));
                }
                if (!section.getZones().isEmpty()) {
                    problems.add(new Problem(at + ".zones", "a RESERVED section has seats, not zones"));
                }
                for (int s = 0; s < section.getSeats().size(); s++) {
                    Seat seat = section.getSeats().get(s);
                    String seatAt = at + ".seats[" + s + "]";
                    if (id(problems, seatAt + ".seatId", seat.getSeatId()) && !unitIds.add(seat.getSeatId())) {
                        problems.add(new Problem(
                                seatAt + ".seatId", "'" + seat.getSeatId() + "' appears twice in the event"));
                    }
                    notBlank(problems, seatAt + ".row", seat.getRow());
                    if (seat.getNumber() < 1) {
                        problems.add(new Problem(seatAt + ".number", "must be 1 or more, got " + seat.getNumber()));
                    }
                }
                units += section.getSeats().size();
            } else if (section.getKind() == SectionKind.GENERAL_ADMISSION) {
                if (section.getZones().isEmpty()) {
                    problems.add(new Problem(at + ".zones", "a GENERAL_ADMISSION section needs at least one zone"));
                }
                if (!section.getSeats().isEmpty()) {
                    problems.add(new Problem(at + ".seats", "a GENERAL_ADMISSION section has zones, not seats"));
                }
                for (int z = 0; z < section.getZones().size(); z++) {
                    Zone zone = section.getZones().get(z);
                    String zoneAt = at + ".zones[" + z + "]";
                    if (id(problems, zoneAt + ".zoneId", zone.getZoneId()) && !unitIds.add(zone.getZoneId())) {
                        problems.add(new Problem(
                                zoneAt + ".zoneId", "'" + zone.getZoneId() + "' appears twice in the event"));
                    }
                    if (zone.getCapacity() < 1) {
                        problems.add(new Problem(zoneAt + ".capacity", "must be 1 or more, got " + zone.getCapacity()));
                    }
                }
                units += section.getZones().size();
            } else {
                problems.add(new Problem(at + ".kind", "must be RESERVED or GENERAL_ADMISSION"));
            }
        }
        if (units > MAX_UNITS_PER_EVENT) {
            problems.add(new Problem(
                    "sections", "an event may have at most " + MAX_UNITS_PER_EVENT + " seats and zones, got " + units));
        }
    }

    private static void queuePolicy(List<Problem> problems, QueuePolicy policy) {
        if (policy == null) {
            problems.add(new Problem("queuePolicy", "is required"));
            return;
        }
        positive(problems, "queuePolicy.activationThreshold", policy.getActivationThreshold());
        positive(problems, "queuePolicy.maxAdmitRatePerSecond", policy.getMaxAdmitRatePerSecond());
        positive(problems, "queuePolicy.targetActiveShoppers", policy.getTargetActiveShoppers());
        if (policy.getPurchaseWindowMinutes() < 1 || policy.getPurchaseWindowMinutes() > 60) {
            problems.add(new Problem(
                    "queuePolicy.purchaseWindowMinutes",
                    "must be between 1 and 60, got " + policy.getPurchaseWindowMinutes()));
        }
    }

    private static boolean id(List<Problem> problems, String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            problems.add(new Problem(
                    field,
                    "must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a"
                            + " letter or digit, got '" + value + "'"));
            return false;
        }
        return true;
    }

    private static void notBlank(List<Problem> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(field, "must not be blank"));
        }
    }

    private static void positive(List<Problem> problems, String field, int value) {
        if (value < 1) {
            problems.add(new Problem(field, "must be 1 or more, got " + value));
        }
    }
}
