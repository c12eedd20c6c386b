package io.onsale.loadgen.race;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What the edge says about each seat of a section, read back after the race instead of trusting its answers. */
record SeatMap(Map<String, String> statusBySeat) {

    static final String AVAILABLE = "AVAILABLE";
    static final String HELD = "HELD";
    static final String SOLD = "SOLD";

    SeatMap {
        statusBySeat = Collections.unmodifiableMap(new LinkedHashMap<>(statusBySeat));
    }

    static SeatMap fromJson(JsonNode json) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (JsonNode seat : json.path("seats")) {
            statuses.put(seat.path("seatId").asText(), seat.path("status").asText());
        }
        return new SeatMap(statuses);
    }

    /** HELD or SOLD: somebody has it, so some buyer must have been told so. */
    boolean taken(String seatId) {
        String status = statusBySeat.get(seatId);
        return HELD.equals(status) || SOLD.equals(status);
    }

    boolean lists(String seatId) {
        return statusBySeat.containsKey(seatId);
    }

    boolean listsAll(Iterable<String> seatIds) {
        for (String seatId : seatIds) {
            if (!lists(seatId)) {
                return false;
            }
        }
        return true;
    }

    String status(String seatId) {
        return statusBySeat.getOrDefault(seatId, "(missing)");
    }

    Set<String> seatIds() {
        return statusBySeat.keySet();
    }

    long count(String status) {
        return statusBySeat.values().stream().filter(status::equals).count();
    }
}
