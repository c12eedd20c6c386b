package io.onsale.loadgen.race;

import java.util.List;

/**
 * How one buyer's order ended.
 *
 * @param status         the final HTTP status, or {@link #NO_ANSWER} when the request failed before any answer
 * @param reason         why, as grouped in the report: "HELD" for a 201, the problem's {@code reason} for a 409,
 *                       otherwise a short label such as "HTTP 503" or "timeout"
 * @param pendingAnswers how many 202 PENDING answers came before the final one
 * @param latencyNanos   from release at the start gate to the final answer, pending retries included: what the
 *                       buyer waited to learn the result
 * @param confirmedSeats the seats a 201 says were held; empty otherwise
 */
record Outcome(
        String buyerId,
        String seatId,
        int status,
        String reason,
        int pendingAnswers,
        long latencyNanos,
        List<String> confirmedSeats) {

    static final int NO_ANSWER = 0;
    static final String SEAT_TAKEN = "SEAT_TAKEN";

    Outcome {
        confirmedSeats = List.copyOf(confirmedSeats);
    }

    static Outcome held(
            String buyerId, String seatId, List<String> confirmedSeats, int pendingAnswers, long latencyNanos) {
        return new Outcome(buyerId, seatId, 201, "HELD", pendingAnswers, latencyNanos, confirmedSeats);
    }

    static Outcome rejected(String buyerId, String seatId, String reason, int pendingAnswers, long latencyNanos) {
        return new Outcome(buyerId, seatId, 409, reason, pendingAnswers, latencyNanos, List.of());
    }

    static Outcome other(
            String buyerId, String seatId, int status, String reason, int pendingAnswers, long latencyNanos) {
        return new Outcome(buyerId, seatId, status, reason, pendingAnswers, latencyNanos, List.of());
    }

    static Outcome failed(String buyerId, String seatId, String reason, int pendingAnswers, long latencyNanos) {
        return new Outcome(buyerId, seatId, NO_ANSWER, reason, pendingAnswers, latencyNanos, List.of());
    }

    boolean isHeld() {
        return status == 201;
    }

    boolean isRejected() {
        return status == 409;
    }

    /** Lost fair and square: the only answer that proves somebody else has the seat. */
    boolean isSeatTaken() {
        return isRejected() && SEAT_TAKEN.equals(reason);
    }

    /** Neither held nor rejected: an error, a timeout or a decision that never came. */
    boolean isError() {
        return !isHeld() && !isRejected();
    }

    boolean wasPending() {
        return pendingAnswers > 0;
    }

    boolean answered() {
        return status != NO_ANSWER;
    }
}
