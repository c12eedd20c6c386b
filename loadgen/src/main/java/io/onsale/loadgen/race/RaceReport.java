package io.onsale.loadgen.race;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns the outcomes into the seat table and totals the demo prints. Pure text, no I/O, so it is testable. */
final class RaceReport {

    private final List<String> seatIds;
    private final List<Outcome> outcomes;

    RaceReport(List<String> seatIds, List<Outcome> outcomes) {
        this.seatIds = List.copyOf(seatIds);
        this.outcomes = List.copyOf(outcomes);
    }

    /** Outcomes per seat in seat order; seats nobody went for map to an empty list. */
    static Map<String, List<Outcome>> bySeat(List<String> seatIds, List<Outcome> outcomes) {
        Map<String, List<Outcome>> bySeat = new LinkedHashMap<>();
        seatIds.forEach(seat -> bySeat.put(seat, new ArrayList<>()));
        outcomes.forEach(o ->
                bySeat.computeIfAbsent(o.seatId(), seat -> new ArrayList<>()).add(o));
        return bySeat;
    }

    /** "SEAT_TAKEN x4, HTTP 503 x1": most frequent first, ties by name so the output is stable. */
    static String countByReason(List<Outcome> outcomes) {
        Map<String, Long> counts =
                outcomes.stream().collect(Collectors.groupingBy(Outcome::reason, Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    List<String> seatTable() {
        Map<String, List<Outcome>> bySeat = bySeat(seatIds, outcomes);
        int seatWidth = Math.max(
                4, bySeat.keySet().stream().mapToInt(String::length).max().orElse(4));
        List<String> winners = new ArrayList<>();
        bySeat.values().forEach(list -> winners.add(winners(list)));
        int winnerWidth =
                Math.max(6, winners.stream().mapToInt(String::length).max().orElse(6));
        String format = "%-" + seatWidth + "s  %-" + winnerWidth + "s  %10s  %8s  %s";

        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "seat", "winner", "contenders", "rejected", "why")
                .stripTrailing());
        int i = 0;
        for (Map.Entry<String, List<Outcome>> seat : bySeat.entrySet()) {
            List<Outcome> losers =
                    seat.getValue().stream().filter(o -> !o.isHeld()).toList();
            lines.add(String.format(
                            format,
                            seat.getKey(),
                            winners.get(i++),
                            seat.getValue().size(),
                            losers.size(),
                            countByReason(losers))
                    .stripTrailing());
        }
        return lines;
    }

    List<String> totals() {
        List<Outcome> rejected = outcomes.stream().filter(Outcome::isRejected).toList();
        List<Outcome> errors = outcomes.stream().filter(Outcome::isError).toList();
        long held = outcomes.stream().filter(Outcome::isHeld).count();
        long pendingResolved =
                outcomes.stream().filter(o -> o.wasPending() && !o.isError()).count();
        long[] latencies = outcomes.stream()
                .filter(Outcome::answered)
                .mapToLong(Outcome::latencyNanos)
                .toArray();

        List<String> lines = new ArrayList<>();
        lines.add(total("held (201)", held, ""));
        lines.add(total("rejected (409)", rejected.size(), countByReason(rejected)));
        lines.add(total("pending, then resolved", pendingResolved, ""));
        lines.add(total("other errors", errors.size(), countByReason(errors)));
        lines.add(String.format(
                "%-24s %s", "latency to decision", LatencySummary.of(latencies).describe()));
        return lines;
    }

    private static String winners(List<Outcome> seatOutcomes) {
        String names = seatOutcomes.stream()
                .filter(Outcome::isHeld)
                .map(Outcome::buyerId)
                .collect(Collectors.joining(","));
        return names.isEmpty() ? "-" : names;
    }

    private static String total(String label, long count, String detail) {
        return String.format("%-24s %5d%s", label, count, detail.isEmpty() ? "" : "  " + detail);
    }
}
