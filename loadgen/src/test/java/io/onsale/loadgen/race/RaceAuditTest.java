package io.onsale.loadgen.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.SeatMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaceAuditTest {

    private static final List<String> SEATS = List.of("A-1-1", "A-1-2");

    private static Outcome won(String buyer, String seat) {
        return Outcome.held(buyer, seat, List.of(seat), 0, 1_000_000);
    }

    private static Outcome taken(String buyer, String seat) {
        return Outcome.rejected(buyer, seat, "SEAT_TAKEN", 0, 1_000_000);
    }

    private static SeatMap seatMap(String... seatAndStatus) {
        List<SeatMap.SeatState> seats = new ArrayList<>();
        for (int i = 0; i < seatAndStatus.length; i += 2) {
            String[] place = seatAndStatus[i].split("-");
            seats.add(new SeatMap.SeatState(
                    seatAndStatus[i], place[1], Integer.parseInt(place[2]), seatAndStatus[i + 1]));
        }
        return new SeatMap("e1", "A", seats);
    }

    private static final List<Outcome> CLEAN = List.of(
            won("buyer-01", "A-1-1"), taken("buyer-02", "A-1-1"),
            taken("buyer-03", "A-1-2"), won("buyer-04", "A-1-2"));

    @Test
    void cleanRacePasses() {
        RaceAudit.Result result = RaceAudit.audit(SEATS, CLEAN, seatMap("A-1-1", "HELD", "A-1-2", "SOLD"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(result.oversold()).isZero();
    }

    @Test
    void doubleWinnerIsCaughtAsOversold() {
        List<Outcome> outcomes = List.of(
                won("buyer-01", "A-1-1"), won("buyer-02", "A-1-1"),
                taken("buyer-03", "A-1-2"), won("buyer-04", "A-1-2"));

        RaceAudit.Result result = RaceAudit.audit(SEATS, outcomes, seatMap("A-1-1", "HELD", "A-1-2", "HELD"));

        assertThat(result.passed()).isFalse();
        assertThat(result.oversold()).isEqualTo(1);
        assertThat(result.problems())
                .anySatisfy(p -> assertThat(p)
                        .contains("A-1-1 is oversold")
                        .contains("buyer-01")
                        .contains("buyer-02"));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("2 seat(s) HELD or SOLD but 3"));
    }

    @Test
    void heldSeatNobodyWasToldAboutIsCaught() {
        List<Outcome> outcomes = List.of(
                won("buyer-01", "A-1-1"),
                taken("buyer-02", "A-1-1"),
                Outcome.other("buyer-03", "A-1-2", 503, "HTTP 503", 0, 1_000_000),
                Outcome.failed("buyer-04", "A-1-2", "timeout", 0, 10_000_000_000L));

        RaceAudit.Result result = RaceAudit.audit(SEATS, outcomes, seatMap("A-1-1", "HELD", "A-1-2", "HELD"));

        assertThat(result.passed()).isFalse();
        assertThat(result.oversold()).isZero();
        assertThat(result.problems())
                .anySatisfy(p -> assertThat(p)
                        .startsWith("A-1-2 is HELD in the seat map but no buyer was told")
                        .contains("timeout x1"));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("2 seat(s) HELD or SOLD but 1"));
    }

    @Test
    void holdOutsideThePlannedSeatsIsCaughtByTheTotal() {
        RaceAudit.Result result =
                RaceAudit.audit(SEATS, CLEAN, seatMap("A-1-1", "HELD", "A-1-2", "HELD", "A-1-3", "HELD"));

        assertThat(result.passed()).isFalse();
        assertThat(result.problems())
                .containsExactly("the seat map shows 3 seat(s) HELD or SOLD but 2 order(s) were answered 201");
    }

    @Test
    void winnerWhoseSeatTheMapShowsAvailableIsCaught() {
        RaceAudit.Result result = RaceAudit.audit(SEATS, CLEAN, seatMap("A-1-1", "HELD", "A-1-2", "AVAILABLE"));

        assertThat(result.passed()).isFalse();
        assertThat(result.problems())
                .anySatisfy(p ->
                        assertThat(p).isEqualTo("A-1-2 was held for buyer-04 (201) but the seat map says AVAILABLE"));
    }

    @Test
    void contendedSeatThatEverybodyLostToNobodyIsCaught() {
        List<Outcome> outcomes = List.of(
                won("buyer-01", "A-1-1"), taken("buyer-02", "A-1-1"),
                taken("buyer-03", "A-1-2"), taken("buyer-04", "A-1-2"));

        RaceAudit.Result result = RaceAudit.audit(SEATS, outcomes, seatMap("A-1-1", "HELD", "A-1-2", "AVAILABLE"));

        assertThat(result.passed()).isFalse();
        assertThat(result.problems())
                .containsExactly("A-1-2: all 2 contenders were told SEAT_TAKEN, yet nobody was told they won it");
    }

    @Test
    void seatLeftUnsoldBecauseOfErrorsIsANoteNotAFailure() {
        List<Outcome> outcomes = List.of(
                won("buyer-01", "A-1-1"),
                taken("buyer-02", "A-1-1"),
                Outcome.other("buyer-03", "A-1-2", 503, "HTTP 503", 0, 1_000_000),
                taken("buyer-04", "A-1-2"));

        RaceAudit.Result result = RaceAudit.audit(SEATS, outcomes, seatMap("A-1-1", "HELD", "A-1-2", "AVAILABLE"));

        assertThat(result.passed()).isTrue();
        assertThat(result.notes()).containsExactly("A-1-2 has no winner: HTTP 503 x1, SEAT_TAKEN x1");
    }

    @Test
    void uncontendedSeatAndMissingSeatAreCaught() {
        List<Outcome> outcomes = List.of(won("buyer-01", "A-1-1"), taken("buyer-02", "A-1-1"));

        RaceAudit.Result result = RaceAudit.audit(SEATS, outcomes, seatMap("A-1-1", "HELD"));

        assertThat(result.problems())
                .containsExactly(
                        "A-1-2 is missing from the seat map",
                        "A-1-2 had no contender, so the race says nothing about it");
    }

    @Test
    void winnerTold201ForAnotherSeatIsCaught() {
        List<Outcome> outcomes = List.of(
                Outcome.held("buyer-01", "A-1-1", List.of("A-1-2"), 0, 1_000_000), taken("buyer-02", "A-1-1"),
                taken("buyer-03", "A-1-2"), won("buyer-04", "A-1-2"));

        RaceAudit.Result result = RaceAudit.audit(SEATS, outcomes, seatMap("A-1-1", "HELD", "A-1-2", "HELD"));

        assertThat(result.problems())
                .containsExactly("buyer-01 asked for A-1-1 and got 201, but the order lists [A-1-2]");
    }
}
