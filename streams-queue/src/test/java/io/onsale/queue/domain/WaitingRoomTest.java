package io.onsale.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decider alone: no Kafka, places in maps, time passed in. */
class WaitingRoomTest {

    private static final Instant SALE_OPEN = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant AFTER_OPEN = SALE_OPEN.plusSeconds(60);
    private static final Policy QUEUE_EVERYONE_BUT_ONE = new Policy(1, 2, 100, Duration.ofMinutes(10));
    private static final byte[] SEED = new byte[PresaleDraw.SEED_BYTES];

    private final InMemoryPlaces places = new InMemoryPlaces();

    @Test
    void aBuyerWhoLeftIsNotGivenASecondPlace() {
        WaitingRoom room = WaitingRoom.open("E1", QUEUE_EVERYONE_BUT_ONE, SALE_OPEN, null, places, AFTER_OPEN);
        room.join("j1", "alice", AFTER_OPEN);
        room.join("j2", "bob", AFTER_OPEN);
        room.join("j3", "carol", AFTER_OPEN);

        room.leave("l1", "bob", AFTER_OPEN);
        List<RoomEvent> rejoined = room.join("j4", "bob", AFTER_OPEN);

        assertThat(rejoined).singleElement().isInstanceOfSatisfying(RoomEvent.Rejected.class, refused -> {
            assertThat(refused.reason()).isEqualTo(QueueReason.LEFT_QUEUE);
            assertThat(refused.buyerId()).isEqualTo("bob");
        });
        assertThat(room.state().lastPosition()).isEqualTo(3);
        assertThat(room.state().waiting()).isEqualTo(1);
        assertThat(places.waitingPositions()).isEqualTo(1);
    }

    @Test
    void anAdmittedBuyerWhoLeftCannotTakeASlotAgain() {
        WaitingRoom room = WaitingRoom.open("E1", QUEUE_EVERYONE_BUT_ONE, SALE_OPEN, null, places, AFTER_OPEN);
        room.join("j1", "alice", AFTER_OPEN);
        room.leave("l1", "alice", AFTER_OPEN);

        assertThat(room.join("j2", "alice", AFTER_OPEN.plusSeconds(1)))
                .singleElement()
                .isInstanceOfSatisfying(
                        RoomEvent.Rejected.class,
                        refused -> assertThat(refused.reason()).isEqualTo(QueueReason.LEFT_QUEUE));
        assertThat(room.state().activeShoppers()).isZero();
    }

    @Test
    void anAdmittedBuyerWhoLeavesGivesTheSlotBack() {
        WaitingRoom room = WaitingRoom.open("E1", QUEUE_EVERYONE_BUT_ONE, SALE_OPEN, null, places, AFTER_OPEN);
        room.join("j1", "alice", AFTER_OPEN);

        List<RoomEvent> left = room.leave("l1", "alice", AFTER_OPEN);

        assertThat(left).hasAtLeastOneElementOfType(RoomEvent.SlotReleased.class);
        assertThat(room.state().activeShoppers()).isZero();
        assertThat(room.state().mode()).isEqualTo(Mode.PASS_THROUGH);
        assertThat(places.openWindows()).isZero();
    }

    @Test
    void everyEndOfAPlaceSaysWhyTyped() {
        WaitingRoom room = WaitingRoom.open("E1", QUEUE_EVERYONE_BUT_ONE, SALE_OPEN, null, places, AFTER_OPEN);
        room.join("j1", "alice", AFTER_OPEN);
        room.join("j2", "bob", AFTER_OPEN);

        assertThat(room.checkoutEnded("alice", QueueReason.CONFIRMED, AFTER_OPEN))
                .filteredOn(RoomEvent.SlotReleased.class::isInstance)
                .extracting(event -> ((RoomEvent.SlotReleased) event).reason())
                .containsExactly(QueueReason.CONFIRMED);
        assertThat(places.find("alice").orElseThrow().endReason()).isEqualTo(QueueReason.CONFIRMED);
        room.leave("l2", "bob", AFTER_OPEN);
        assertThat(places.find("bob").orElseThrow().endReason())
                .as("left while waiting: no slot to give back, the place still says why it ended")
                .isEqualTo(QueueReason.LEFT);
        assertThat(room.leave("l3", "carol", AFTER_OPEN))
                .singleElement()
                .isInstanceOfSatisfying(RoomEvent.Rejected.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(QueueReason.NOT_IN_QUEUE);
                    assertThat(refused.detail()).isNull();
                });
    }

    @Test
    void anInvalidPolicyIsRefusedWithItsProblemsAsTheDetailNotInTheReason() {
        WaitingRoom room = WaitingRoom.open("E1", QUEUE_EVERYONE_BUT_ONE, SALE_OPEN, null, places, AFTER_OPEN);

        List<RoomEvent> refused =
                room.changePolicy("p1", new Policy(1, 0, 0, Duration.ofMinutes(10)), null, AFTER_OPEN);

        assertThat(refused).singleElement().isInstanceOfSatisfying(RoomEvent.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(QueueReason.INVALID_POLICY);
            assertThat(rejected.detail())
                    .isEqualTo("maxAdmitRatePerSecond must be at least 1, got 0; "
                            + "targetActiveShoppers must be at least 1, got 0");
        });
        assertThat(room.state().policy()).isEqualTo(QUEUE_EVERYONE_BUT_ONE);
    }

    @Test
    void aJoinAfterThePurchaseWindowClosedGetsANewPlace() {
        WaitingRoom room = WaitingRoom.open("E1", QUEUE_EVERYONE_BUT_ONE, SALE_OPEN, null, places, AFTER_OPEN);
        room.join("j1", "alice", AFTER_OPEN);

        List<RoomEvent> again = room.join("j2", "alice", AFTER_OPEN.plus(Duration.ofMinutes(10)));

        assertThat(again.get(0))
                .isInstanceOfSatisfying(
                        RoomEvent.SlotReleased.class,
                        released -> assertThat(released.reason()).isEqualTo(QueueReason.WINDOW_CLOSED));
        assertThat(again.get(1)).isInstanceOfSatisfying(RoomEvent.Joined.class, joined -> {
            assertThat(joined.duplicate()).isFalse();
            assertThat(joined.place().position()).isEqualTo(2);
            assertThat(joined.place().status()).isEqualTo(PlaceStatus.ADMITTED);
        });
    }

    @Test
    void noBatchIsLargerThanTheFreeShopperSlots() {
        WaitingRoom room = WaitingRoom.open(
                "E1", new Policy(1, 50, 3, Duration.ofMinutes(10)), SALE_OPEN, null, places, AFTER_OPEN);
        for (int buyer = 0; buyer < 10; buyer++) {
            room.join("j" + buyer, "buyer-" + buyer, AFTER_OPEN);
        }

        room.tick(AFTER_OPEN.plusSeconds(1));
        room.tick(AFTER_OPEN.plusSeconds(2));

        assertThat(room.state().activeShoppers()).isEqualTo(3);
        assertThat(room.state().servingCounter()).isEqualTo(3);
    }

    @Test
    void aStallDoesNotBurstAdmissionBeyondOneSecondsWorth() {
        WaitingRoom room = WaitingRoom.open("E1", QUEUE_EVERYONE_BUT_ONE, SALE_OPEN, null, places, AFTER_OPEN);
        for (int buyer = 0; buyer < 20; buyer++) {
            room.join("j" + buyer, "buyer-" + buyer, AFTER_OPEN);
        }

        List<RoomEvent> afterAMinute = room.tick(AFTER_OPEN.plusSeconds(60));

        assertThat(afterAMinute)
                .filteredOn(RoomEvent.Admitted.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(
                        RoomEvent.Admitted.class,
                        batch -> assertThat(batch.admitted()).isEqualTo(2));
    }

    @Test
    void anUnhealthyCheckoutSlowsAdmissionWithinThePolicyAndSaysWhy() {
        WaitingRoom room = WaitingRoom.open(
                "E1", new Policy(1, 100, 10_000, Duration.ofMinutes(10)), SALE_OPEN, null, places, AFTER_OPEN);
        for (int buyer = 0; buyer < 1_000; buyer++) {
            room.join("j" + buyer, "buyer-" + buyer, AFTER_OPEN);
        }
        room.tick(AFTER_OPEN.plusSeconds(1));
        long healthy = room.state().servingCounter();
        room.progressPublished();

        room.checkoutHealth(0.25, "payment gateway p99 4.1 s over 2 s", AFTER_OPEN.plusSeconds(1));
        assertThat(room.progressUrgent())
                .as("the organizer sees the slowdown at once")
                .isTrue();
        room.tick(AFTER_OPEN.plusSeconds(2));

        assertThat(room.state().servingCounter() - healthy).isEqualTo(25);
        assertThat(room.state().admitLimitAt(AFTER_OPEN.plusSeconds(2))).isEqualTo(25);
        assertThat(room.state().slowedBecauseAt(AFTER_OPEN.plusSeconds(2)))
                .isEqualTo("payment gateway p99 4.1 s over 2 s");
        room.checkoutHealth(7.0, null, AFTER_OPEN.plusSeconds(2));
        long slowed = room.state().servingCounter();
        room.tick(AFTER_OPEN.plusSeconds(3));
        assertThat(room.state().servingCounter() - slowed)
                .as("never above the organizer's rate")
                .isEqualTo(100);
        assertThat(room.state().slowedBecauseAt(AFTER_OPEN.plusSeconds(3))).isNull();
    }

    @Test
    void aSlowdownNobodyRenewsLapsesBackToTheOrganizersRate() {
        WaitingRoom room = WaitingRoom.open(
                "E1", new Policy(1, 100, 10_000, Duration.ofMinutes(10)), SALE_OPEN, null, places, AFTER_OPEN);
        for (int buyer = 0; buyer < 2_000; buyer++) {
            room.join("j" + buyer, "buyer-" + buyer, AFTER_OPEN);
        }
        room.checkoutHealth(0.0, "hold decisions p99 3 s over 1 s", AFTER_OPEN);
        long start = room.state().servingCounter();
        room.tick(AFTER_OPEN.plusSeconds(1));
        assertThat(room.state().servingCounter() - start)
                .as("slowed to the least share, never stopped")
                .isEqualTo(1);

        Instant lapsed = AFTER_OPEN.plus(CheckoutHealth.LAPSES_AFTER);
        room.tick(lapsed.minusSeconds(1));
        long before = room.state().servingCounter();
        room.progressPublished();
        room.tick(lapsed);

        assertThat(room.progressUrgent()).isTrue();
        assertThat(room.state().servingCounter() - before).isEqualTo(100);
        assertThat(room.state().slowedBecauseAt(lapsed)).isNull();
    }

    @Test
    void theRoomCommitsToItsSeedBeforeOpeningAndRevealsItOnlyAtTheDraw() {
        WaitingRoom room =
                WaitingRoom.open("E1", QUEUE_EVERYONE_BUT_ONE, SALE_OPEN, SEED, places, SALE_OPEN.minusSeconds(60));
        room.join("j1", "alice", SALE_OPEN.minusSeconds(30));

        assertThat(room.state().presaleSeedCommitment()).isEqualTo(PresaleDraw.commitment("00".repeat(32)));
        assertThat(room.state().revealedSeed()).isNull();
        room.tick(SALE_OPEN);
        assertThat(room.state().revealedSeed()).isEqualTo("00".repeat(32));
        assertThat(places.find("alice").orElseThrow().position()).isEqualTo(1);
    }

    /**
     * Found by the demo's audit on a freshly started edge: a join that waited ~1 s in its topic was passed through
     * with its record time, after a batch the room had served a moment before, so a later position read as admitted
     * 1.2 s before smaller ones, and before the sale opened.
     */
    @Test
    void aLateCommandIsNeverAdmittedBeforeAnAdmissionTheRoomAlreadyMade() {
        WaitingRoom room = WaitingRoom.open(
                "E1",
                new Policy(60, 30, 600, Duration.ofMinutes(5)),
                SALE_OPEN,
                SEED,
                places,
                SALE_OPEN.minusSeconds(10));
        room.join("j1", "alice", SALE_OPEN.minusSeconds(5));
        room.join("j2", "bob", SALE_OPEN.minusSeconds(4));
        Instant batchAt = SALE_OPEN.plusMillis(500);
        room.tick(batchAt);
        assertThat(places.find("alice").orElseThrow().admittedAt()).isEqualTo(batchAt);

        Instant staleRecordTime = SALE_OPEN.minusMillis(700);
        List<RoomEvent> late = room.join("j3", "carol", staleRecordTime);

        assertThat(late)
                .filteredOn(RoomEvent.Joined.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(RoomEvent.Joined.class, joined -> {
                    assertThat(joined.place().position()).isEqualTo(3);
                    assertThat(joined.place().status()).isEqualTo(PlaceStatus.ADMITTED);
                    assertThat(joined.place().admittedAt()).isEqualTo(batchAt);
                    assertThat(joined.place().windowEndsAt()).isEqualTo(batchAt.plus(Duration.ofMinutes(5)));
                });
    }

    @Test
    void aRoomOpenedBeforeTheSaleNeedsASeed() {
        assertThatThrownBy(() -> WaitingRoom.open(
                        "E1", QUEUE_EVERYONE_BUT_ONE, SALE_OPEN, null, places, SALE_OPEN.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
