package io.onsale.reservations.domain;

import java.time.Instant;

/** Something asked of one unit. {@code at} is the command's record timestamp: server time, never the client's. */
public sealed interface UnitCommand {

    String requestId();

    Instant at();

    record Configure(String requestId, Instant at, UnitSpec spec) implements UnitCommand {}

    record PlaceHold(String requestId, Instant at, String holdId, String buyerId, String orderId, int quantity)
            implements UnitCommand {}

    record ConfirmHold(String requestId, Instant at, String holdId, String buyerId) implements UnitCommand {}

    /**
     * @param givenUp the buyer gave the hold up (cancelled its order): a seat starts the buyer's cooldown on it (ADR 0018);
     *                {@code false} when the engine gives it back on the buyer's behalf
     */
    record ReleaseHold(String requestId, Instant at, String holdId, String buyerId, boolean givenUp)
            implements UnitCommand {}

    record ExpireHold(String requestId, Instant at, String holdId) implements UnitCommand {}
}
