package io.onsale.loadgen.race;

import io.onsale.loadgen.client.SeatMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the race against the seat map read back from the edge. The answers alone cannot prove much: an edge that
 * holds a seat without telling anyone, or tells two buyers they won, looks fine from either buyer's side.
 */
final class RaceAudit {

    /**
     * @param oversold seats that more than one buyer was told they hold
     * @param problems audit failures, one sentence each
     * @param notes    things worth reading that are not failures, such as a seat left unsold because of errors
     */
    record Result(int oversold, List<String> problems, List<String> notes) {

        Result {
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }

        boolean passed() {
            return problems.isEmpty();
        }
    }

    private RaceAudit() {}

    static Result audit(List<String> seatIds, List<Outcome> outcomes, SeatMap seatMap) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int oversold = 0;

        for (Map.Entry<String, List<Outcome>> entry :
                RaceReport.bySeat(seatIds, outcomes).entrySet()) {
            String seat = entry.getKey();
            List<Outcome> contenders = entry.getValue();
            List<Outcome> winners = contenders.stream().filter(Outcome::isHeld).toList();

            if (!seatMap.lists(seat)) {
                problems.add(seat + " is missing from the seat map");
            }
            // (a) one seat, one winner.
            if (winners.size() > 1) {
                oversold++;
                problems.add(seat + " is oversold: " + winners.size() + " buyers were told 201 ("
                        + winners.stream().map(Outcome::buyerId).collect(Collectors.joining(", ")) + ")");
            }
            // A 201 must be for the seat asked for, or "winner" means nothing.
            for (Outcome winner : winners) {
                if (!winner.confirmedSeats().equals(List.of(seat))) {
                    problems.add(winner.buyerId() + " asked for " + seat + " and got 201, but the order lists "
                            + winner.confirmedSeats());
                }
            }
            // (b) what a buyer was told is what the seat map shows.
            if (!winners.isEmpty() && seatMap.lists(seat) && !seatMap.taken(seat)) {
                problems.add(seat + " was held for " + winners.get(0).buyerId() + " (201) but the seat map says "
                        + seatMap.status(seat));
            }
            // (c), seat by seat: a hold nobody was told about is a seat the buyers lost for nothing.
            if (winners.isEmpty() && seatMap.taken(seat)) {
                problems.add(
                        seat + " is " + seatMap.status(seat) + " in the seat map but no buyer was told it was theirs"
                                + (contenders.isEmpty()
                                        ? ""
                                        : " (its contenders got: " + RaceReport.countByReason(contenders) + ")"));
            }
            // (d) every seat contended, and won unless an error explains why not.
            if (contenders.isEmpty()) {
                problems.add(seat + " had no contender, so the race says nothing about it");
            } else if (winners.isEmpty()) {
                boolean allToldTaken = contenders.stream().allMatch(Outcome::isSeatTaken);
                if (allToldTaken) {
                    problems.add(seat + ": all " + contenders.size()
                            + " contenders were told SEAT_TAKEN, yet nobody was told they won it");
                } else {
                    notes.add(seat + " has no winner: " + RaceReport.countByReason(contenders));
                }
            }
        }

        // (c), in total: catches holds on seats outside the plan as well.
        long told = outcomes.stream().filter(Outcome::isHeld).count();
        long taken = seatMap.seatIds().stream().filter(seatMap::taken).count();
        if (taken != told) {
            problems.add("the seat map shows " + taken + " seat(s) HELD or SOLD but " + told
                    + " order(s) were answered 201");
        }
        return new Result(oversold, problems, notes);
    }
}
