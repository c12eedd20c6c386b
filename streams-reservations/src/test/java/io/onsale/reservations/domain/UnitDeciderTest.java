package io.onsale.reservations.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitDeciderTest {

    private static final Instant SALE_OPEN = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant BEFORE_OPEN = SALE_OPEN.minusSeconds(60);
    private static final Instant ONE_SECOND_LATER = SALE_OPEN.plusSeconds(1);
    private static final Duration HOLD_WINDOW = Duration.ofMinutes(10);
    private static final Instant AFTER_HOLD_WINDOW = SALE_OPEN.plus(HOLD_WINDOW).plusSeconds(1);

    private static final UnitKey SEAT_A1 = new UnitKey("E1", "A", "A-1-1");
    private static final UnitKey FLOOR = new UnitKey("E1", "FLOOR", "FLOOR-1");

    private final UnitDecider decider = new UnitDecider();

    @Test
    void firstHoldForTheLastSeatWinsAndTheSecondIsRejectedAsTaken() {
        Unit seat = configuredSeat();

        UnitDecision alice = decider.decide(Optional.of(seat), SEAT_A1, hold("h-alice", "alice", 1, SALE_OPEN));
        UnitDecision bob = decider.decide(alice.state(), SEAT_A1, hold("h-bob", "bob", 1, SALE_OPEN));

        assertThat(alice.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(UnitEvent.Type.HELD);
            assertThat(event.buyerId()).isEqualTo("alice");
            assertThat(event.holdExpiresAt()).isEqualTo(SALE_OPEN.plus(HOLD_WINDOW));
            assertThat(event.available()).isZero();
        });
        assertThat(bob.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(UnitEvent.Type.REJECTED);
            assertThat(event.reason()).isEqualTo(RejectionReason.SEAT_TAKEN);
            assertThat(event.buyerId()).isEqualTo("bob");
        });
        assertThat(bob.changed()).isFalse();
    }

    @Test
    void aHoldBeforeTheSaleOpensIsRejected() {
        UnitDecision early =
                decider.decide(Optional.of(configuredSeat()), SEAT_A1, hold("h-1", "alice", 1, BEFORE_OPEN));

        assertThat(early.events()).singleElement().extracting(UnitEvent::reason).isEqualTo(RejectionReason.NOT_ON_SALE);
    }

    @Test
    void aHoldPastItsDeadlineIsExpiredWhenTheNextCommandArrivesAndTheSeatGoesToTheNextBuyer() {
        UnitDecision alice =
                decider.decide(Optional.of(configuredSeat()), SEAT_A1, hold("h-alice", "alice", 1, SALE_OPEN));

        UnitDecision bob = decider.decide(alice.state(), SEAT_A1, hold("h-bob", "bob", 1, AFTER_HOLD_WINDOW));

        assertThat(bob.events())
                .extracting(UnitEvent::type)
                .containsExactly(UnitEvent.Type.EXPIRED, UnitEvent.Type.HELD);
        assertThat(bob.events().get(0).buyerId()).isEqualTo("alice");
        assertThat(bob.state().orElseThrow().holds()).extracting(Hold::buyerId).containsExactly("bob");
    }

    @Test
    void aRetriedHoldIsAnsweredAsTheFirstTimeAndTakesNothingMore() {
        UnitDecision first = decider.decide(Optional.of(configuredZone(10)), FLOOR, hold("h-1", "alice", 4, SALE_OPEN));

        UnitDecision retry = decider.decide(first.state(), FLOOR, hold("h-1", "alice", 4, ONE_SECOND_LATER));

        assertThat(retry.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(UnitEvent.Type.HELD);
            assertThat(event.holdExpiresAt()).isEqualTo(SALE_OPEN.plus(HOLD_WINDOW));
        });
        assertThat(retry.state().orElseThrow().available()).isEqualTo(6);
    }

    @Test
    void aZoneSellsUpToItsCapacityAndThenSaysSoldOut() {
        UnitDecision six = decider.decide(Optional.of(configuredZone(10)), FLOOR, hold("h-1", "alice", 6, SALE_OPEN));
        UnitDecision tooMany = decider.decide(six.state(), FLOOR, hold("h-2", "bob", 5, SALE_OPEN));
        UnitDecision four = decider.decide(six.state(), FLOOR, hold("h-3", "carol", 4, SALE_OPEN));
        UnitDecision none = decider.decide(four.state(), FLOOR, hold("h-4", "dave", 1, SALE_OPEN));

        assertThat(tooMany.events())
                .singleElement()
                .extracting(UnitEvent::reason)
                .isEqualTo(RejectionReason.INSUFFICIENT_CAPACITY);
        assertThat(four.events()).singleElement().extracting(UnitEvent::type).isEqualTo(UnitEvent.Type.HELD);
        assertThat(none.events()).singleElement().extracting(UnitEvent::reason).isEqualTo(RejectionReason.SOLD_OUT);
    }

    @Test
    void aConfirmedHoldIsSoldAndCannotExpire() {
        UnitDecision held = decider.decide(Optional.of(configuredSeat()), SEAT_A1, hold("h-1", "alice", 1, SALE_OPEN));

        UnitDecision sold = decider.decide(
                held.state(), SEAT_A1, new UnitCommand.ConfirmHold("r-confirm", ONE_SECOND_LATER, "h-1", "alice"));
        UnitDecision later = decider.decide(sold.state(), SEAT_A1, hold("h-2", "bob", 1, AFTER_HOLD_WINDOW));

        assertThat(sold.events()).singleElement().extracting(UnitEvent::type).isEqualTo(UnitEvent.Type.SOLD);
        assertThat(later.events()).singleElement().extracting(UnitEvent::reason).isEqualTo(RejectionReason.SEAT_TAKEN);
        assertThat(later.state().orElseThrow().sold()).isEqualTo(1);
    }

    @Test
    void aConfirmAfterTheDeadlineSaysTheHoldExpired() {
        UnitDecision held = decider.decide(Optional.of(configuredSeat()), SEAT_A1, hold("h-1", "alice", 1, SALE_OPEN));

        UnitDecision late = decider.decide(
                held.state(), SEAT_A1, new UnitCommand.ConfirmHold("r-confirm", AFTER_HOLD_WINDOW, "h-1", "alice"));

        assertThat(late.events())
                .extracting(UnitEvent::type)
                .containsExactly(UnitEvent.Type.EXPIRED, UnitEvent.Type.REJECTED);
        assertThat(late.events().get(1).reason()).isEqualTo(RejectionReason.HOLD_EXPIRED);
    }

    @Test
    void onlyTheHoldersOwnReleaseFreesTheSeat() {
        UnitDecision held = decider.decide(Optional.of(configuredSeat()), SEAT_A1, hold("h-1", "alice", 1, SALE_OPEN));

        UnitDecision byBob = decider.decide(
                held.state(), SEAT_A1, new UnitCommand.ReleaseHold("r-2", SALE_OPEN, "h-1", "bob", true));
        UnitDecision byAlice = decider.decide(
                held.state(), SEAT_A1, new UnitCommand.ReleaseHold("r-3", SALE_OPEN, "h-1", "alice", true));

        assertThat(byBob.events())
                .singleElement()
                .extracting(UnitEvent::reason)
                .isEqualTo(RejectionReason.UNKNOWN_HOLD);
        assertThat(byAlice.events()).singleElement().extracting(UnitEvent::type).isEqualTo(UnitEvent.Type.RELEASED);
        assertThat(byAlice.state().orElseThrow().available()).isEqualTo(1);
    }

    @Test
    void aKilledSeatIsNeverHeld() {
        Unit killed = Unit.configured(
                SEAT_A1, new UnitSpec(UnitSpec.Kind.SEAT, 1, "T1", 5_000, "EUR", HOLD_WINDOW, SALE_OPEN, true));

        UnitDecision attempt = decider.decide(Optional.of(killed), SEAT_A1, hold("h-1", "alice", 1, SALE_OPEN));

        assertThat(attempt.events())
                .singleElement()
                .extracting(UnitEvent::reason)
                .isEqualTo(RejectionReason.KILLED);
    }

    @Test
    void aHoldForAUnitThatWasNeverConfiguredIsRejected() {
        UnitDecision attempt = decider.decide(Optional.empty(), SEAT_A1, hold("h-1", "alice", 1, SALE_OPEN));

        assertThat(attempt.events())
                .singleElement()
                .extracting(UnitEvent::reason)
                .isEqualTo(RejectionReason.UNKNOWN_UNIT);
        assertThat(attempt.state()).isEmpty();
    }

    @Test
    void reconfiguringKeepsHoldsAndSales() {
        UnitDecision held = decider.decide(Optional.of(configuredZone(10)), FLOOR, hold("h-1", "alice", 3, SALE_OPEN));

        UnitDecision bigger =
                decider.decide(held.state(), FLOOR, new UnitCommand.Configure("r-cfg", ONE_SECOND_LATER, zoneSpec(20)));

        assertThat(bigger.state().orElseThrow().available()).isEqualTo(17);
        assertThat(bigger.events()).singleElement().extracting(UnitEvent::type).isEqualTo(UnitEvent.Type.CONFIGURED);
    }

    @Test
    void anExpireCommandExpiresADueHoldAndLeavesOneNotYetDue() {
        UnitDecision held =
                decider.decide(Optional.of(configuredSeat()), SEAT_A1, hold("h-alice", "alice", 1, SALE_OPEN));

        UnitDecision early =
                decider.decide(held.state(), SEAT_A1, new UnitCommand.ExpireHold("x-1", ONE_SECOND_LATER, "h-alice"));
        UnitDecision due =
                decider.decide(held.state(), SEAT_A1, new UnitCommand.ExpireHold("x-2", AFTER_HOLD_WINDOW, "h-alice"));

        assertThat(early.events()).isEmpty();
        assertThat(early.state().orElseThrow().holds()).hasSize(1);
        assertThat(due.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(UnitEvent.Type.EXPIRED);
            assertThat(event.available()).isEqualTo(1);
        });
        assertThat(due.changed()).isTrue();
    }

    @Test
    void anOrderThatCouldNotBeConfirmedWholeGivesBackASeatItHadJustBought() {
        UnitDecision held =
                decider.decide(Optional.of(configuredSeat()), SEAT_A1, hold("h-alice", "alice", 1, SALE_OPEN));
        UnitDecision sold = decider.decide(
                held.state(), SEAT_A1, new UnitCommand.ConfirmHold("c-1", ONE_SECOND_LATER, "h-alice", "alice"));

        UnitDecision voided = decider.decide(
                sold.state(), SEAT_A1, new UnitCommand.ReleaseHold("r-1", ONE_SECOND_LATER, "h-alice", "alice", false));

        assertThat(voided.events()).singleElement().extracting(UnitEvent::type).isEqualTo(UnitEvent.Type.RELEASED);
        assertThat(voided.state().orElseThrow().sales()).isEmpty();
        assertThat(voided.state().orElseThrow().available()).isEqualTo(1);
    }

    @Test
    void nobodyElseCanGiveBackASale() {
        UnitDecision held =
                decider.decide(Optional.of(configuredSeat()), SEAT_A1, hold("h-alice", "alice", 1, SALE_OPEN));
        UnitDecision sold = decider.decide(
                held.state(), SEAT_A1, new UnitCommand.ConfirmHold("c-1", ONE_SECOND_LATER, "h-alice", "alice"));

        UnitDecision mallory = decider.decide(
                sold.state(),
                SEAT_A1,
                new UnitCommand.ReleaseHold("r-1", ONE_SECOND_LATER, "h-alice", "mallory", false));

        assertThat(mallory.events())
                .singleElement()
                .extracting(UnitEvent::reason)
                .isEqualTo(RejectionReason.UNKNOWN_HOLD);
        assertThat(mallory.state().orElseThrow().sold()).isEqualTo(1);
    }

    @Test
    void organizersCanAddCapacityButNotShrinkAZoneBelowWhatIsSoldAndHeld() {
        UnitDecision held =
                decider.decide(Optional.of(configuredZone(10)), FLOOR, hold("h-alice", "alice", 8, SALE_OPEN));

        UnitDecision grown =
                decider.decide(held.state(), FLOOR, new UnitCommand.Configure("cfg-1", ONE_SECOND_LATER, zoneSpec(20)));
        UnitDecision shrunk =
                decider.decide(grown.state(), FLOOR, new UnitCommand.Configure("cfg-2", ONE_SECOND_LATER, zoneSpec(5)));

        assertThat(grown.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(UnitEvent.Type.CONFIGURED);
            assertThat(event.available()).isEqualTo(12);
        });
        assertThat(shrunk.events())
                .singleElement()
                .extracting(UnitEvent::reason)
                .isEqualTo(RejectionReason.INVALID_COMMAND);
        assertThat(shrunk.state().orElseThrow().spec().capacity()).isEqualTo(20);
    }

    @Test
    void aKillLiftedMakesTheSeatAvailableAgain() {
        UnitSpec killed = new UnitSpec(UnitSpec.Kind.SEAT, 1, "T1", 5_000, "EUR", HOLD_WINDOW, SALE_OPEN, true);
        UnitDecision kill = decider.decide(
                Optional.of(configuredSeat()), SEAT_A1, new UnitCommand.Configure("k", SALE_OPEN, killed));
        UnitDecision lift = decider.decide(
                kill.state(),
                SEAT_A1,
                new UnitCommand.Configure("u", SALE_OPEN, configuredSeat().spec()));

        assertThat(kill.events())
                .singleElement()
                .extracting(UnitEvent::available)
                .isEqualTo(0);
        assertThat(lift.events())
                .singleElement()
                .extracting(UnitEvent::available)
                .isEqualTo(1);
        assertThat(decider.decide(lift.state(), SEAT_A1, hold("h", "alice", 1, ONE_SECOND_LATER))
                        .events())
                .singleElement()
                .extracting(UnitEvent::type)
                .isEqualTo(UnitEvent.Type.HELD);
    }

    @Test
    void aSeatCannotBeHeldTwiceByOneHoldNorForMoreThanOneTicket() {
        UnitDecision two = decider.decide(Optional.of(configuredSeat()), SEAT_A1, hold("h", "alice", 2, SALE_OPEN));

        assertThat(two.events())
                .singleElement()
                .extracting(UnitEvent::reason)
                .isEqualTo(RejectionReason.INVALID_COMMAND);
    }

    @Test
    void anOrdersNextAttemptTakesOverTheSeatItsEarlierAttemptHolds() {
        UnitDecision first = decider.decide(
                Optional.of(configuredSeat()),
                SEAT_A1,
                new UnitCommand.PlaceHold("r1", SALE_OPEN, "o1~1", "alice", "o1", 1));

        UnitDecision second = decider.decide(
                first.state(), SEAT_A1, new UnitCommand.PlaceHold("r2", ONE_SECOND_LATER, "o1~2", "alice", "o1", 1));
        UnitDecision otherOrder = decider.decide(
                first.state(), SEAT_A1, new UnitCommand.PlaceHold("r3", ONE_SECOND_LATER, "o2~1", "alice", "o2", 1));

        assertThat(second.events())
                .extracting(UnitEvent::type, UnitEvent::holdId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(UnitEvent.Type.RELEASED, "o1~1"),
                        org.assertj.core.groups.Tuple.tuple(UnitEvent.Type.HELD, "o1~2"));
        assertThat(second.state().orElseThrow().holds())
                .extracting(Hold::holdId)
                .containsExactly("o1~2");
        assertThat(otherOrder.events())
                .singleElement()
                .extracting(UnitEvent::reason)
                .isEqualTo(RejectionReason.SEAT_TAKEN);
    }

    // ---- hold–release loops (ADR 0018)

    @Test
    void aBuyerWhoCancelledASeatCannotHoldItAgainDuringTheCooldownButAnotherBuyerCanAtOnce() {
        Optional<Unit> cancelled = heldThenReleased(configuredSeat(), SEAT_A1, "alice", 1, ONE_SECOND_LATER, true);

        UnitDecision aliceAgain = decider.decide(cancelled, SEAT_A1, hold("h-2", "alice", 1, ONE_SECOND_LATER));
        UnitDecision bob = decider.decide(cancelled, SEAT_A1, hold("h-3", "bob", 1, ONE_SECOND_LATER));

        assertThat(aliceAgain.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(UnitEvent.Type.REJECTED);
            assertThat(event.reason()).isEqualTo(RejectionReason.RELEASE_COOLDOWN);
        });
        assertThat(aliceAgain.changed()).isFalse();
        assertThat(bob.events()).singleElement().extracting(UnitEvent::type).isEqualTo(UnitEvent.Type.HELD);
        assertThat(cancelled.orElseThrow().releasers()).containsExactly(new Releaser("alice", ONE_SECOND_LATER));
    }

    @Test
    void theCooldownEndsAfterTwoMinutes() {
        Optional<Unit> cancelled = heldThenReleased(configuredSeat(), SEAT_A1, "alice", 1, SALE_OPEN, true);
        Instant cooldownEnds = SALE_OPEN.plus(ReleasePolicy.SEAT_COOLDOWN);

        UnitDecision justBefore =
                decider.decide(cancelled, SEAT_A1, hold("h-2", "alice", 1, cooldownEnds.minusMillis(1)));
        UnitDecision atTheEnd = decider.decide(cancelled, SEAT_A1, hold("h-3", "alice", 1, cooldownEnds));

        assertThat(justBefore.events())
                .singleElement()
                .extracting(UnitEvent::reason)
                .isEqualTo(RejectionReason.RELEASE_COOLDOWN);
        assertThat(atTheEnd.events())
                .singleElement()
                .extracting(UnitEvent::type)
                .isEqualTo(UnitEvent.Type.HELD);
        assertThat(atTheEnd.state().orElseThrow().releasers())
                .as("a cooldown that ended is dropped by the next write, not before")
                .hasSize(1);
    }

    @Test
    void aHoldLetExpireStartsTheCooldownOfItsBuyerFromWhenTheSeatExpiredIt() {
        UnitDecision held = decider.decide(Optional.of(configuredSeat()), SEAT_A1, hold("h-1", "alice", 1, SALE_OPEN));

        UnitDecision lateAgain = decider.decide(held.state(), SEAT_A1, hold("h-2", "alice", 1, AFTER_HOLD_WINDOW));

        assertThat(lateAgain.events())
                .extracting(UnitEvent::type, UnitEvent::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(UnitEvent.Type.EXPIRED, null),
                        org.assertj.core.groups.Tuple.tuple(UnitEvent.Type.REJECTED, RejectionReason.RELEASE_COOLDOWN));
        assertThat(lateAgain.state().orElseThrow().releasers())
                .containsExactly(new Releaser("alice", AFTER_HOLD_WINDOW));
        assertThat(lateAgain.changed()).isTrue();
    }

    @Test
    void aHoldTheEngineGaveBackOnTheBuyersBehalfStartsNoCooldown() {
        Optional<Unit> givenBack = heldThenReleased(configuredSeat(), SEAT_A1, "alice", 1, ONE_SECOND_LATER, false);

        UnitDecision again = decider.decide(givenBack, SEAT_A1, hold("h-2", "alice", 1, ONE_SECOND_LATER));

        assertThat(givenBack.orElseThrow().releasers()).isEmpty();
        assertThat(again.events()).singleElement().extracting(UnitEvent::type).isEqualTo(UnitEvent.Type.HELD);
    }

    @Test
    void aSeatTakenByAnotherBuyerIsRefusedAsTakenEvenToABuyerCoolingDown() {
        Optional<Unit> cancelled = heldThenReleased(configuredSeat(), SEAT_A1, "alice", 1, SALE_OPEN, true);
        UnitDecision bob = decider.decide(cancelled, SEAT_A1, hold("h-2", "bob", 1, ONE_SECOND_LATER));

        UnitDecision alice = decider.decide(bob.state(), SEAT_A1, hold("h-3", "alice", 1, ONE_SECOND_LATER));

        assertThat(alice.events()).singleElement().extracting(UnitEvent::reason).isEqualTo(RejectionReason.SEAT_TAKEN);
    }

    @Test
    void aZoneRemembersNoReleasersTheBuyersReleaseLimitBoundsLoopsOnIt() {
        Optional<Unit> cancelled = heldThenReleased(configuredZone(10), FLOOR, "alice", 2, SALE_OPEN, true);

        UnitDecision again = decider.decide(cancelled, FLOOR, hold("h-2", "alice", 2, ONE_SECOND_LATER));

        assertThat(cancelled.orElseThrow().releasers()).isEmpty();
        assertThat(again.events()).singleElement().extracting(UnitEvent::type).isEqualTo(UnitEvent.Type.HELD);
    }

    @Test
    void aSeatRemembersAFewReleasersTheMostRecent() {
        Unit seat = configuredSeat();
        for (int i = 0; i < ReleasePolicy.REMEMBERED_RELEASERS + 2; i++) {
            seat = heldThenReleased(seat, SEAT_A1, "buyer-" + i, 1, SALE_OPEN.plusSeconds(i), true)
                    .orElseThrow();
        }

        assertThat(seat.releasers())
                .extracting(Releaser::buyerId)
                .containsExactly("buyer-2", "buyer-3", "buyer-4", "buyer-5");
    }

    /** {@code buyer} holds {@code quantity} of the unit at {@code releasedAt} and releases it at once: the unit after. */
    private Optional<Unit> heldThenReleased(
            Unit unit, UnitKey key, String buyer, int quantity, Instant releasedAt, boolean givenUp) {
        String holdId = "h-" + buyer + "-" + releasedAt.toEpochMilli();
        UnitDecision held = decider.decide(Optional.of(unit), key, hold(holdId, buyer, quantity, releasedAt));
        assertThat(held.events()).last().extracting(UnitEvent::type).isEqualTo(UnitEvent.Type.HELD);
        return decider.decide(
                        held.state(),
                        key,
                        new UnitCommand.ReleaseHold("r-" + holdId, releasedAt, holdId, buyer, givenUp))
                .state();
    }

    private static UnitCommand.PlaceHold hold(String holdId, String buyer, int quantity, Instant at) {
        return new UnitCommand.PlaceHold("req-" + holdId, at, holdId, buyer, "order-" + holdId, quantity);
    }

    private static Unit configuredSeat() {
        return Unit.configured(
                SEAT_A1, new UnitSpec(UnitSpec.Kind.SEAT, 1, "T1", 5_000, "EUR", HOLD_WINDOW, SALE_OPEN, false));
    }

    private static Unit configuredZone(int capacity) {
        return Unit.configured(FLOOR, zoneSpec(capacity));
    }

    private static UnitSpec zoneSpec(int capacity) {
        return new UnitSpec(UnitSpec.Kind.ZONE, capacity, "GA", 3_000, "EUR", HOLD_WINDOW, SALE_OPEN, false);
    }
}
