package io.onsale.edge.catalog;

import io.onsale.reservations.config.EventConfigValidator.Problem;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An event config as JSON: what organizers send and what buyers read. Optional fields fall back to the schema's defaults;
 * required ones that are missing are reported as problems, never as a server error.
 */
public record EventConfigJson(
        String eventId,
        String name,
        String venue,
        Instant saleOpensAt,
        String currency,
        Integer holdWindowMinutes,
        Integer perBuyerLimit,
        List<SectionJson> sections,
        QueuePolicyJson queuePolicy) {

    public record SectionJson(
            String sectionId,
            String name,
            String kind,
            String priceTier,
            Long priceMinor,
            List<SeatJson> seats,
            List<ZoneJson> zones) {}

    public record SeatJson(String seatId, String row, Integer number) {}

    public record ZoneJson(String zoneId, Integer capacity) {}

    public record QueuePolicyJson(
            Integer activationThreshold,
            Integer maxAdmitRatePerSecond,
            Integer targetActiveShoppers,
            Integer purchaseWindowMinutes) {}

    /** @return the Avro config, or {@code null} with {@code problems} filled when a required field is missing */
    public EventConfig toAvro(String pathEventId, List<Problem> problems) {
        if (eventId != null && !eventId.equals(pathEventId)) {
            problems.add(
                    new Problem("eventId", "'" + eventId + "' differs from the path's event id '" + pathEventId + "'"));
        }
        require(problems, "name", name);
        require(problems, "venue", venue);
        require(problems, "saleOpensAt", saleOpensAt);
        require(problems, "sections", sections);
        List<Section> avroSections = new ArrayList<>();
        if (sections != null) {
            for (int i = 0; i < sections.size(); i++) {
                Section section = section(i, sections.get(i), problems);
                if (section != null) {
                    avroSections.add(section);
                }
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        QueuePolicy.Builder policy = QueuePolicy.newBuilder();
        if (queuePolicy != null) {
            if (queuePolicy.activationThreshold() != null) {
                policy.setActivationThreshold(queuePolicy.activationThreshold());
            }
            if (queuePolicy.maxAdmitRatePerSecond() != null) {
                policy.setMaxAdmitRatePerSecond(queuePolicy.maxAdmitRatePerSecond());
            }
            if (queuePolicy.targetActiveShoppers() != null) {
                policy.setTargetActiveShoppers(queuePolicy.targetActiveShoppers());
            }
            if (queuePolicy.purchaseWindowMinutes() != null) {
                policy.setPurchaseWindowMinutes(queuePolicy.purchaseWindowMinutes());
            }
        }
        EventConfig.Builder config = EventConfig.newBuilder()
                .setEventId(pathEventId)
                .setName(name)
                .setVenue(venue)
                .setSaleOpensAt(saleOpensAt)
                .setSections(avroSections)
                .setQueuePolicy(policy.build());
        if (currency != null) {
            config.setCurrency(currency);
        }
        if (holdWindowMinutes != null) {
            config.setHoldWindowMinutes(holdWindowMinutes);
        }
        if (perBuyerLimit != null) {
            config.setPerBuyerLimit(perBuyerLimit);
        }
        return config.build();
    }

    private static Section section(int i, SectionJson json, List<Problem> problems) {
        String at = "sections[" + i + "]";
        if (json == null) {
            problems.add(new Problem(at, "must not be null"));
            return null;
        }
        int before = problems.size();
        require(problems, at + ".sectionId", json.sectionId());
        require(problems, at + ".name", json.name());
        require(problems, at + ".priceTier", json.priceTier());
        require(problems, at + ".priceMinor", json.priceMinor());
        SectionKind kind = null;
        if (json.kind() == null) {
            problems.add(new Problem(at + ".kind", "is required: RESERVED or GENERAL_ADMISSION"));
        } else if (json.kind().equals("RESERVED") || json.kind().equals("GENERAL_ADMISSION")) {
            kind = SectionKind.valueOf(json.kind());
        } else {
            problems.add(new Problem(at + ".kind", "must be RESERVED or GENERAL_ADMISSION, got '" + json.kind() + "'"));
        }
        List<Seat> seats = new ArrayList<>();
        List<SeatJson> seatJson = json.seats() == null ? List.of() : json.seats();
        for (int s = 0; s < seatJson.size(); s++) {
            SeatJson seat = seatJson.get(s);
            String seatAt = at + ".seats[" + s + "]";
            if (seat == null) {
                problems.add(new Problem(seatAt, "must not be null"));
                continue;
            }
            require(problems, seatAt + ".seatId", seat.seatId());
            require(problems, seatAt + ".row", seat.row());
            require(problems, seatAt + ".number", seat.number());
            if (seat.seatId() != null && seat.row() != null && seat.number() != null) {
                seats.add(Seat.newBuilder()
                        .setSeatId(seat.seatId())
                        .setRow(seat.row())
                        .setNumber(seat.number())
                        .build());
            }
        }
        List<Zone> zones = new ArrayList<>();
        List<ZoneJson> zoneJson = json.zones() == null ? List.of() : json.zones();
        for (int z = 0; z < zoneJson.size(); z++) {
            ZoneJson zone = zoneJson.get(z);
            String zoneAt = at + ".zones[" + z + "]";
            if (zone == null) {
                problems.add(new Problem(zoneAt, "must not be null"));
                continue;
            }
            require(problems, zoneAt + ".zoneId", zone.zoneId());
            require(problems, zoneAt + ".capacity", zone.capacity());
            if (zone.zoneId() != null && zone.capacity() != null) {
                zones.add(Zone.newBuilder()
                        .setZoneId(zone.zoneId())
                        .setCapacity(zone.capacity())
                        .build());
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return Section.newBuilder()
                .setSectionId(json.sectionId())
                .setName(json.name())
                .setKind(kind)
                .setPriceTier(json.priceTier())
                .setPriceMinor(json.priceMinor())
                .setSeats(seats)
                .setZones(zones)
                .build();
    }

    public static EventConfigJson fromAvro(EventConfig config) {
        return new EventConfigJson(
                config.getEventId(),
                config.getName(),
                config.getVenue(),
                config.getSaleOpensAt(),
                config.getCurrency(),
                config.getHoldWindowMinutes(),
                config.getPerBuyerLimit(),
                config.getSections().stream()
                        .map(section -> new SectionJson(
                                section.getSectionId(),
                                section.getName(),
                                section.getKind().name(),
                                section.getPriceTier(),
                                section.getPriceMinor(),
                                section.getSeats().stream()
                                        .map(seat -> new SeatJson(seat.getSeatId(), seat.getRow(), seat.getNumber()))
                                        .toList(),
                                section.getZones().stream()
                                        .map(zone -> new ZoneJson(zone.getZoneId(), zone.getCapacity()))
                                        .toList()))
                        .toList(),
                new QueuePolicyJson(
                        config.getQueuePolicy().getActivationThreshold(),
                        config.getQueuePolicy().getMaxAdmitRatePerSecond(),
                        config.getQueuePolicy().getTargetActiveShoppers(),
                        config.getQueuePolicy().getPurchaseWindowMinutes()));
    }

    private static void require(List<Problem> problems, String field, Object value) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            problems.add(new Problem(field, "is required"));
        }
    }
}
