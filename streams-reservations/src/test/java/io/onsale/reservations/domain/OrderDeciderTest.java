package io.onsale.reservations.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.onsale.reservations.domain.OrderDecision.AllocationRequest;
import io.onsale.reservations.domain.OrderDecision.Answer;
import io.onsale.reservations.domain.OrderDecision.UnitRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderDeciderTest {

    private static final Instant OPEN = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T1 = OPEN.plusSeconds(1);
    private static final Instant T2 = OPEN.plusSeconds(2);
    private static final Instant DEADLINE = T1.plus(Duration.ofMinutes(10));
    private static final OrderRules RULES = new OrderRules(4, OPEN, "EUR");
    private static final List<Alternative> NEARBY = List.of(new Alternative("A", List.of("A-1-4"), 1, 9_900));

    private final OrderDecider decider = new OrderDecider();

    @Test
    void anOrderForSeatsAsksEachUnitForAHoldAndIsHeldWhenAllAre() {
        OrderDecision placed = decide(List.of(), place("o1", "A-1-1", "A-1-2"));

        assertThat(placed.unitRequests())
                .extracting(UnitRequest::type, UnitRequest::unitId, UnitRequest::holdId, UnitRequest::orderQuantity)
                .containsExactly(
                        tuple(UnitRequest.Type.HOLD, "A-1-1", "o1~1", 2),
                        tuple(UnitRequest.Type.HOLD, "A-1-2", "o1~1", 2));
        assertThat(placed.answers()).isEmpty();
        assertThat(only(placed).status()).isEqualTo(OrderStatus.PLACING);

        OrderDecision first = decide(placed.orders(), held("o1~1", "A-1-1"));
        assertThat(first.answers()).isEmpty();
        OrderDecision second = decide(first.orders(), held("o1~1", "A-1-2"));

        assertThat(second.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.HELD);
            assertThat(answer.requestId()).isEqualTo("place-o1");
            assertThat(answer.order().totalMinor()).isEqualTo(19_800);
            assertThat(answer.order().holdExpiresAt()).isEqualTo(DEADLINE);
        });
    }

    @Test
    void oneRefusedUnitRejectsTheOrderGivesBackWhatWasHeldAndOffersTheAlternatives() {
        OrderDecision placed = decide(List.of(), place("o1", "A-1-1", "A-1-2"));
        OrderDecision oneHeld = decide(placed.orders(), held("o1~1", "A-1-1"));

        OrderDecision refused = decide(oneHeld.orders(), rejected("o1~1", "A-1-2", RejectionReason.SEAT_TAKEN, NEARBY));

        assertThat(refused.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.REJECTED);
            assertThat(answer.reason()).isEqualTo(OrderReason.SEAT_TAKEN);
            assertThat(answer.order().alternatives()).isEqualTo(NEARBY);
        });
        assertThat(refused.unitRequests())
                .extracting(UnitRequest::type, UnitRequest::unitId)
                .containsExactly(tuple(UnitRequest.Type.RELEASE, "A-1-1"));
    }

    @Test
    void aHoldThatArrivesAfterItsOrderWasRejectedIsGivenBack() {
        OrderDecision placed = decide(List.of(), place("o1", "A-1-1", "A-1-2"));
        OrderDecision refused =
                decide(placed.orders(), rejected("o1~1", "A-1-2", RejectionReason.SEAT_TAKEN, List.of()));

        OrderDecision late = decide(refused.orders(), held("o1~1", "A-1-1"));

        assertThat(late.answers()).isEmpty();
        assertThat(late.unitRequests())
                .extracting(UnitRequest::type, UnitRequest::unitId)
                .containsExactly(tuple(UnitRequest.Type.RELEASE, "A-1-1"));
        assertThat(only(late).status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void theSameDecisionTwiceIsCountedOnce() {
        OrderDecision placed = decide(List.of(), place("o1", "A-1-1", "A-1-2"));
        OrderDecision once = decide(placed.orders(), held("o1~1", "A-1-1"));

        OrderDecision twice = decide(once.orders(), held("o1~1", "A-1-1"));

        assertThat(twice.answers()).isEmpty();
        assertThat(twice.changed()).isFalse();
        assertThat(only(twice).status()).isEqualTo(OrderStatus.PLACING);
    }

    @Test
    void aRetriedPlaceIsAnsweredAsBeforeAndTakesNothing() {
        OrderDecision heldOrder = holdSeats("o1", "A-1-1");

        OrderDecision retry = decide(heldOrder.orders(), place("o1", "A-1-1"));

        assertThat(retry.unitRequests()).isEmpty();
        assertThat(retry.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.HELD);
            assertThat(answer.at()).isEqualTo(T1);
        });
    }

    @Test
    void refusalsBeforeAnythingIsAsked() {
        assertThat(decider.decide(List.of(), List.of(), null, place("o1", "A-1-1"))
                        .answers())
                .extracting(Answer::reason)
                .containsExactly(OrderReason.UNKNOWN_EVENT);
        assertThat(decide(
                                List.of(),
                                new OrderInput.Place(
                                        "p",
                                        OPEN.minusSeconds(1),
                                        "o1",
                                        List.of(new OrderInput.UnitRef("A", "A-1-1", 1)),
                                        null,
                                        0))
                        .answers())
                .extracting(Answer::reason)
                .containsExactly(OrderReason.NOT_ON_SALE);
        assertThat(decide(
                                List.of(),
                                new OrderInput.Place(
                                        "p",
                                        T1,
                                        "o1",
                                        List.of(
                                                new OrderInput.UnitRef("A", "A-1-1", 1),
                                                new OrderInput.UnitRef("A", "A-1-1", 1)),
                                        null,
                                        0))
                        .answers())
                .extracting(Answer::reason)
                .containsExactly(OrderReason.INVALID_COMMAND);
        assertThat(decide(List.of(), new OrderInput.Place("p", T1, "o1", List.of(), "A", 0))
                        .answers())
                .extracting(Answer::reason)
                .containsExactly(OrderReason.INVALID_COMMAND);
    }

    @Test
    void theBuyerLimitCountsEveryLiveOrderOfTheBuyer() {
        OrderDecision three = holdSeats("o1", "A-1-1", "A-1-2", "A-1-3");

        OrderDecision twoMore = decide(three.orders(), place("o2", "B-1-1", "B-1-2"));
        OrderDecision oneMore = decide(three.orders(), place("o3", "B-1-1"));

        assertThat(twoMore.answers()).extracting(Answer::reason).containsExactly(OrderReason.BUYER_LIMIT);
        assertThat(twoMore.unitRequests()).isEmpty();
        assertThat(oneMore.unitRequests()).hasSize(1);
    }

    @Test
    void aCancelledOrderNoLongerCountsTowardTheLimit() {
        OrderDecision four = holdSeats("o1", "A-1-1", "A-1-2", "A-1-3", "A-1-4");
        OrderDecision cancelled = decide(four.orders(), new OrderInput.Cancel("c1", T2, "o1"));

        assertThat(cancelled.answers()).extracting(Answer::type).containsExactly(Answer.Type.CANCELLED);
        assertThat(cancelled.unitRequests()).hasSize(4).allMatch(request -> request.type() == UnitRequest.Type.RELEASE);
        assertThat(decide(cancelled.orders(), place("o2", "B-1-1")).unitRequests())
                .hasSize(1);
    }

    @Test
    void bestAvailableAsksTheSectionAndIsHeldWhenThePickedSeatsAre() {
        OrderDecision placed = decide(List.of(), best("o1", "A", 2));

        assertThat(placed.allocationRequests())
                .extracting(AllocationRequest::sectionId, AllocationRequest::holdId, AllocationRequest::quantity)
                .containsExactly(tuple("A", "o1~1", 2));
        OrderDecision one = decide(placed.orders(), held("o1~1", "A-2-3"));
        OrderDecision two = decide(one.orders(), held("o1~1", "A-2-4"));

        assertThat(one.answers()).isEmpty();
        assertThat(two.answers())
                .singleElement()
                .satisfies(answer -> assertThat(answer.order().items())
                        .extracting(OrderLine::unitId)
                        .containsExactly("A-2-3", "A-2-4"));
    }

    @Test
    void aRetryThatReachedTheBooksBeforeItsSectionsPlacementIsAnsweredByThatPlacement() {
        // The large preset under overload: placed at the section, then retried to the books before the placement
        // reached them. The section picks nothing for the books' ALLOCATE; its placement is the answer.
        OrderDecision asked = decide(List.of(), best("o1", "A", 2));
        OrderDecision one = decide(asked.orders(), placedAt("o1", "A-2-3", 2));
        OrderDecision both = decide(one.orders(), placedAt("o1", "A-2-4", 2));

        assertThat(one.answers()).isEmpty();
        assertThat(both.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.HELD);
            assertThat(answer.requestId()).isEqualTo("place-o1");
            assertThat(answer.order().items()).extracting(OrderLine::unitId).containsExactly("A-2-3", "A-2-4");
        });
        assertThat(both.unitRequests()).isEmpty();
    }

    @Test
    void aRetryThatReachedTheBooksBeforeItsSectionsRefusalIsAnsweredByThatRefusal() {
        OrderDecision asked = decide(List.of(), best("o1", "A", 2));

        OrderDecision refused = decide(
                asked.orders(),
                new OrderInput.Placed(
                        "place-o1",
                        T1,
                        "o1",
                        "o1~1",
                        "A",
                        null,
                        UnitEvent.Type.REJECTED,
                        RejectionReason.SOLD_OUT,
                        0,
                        2,
                        null,
                        0,
                        "EUR",
                        NEARBY));

        assertThat(refused.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.REJECTED);
            assertThat(answer.reason()).isEqualTo(OrderReason.SOLD_OUT);
            assertThat(answer.order().alternatives()).isEqualTo(NEARBY);
        });
    }

    @Test
    void aSeatTakenForAnOrderTwiceIsGivenBackAndIsNeitherShownNorConfirmedNorPaidFor() {
        // Before the section marked the books' orders, a pick for an order placed at the section was held beside the
        // placement, given back, and then kept the order in CONFIRMING for ever: every item had to be SOLD.
        OrderDecision asked = decide(List.of(), best("o1", "A", 1));
        OrderDecision placed = decide(asked.orders(), placedAt("o1", "A-2-3", 1));
        OrderDecision extra = decide(placed.orders(), held("o1~1", "A-5-9"));

        assertThat(extra.unitRequests())
                .extracting(UnitRequest::type, UnitRequest::unitId)
                .containsExactly(tuple(UnitRequest.Type.RELEASE, "A-5-9"));
        assertThat(only(extra).items()).extracting(OrderLine::unitId).containsExactly("A-2-3");
        assertThat(only(extra).totalMinor()).isEqualTo(9_900);
        OrderDecision confirming = decide(extra.orders(), new OrderInput.Confirm("pay-1", T2, "o1", "payment-1"));
        assertThat(confirming.unitRequests())
                .extracting(UnitRequest::type, UnitRequest::unitId)
                .containsExactly(tuple(UnitRequest.Type.CONFIRM, "A-2-3"));
        OrderDecision confirmed = decide(confirming.orders(), sold("o1~1", "A-2-3"));
        assertThat(confirmed.answers()).extracting(Answer::type).containsExactly(Answer.Type.CONFIRMED);
    }

    @Test
    void bestAvailableThatLosesAPickAsksAgainWithoutItThenGivesUpAfterTheLastAttempt() {
        OrderDecision placed = decide(List.of(), best("o1", "A", 2));
        OrderDecision held = decide(placed.orders(), held("o1~1", "A-1-1"));

        OrderDecision lost = decide(held.orders(), rejected("o1~1", "A-1-2", RejectionReason.SEAT_TAKEN, List.of()));

        assertThat(lost.answers()).isEmpty();
        assertThat(lost.unitRequests())
                .extracting(UnitRequest::type, UnitRequest::unitId, UnitRequest::holdId)
                .containsExactly(tuple(UnitRequest.Type.RELEASE, "A-1-1", "o1~1"));
        assertThat(lost.allocationRequests()).singleElement().satisfies(again -> {
            assertThat(again.holdId()).isEqualTo("o1~2");
            assertThat(again.excludedUnitIds()).containsExactly("A-1-2");
            assertThat(again.reusableUnitIds())
                    .as("given back, so free for this order")
                    .containsExactly("A-1-1");
        });
        OrderDecision second = decide(lost.orders(), rejected("o1~2", "A-1-3", RejectionReason.SEAT_TAKEN, List.of()));
        OrderDecision third = decide(second.orders(), rejected("o1~3", "A-1-5", RejectionReason.SEAT_TAKEN, NEARBY));

        assertThat(second.allocationRequests())
                .singleElement()
                .extracting(AllocationRequest::holdId)
                .isEqualTo("o1~3");
        assertThat(third.allocationRequests()).isEmpty();
        assertThat(third.answers()).singleElement().extracting(Answer::type).isEqualTo(Answer.Type.REJECTED);
    }

    @Test
    void aSeatHandedFromOneAttemptToTheNextIsNotReleasedTwice() {
        OrderDecision placed = decide(List.of(), best("o1", "A", 2));
        OrderDecision held = decide(placed.orders(), held("o1~1", "A-1-1"));
        OrderDecision lost = decide(held.orders(), rejected("o1~1", "A-1-2", RejectionReason.SEAT_TAKEN, List.of()));
        OrderDecision handedOver = decide(
                lost.orders(),
                new OrderInput.UnitDecided(
                        "u", T1, "o1", "o1~1", "A", "A-1-1", UnitEvent.Type.RELEASED, null, 1, null, 9_900, List.of()));
        OrderDecision again = decide(handedOver.orders(), held("o1~2", "A-1-1"));
        OrderDecision both = decide(again.orders(), held("o1~2", "A-1-3"));

        OrderDecision lateRefusalOfTheRelease =
                decide(both.orders(), rejected("o1~1", "A-1-1", RejectionReason.UNKNOWN_HOLD, List.of()));

        assertThat(both.answers()).singleElement().extracting(Answer::type).isEqualTo(Answer.Type.HELD);
        assertThat(lateRefusalOfTheRelease.changed()).isFalse();
        assertThat(lateRefusalOfTheRelease.unitRequests()).isEmpty();
    }

    @Test
    void anAnswerToAnEarlierAttemptNeverCountsForTheCurrentOne() {
        OrderDecision placed = decide(List.of(), best("o1", "A", 1));
        OrderDecision lost = decide(placed.orders(), rejected("o1~1", "A-1-2", RejectionReason.SEAT_TAKEN, List.of()));

        OrderDecision stale = decide(lost.orders(), held("o1~1", "A-1-9"));

        assertThat(stale.answers()).isEmpty();
        assertThat(stale.unitRequests())
                .extracting(UnitRequest::type, UnitRequest::holdId)
                .containsExactly(tuple(UnitRequest.Type.RELEASE, "o1~1"));
    }

    @Test
    void whenTheSectionHasNothingLeftTheOrderIsRejectedWithWhatElseThereIs() {
        OrderDecision placed = decide(List.of(), best("o1", "FLOOR", 4));
        List<Alternative> elsewhere = List.of(new Alternative("B", List.of(), 4, 9_900));

        OrderDecision failed = decide(
                placed.orders(),
                new OrderInput.AllocationFailed("a", T1, "o1", "o1~1", RejectionReason.SOLD_OUT, elsewhere));

        assertThat(failed.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.reason()).isEqualTo(OrderReason.SOLD_OUT);
            assertThat(answer.order().alternatives()).isEqualTo(elsewhere);
        });
    }

    @Test
    void aConfirmSellsEveryHoldAndIsAnsweredUnderThePaymentsRequest() {
        OrderDecision heldOrder = holdSeats("o1", "A-1-1", "A-1-2");

        OrderDecision confirming = decide(heldOrder.orders(), new OrderInput.Confirm("pay-1", T2, "o1", "payment-1"));
        assertThat(confirming.unitRequests())
                .extracting(UnitRequest::type)
                .containsOnly(UnitRequest.Type.CONFIRM)
                .hasSize(2);
        OrderDecision one = decide(confirming.orders(), sold("o1~1", "A-1-1"));
        OrderDecision both = decide(one.orders(), sold("o1~1", "A-1-2"));

        assertThat(one.answers()).isEmpty();
        assertThat(both.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.CONFIRMED);
            assertThat(answer.requestId()).isEqualTo("pay-1");
            assertThat(answer.order().paymentId()).isEqualTo("payment-1");
        });
        assertThat(decide(both.orders(), new OrderInput.Confirm("pay-2", T2, "o1", "payment-1"))
                        .answers())
                .extracting(Answer::type)
                .containsExactly(Answer.Type.CONFIRMED);
        assertThat(decide(both.orders(), new OrderInput.Cancel("c", T2, "o1")).answers())
                .extracting(Answer::reason)
                .containsExactly(OrderReason.ALREADY_CONFIRMED);
    }

    @Test
    void aSecondPaymentWhileTheFirstIsConfirmingIsRefusedAtOnceNamingTheFirstWhichKeepsItsAnswer() {
        OrderDecision heldOrder = holdSeats("o1", "A-1-1");
        OrderDecision confirming = decide(heldOrder.orders(), new OrderInput.Confirm("pay-1", T2, "o1", "payment-1"));

        OrderDecision second = decide(confirming.orders(), new OrderInput.Confirm("pay-2", T2, "o1", "payment-2"));

        assertThat(second.unitRequests()).isEmpty();
        assertThat(second.changed())
                .as("the first payment still gets the answer")
                .isFalse();
        assertThat(second.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.REJECTED);
            assertThat(answer.reason()).isEqualTo(OrderReason.PAYMENT_IN_PROGRESS);
            assertThat(answer.requestId()).isEqualTo("pay-2");
            assertThat(answer.order().paymentId()).isEqualTo("payment-1");
        });
        OrderDecision sold = decide(second.orders(), sold("o1~1", "A-1-1"));
        assertThat(sold.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.CONFIRMED);
            assertThat(answer.requestId()).isEqualTo("pay-1");
            assertThat(answer.order().paymentId()).isEqualTo("payment-1");
        });
    }

    @Test
    void aPaymentAfterTheOrderWasConfirmedIsAnsweredConfirmedWithThePaymentThatWon() {
        OrderDecision heldOrder = holdSeats("o1", "A-1-1");
        OrderDecision confirming = decide(heldOrder.orders(), new OrderInput.Confirm("pay-1", T2, "o1", "payment-1"));
        OrderDecision confirmed = decide(confirming.orders(), sold("o1~1", "A-1-1"));

        OrderDecision late = decide(confirmed.orders(), new OrderInput.Confirm("pay-2", T2, "o1", "payment-2"));

        assertThat(late.unitRequests()).isEmpty();
        assertThat(late.changed()).isFalse();
        assertThat(late.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.CONFIRMED);
            assertThat(answer.requestId()).isEqualTo("pay-2");
            assertThat(answer.order().paymentId())
                    .as("not the late payment's: it did not pay")
                    .isEqualTo("payment-1");
        });
    }

    @Test
    void theSamePaymentAskingAgainWhileConfirmingGetsTheAnswerWhenTheUnitsDecide() {
        OrderDecision heldOrder = holdSeats("o1", "A-1-1");
        OrderDecision confirming = decide(heldOrder.orders(), new OrderInput.Confirm("pay-1", T2, "o1", "payment-1"));

        OrderDecision again = decide(confirming.orders(), new OrderInput.Confirm("pay-1-again", T2, "o1", "payment-1"));
        OrderDecision sold = decide(again.orders(), sold("o1~1", "A-1-1"));

        assertThat(again.answers()).isEmpty();
        assertThat(again.unitRequests()).isEmpty();
        assertThat(sold.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.CONFIRMED);
            assertThat(answer.requestId()).isEqualTo("pay-1-again");
            assertThat(answer.order().paymentId()).isEqualTo("payment-1");
        });
    }

    @Test
    void aConfirmAtOrAfterTheDeadlineExpiresTheOrderInstead() {
        OrderDecision heldOrder = holdSeats("o1", "A-1-1");

        OrderDecision late = decide(heldOrder.orders(), new OrderInput.Confirm("pay-1", DEADLINE, "o1", "payment-1"));

        assertThat(late.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.EXPIRED);
            assertThat(answer.requestId()).isEqualTo("pay-1");
        });
        assertThat(late.unitRequests()).extracting(UnitRequest::type).containsExactly(UnitRequest.Type.RELEASE);
    }

    @Test
    void aConfirmRefusedByOneUnitVoidsTheSeatsAlreadySold() {
        OrderDecision heldOrder = holdSeats("o1", "A-1-1", "A-1-2");
        OrderDecision confirming = decide(heldOrder.orders(), new OrderInput.Confirm("pay-1", T2, "o1", "payment-1"));
        OrderDecision one = decide(confirming.orders(), sold("o1~1", "A-1-1"));

        OrderDecision refused =
                decide(one.orders(), rejected("o1~1", "A-1-2", RejectionReason.HOLD_EXPIRED, List.of()));

        assertThat(refused.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.EXPIRED);
            assertThat(answer.requestId()).isEqualTo("pay-1");
        });
        assertThat(refused.unitRequests())
                .extracting(UnitRequest::type, UnitRequest::unitId)
                .containsExactly(tuple(UnitRequest.Type.RELEASE, "A-1-1"));
    }

    @Test
    void aCancelDuringPaymentIsRefused() {
        OrderDecision heldOrder = holdSeats("o1", "A-1-1");
        OrderDecision confirming = decide(heldOrder.orders(), new OrderInput.Confirm("pay-1", T2, "o1", "payment-1"));

        assertThat(decide(confirming.orders(), new OrderInput.Cancel("c", T2, "o1"))
                        .answers())
                .extracting(Answer::reason)
                .containsExactly(OrderReason.PAYMENT_IN_PROGRESS);
    }

    @Test
    void anExpiredHoldExpiresItsOrderAndGivesBackTheOthers() {
        OrderDecision heldOrder = holdSeats("o1", "A-1-1", "A-1-2");

        OrderDecision expired = decide(
                heldOrder.orders(),
                new OrderInput.UnitDecided(
                        "x",
                        DEADLINE,
                        "o1",
                        "o1~1",
                        "A",
                        "A-1-1",
                        UnitEvent.Type.EXPIRED,
                        null,
                        1,
                        null,
                        9_900,
                        List.of()));

        assertThat(expired.answers()).singleElement().extracting(Answer::type).isEqualTo(Answer.Type.EXPIRED);
        assertThat(expired.unitRequests())
                .extracting(UnitRequest::type, UnitRequest::unitId)
                .containsExactly(tuple(UnitRequest.Type.RELEASE, "A-1-2"));
    }

    @Test
    void commandsForAnOrderNobodyPlacedAreRefusedAndDecisionsAboutItIgnored() {
        assertThat(decide(List.of(), new OrderInput.Confirm("pay", T1, "ghost", "p"))
                        .answers())
                .extracting(Answer::reason)
                .containsExactly(OrderReason.UNKNOWN_ORDER);
        assertThat(decide(List.of(), new OrderInput.Cancel("c", T1, "ghost")).answers())
                .extracting(Answer::reason)
                .containsExactly(OrderReason.UNKNOWN_ORDER);
        OrderDecision stray = decide(List.of(), held("ghost~1", "A-1-1"));
        assertThat(stray.changed()).isFalse();
        assertThat(stray.unitRequests()).isEmpty();
    }

    @Test
    void aBuyersRecordKeepsItsLiveOrdersAndOnlyTheMostRecentEndedOnesTheOldestLeaveItArchived() {
        OrderDecision decision = holdSeats("held", "A-1-1");
        decision = decide(decision.orders(), new OrderInput.Confirm("pay", T2, "held", "p"));
        decision = decide(decision.orders(), sold("held~1", "A-1-1"));
        List<Order> archived = new java.util.ArrayList<>();
        int refusals = OrderDecider.KEPT_FINISHED_ORDERS + 10;
        for (int i = 0; i < refusals; i++) {
            decision = decide(decision.orders(), tooEarly("early-" + i, OPEN.minusSeconds(refusals - i)));
            archived.addAll(decision.archived());
        }
        decision = holdSeats(decision.orders(), "live", "A-1-2");

        assertThat(decision.orders())
                .extracting(Order::orderId)
                .startsWith("held")
                .endsWith("live")
                .hasSize(OrderDecider.KEPT_FINISHED_ORDERS + 2)
                .containsAll(java.util.stream.IntStream.range(10, refusals)
                        .mapToObj(i -> "early-" + i)
                        .toList());
        assertThat(archived)
                .extracting(Order::orderId)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 10)
                        .mapToObj(i -> "early-" + i)
                        .toList());
        assertThat(archived).allSatisfy(order -> assertThat(order.status()).isEqualTo(OrderStatus.REJECTED));
    }

    @Test
    void anEndedOrderStillWaitingForAUnitStaysInTheRecordUntilItsHoldIsGivenBack() {
        OrderDecision decision = decide(List.of(), place("cancelled", "A-1-1"));
        decision = decide(decision.orders(), held("cancelled~1", "A-1-1"));
        decision = decide(decision.orders(), new OrderInput.Cancel("c", T1, "cancelled"));
        for (int i = 0; i < OrderDecider.KEPT_FINISHED_ORDERS + 5; i++) {
            decision = decide(
                    decision.orders(), new OrderInput.Place("place-none-" + i, T2, "none-" + i, List.of(), "A", 0));
            assertThat(only(decision).reason()).isEqualTo(OrderReason.INVALID_COMMAND);
            assertThat(decision.archived()).extracting(Order::orderId).doesNotContain("cancelled");
        }
        assertThat(decision.orders()).extracting(Order::orderId).contains("cancelled");

        OrderDecision givenBack = decide(
                decision.orders(),
                new OrderInput.UnitDecided(
                        "r",
                        T2,
                        "cancelled",
                        "cancelled~1",
                        "A",
                        "A-1-1",
                        UnitEvent.Type.RELEASED,
                        null,
                        1,
                        null,
                        9_900,
                        List.of()));

        assertThat(givenBack.archived()).extracting(Order::orderId).containsExactly("cancelled");
        assertThat(givenBack.orders()).extracting(Order::orderId).doesNotContain("cancelled");
    }

    @Test
    void aRetryOfAnArchivedOrderHandedBackIsAnsweredAsItWasDecidedAndArchivedAgain() {
        OrderDecision decision = decide(List.of(), tooEarly("first", OPEN.minusSeconds(100)));
        for (int i = 0; i < OrderDecider.KEPT_FINISHED_ORDERS; i++) {
            decision = decide(decision.orders(), tooEarly("early-" + i, OPEN.minusSeconds(99 - i)));
        }
        Order first = decision.archived().get(0);
        List<Order> withItBack = new java.util.ArrayList<>(decision.orders());
        withItBack.add(first);

        // The sale is open now and the seat free: a new order would hold it. The retry is the refused order.
        OrderDecision retry = decide(
                withItBack,
                new OrderInput.Place(
                        "place-first", T1, "first", List.of(new OrderInput.UnitRef("A", "A-1-1", 1)), null, 0));

        assertThat(retry.unitRequests()).isEmpty();
        assertThat(retry.allocationRequests()).isEmpty();
        assertThat(retry.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.REJECTED);
            assertThat(answer.reason()).isEqualTo(OrderReason.NOT_ON_SALE);
        });
        assertThat(retry.archived()).containsExactly(first);
        assertThat(retry.orders()).isEqualTo(decision.orders());
    }

    @Test
    void finishedOrdersAreForgottenADayLaterButSalesAreKept() {
        OrderDecision rejected = decide(List.of(), place("o1", "A-1-1"));
        rejected = decide(rejected.orders(), rejected("o1~1", "A-1-1", RejectionReason.SEAT_TAKEN, List.of()));
        OrderDecision bought = holdSeats("o2", "A-1-2");
        bought = decide(bought.orders(), new OrderInput.Confirm("pay", T2, "o2", "p"));
        bought = decide(bought.orders(), sold("o2~1", "A-1-2"));
        List<Order> both = List.of(only(rejected), only(bought));

        OrderDecision dayLater = decide(both, place("o3", "B-1-1"));
        OrderDecision muchLater = decider.decide(
                both,
                List.of(),
                RULES,
                new OrderInput.Place(
                        "p",
                        T2.plus(Duration.ofHours(25)),
                        "o3",
                        List.of(new OrderInput.UnitRef("B", "B-1-1", 1)),
                        null,
                        0));

        assertThat(dayLater.orders()).hasSize(3);
        assertThat(muchLater.orders()).extracting(Order::orderId).containsExactly("o2", "o3");
    }

    // ---- the release limit (ADR 0018)

    @Test
    void aCancelledHeldOrderIsOneReleaseOfItsBuyerAndItsSeatsAreGivenUpNotGivenBack() {
        OrderDecision heldOrder = holdSeats("o1", "A-1-1", "A-1-2");

        OrderDecision cancelled = decide(heldOrder.orders(), new OrderInput.Cancel("c1", T2, "o1"));

        assertThat(cancelled.releases()).containsExactly(T2);
        assertThat(cancelled.changed()).isTrue();
        assertThat(cancelled.unitRequests()).hasSize(2).allMatch(UnitRequest::givenUp);
    }

    @Test
    void anExpiredHeldOrderIsOneReleaseAndWhatTheEngineGivesBackIsNone() {
        OrderDecision heldOrder = holdSeats("o1", "A-1-1", "A-1-2");
        OrderDecision expired = decide(
                heldOrder.orders(),
                new OrderInput.UnitDecided(
                        "x",
                        DEADLINE,
                        "o1",
                        "o1~1",
                        "A",
                        "A-1-1",
                        UnitEvent.Type.EXPIRED,
                        null,
                        1,
                        null,
                        9_900,
                        List.of()));
        assertThat(expired.releases()).containsExactly(DEADLINE);
        assertThat(expired.unitRequests()).noneMatch(UnitRequest::givenUp);

        OrderDecision placed = decide(List.of(), place("o2", "A-1-1", "A-1-2"));
        OrderDecision oneHeld = decide(placed.orders(), held("o2~1", "A-1-1"));
        OrderDecision refused =
                decide(oneHeld.orders(), rejected("o2~1", "A-1-2", RejectionReason.SEAT_TAKEN, List.of()));
        assertThat(refused.releases())
                .as("a refused order is not the buyer's release, though a seat was given back")
                .isEmpty();
        assertThat(refused.unitRequests())
                .singleElement()
                .satisfies(request -> assertThat(request.givenUp()).isFalse());
    }

    @Test
    void afterThreeReleasesWithinTheWindowTheBooksRefuseNewOrdersUntilTheOldestLeavesIt() {
        List<Instant> releases = List.of(T1, T1.plus(Duration.ofMinutes(10)), T1.plus(Duration.ofMinutes(20)));
        Instant now = T1.plus(Duration.ofMinutes(25));

        OrderDecision refused = decider.decide(
                List.of(),
                releases,
                RULES,
                new OrderInput.Place(
                        "place-o9",
                        now,
                        "o9",
                        List.of(new OrderInput.UnitRef("A", "A-1-1", 1), new OrderInput.UnitRef("B", "B-1-1", 1)),
                        null,
                        0));
        OrderDecision later = decider.decide(
                List.of(),
                releases,
                RULES,
                new OrderInput.Place(
                        "place-o9",
                        T1.plus(ReleasePolicy.RELEASE_WINDOW),
                        "o9",
                        List.of(new OrderInput.UnitRef("A", "A-1-1", 1)),
                        null,
                        0));

        assertThat(refused.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.type()).isEqualTo(Answer.Type.REJECTED);
            assertThat(answer.reason()).isEqualTo(OrderReason.RELEASE_LIMIT);
            assertThat(answer.order().retryAt()).isEqualTo(T1.plus(ReleasePolicy.RELEASE_WINDOW));
        });
        assertThat(refused.unitRequests()).isEmpty();
        assertThat(refused.releases()).isEqualTo(releases);
        assertThat(later.answers()).isEmpty();
        assertThat(later.unitRequests()).extracting(UnitRequest::type).containsExactly(UnitRequest.Type.HOLD);
    }

    @Test
    void anOrderItsSectionHeldForABuyerAtTheReleaseLimitIsGivenBackAndRefused() {
        List<Instant> releases = List.of(T1, T1, T1);
        OrderDecision asked = decider.decide(List.of(), releases, RULES, placedAt("o1", "A-2-3", 1));

        assertThat(asked.answers()).singleElement().satisfies(answer -> {
            assertThat(answer.reason()).isEqualTo(OrderReason.RELEASE_LIMIT);
            assertThat(answer.order().retryAt()).isEqualTo(T1.plus(ReleasePolicy.RELEASE_WINDOW));
        });
        assertThat(asked.unitRequests())
                .extracting(UnitRequest::type, UnitRequest::unitId, UnitRequest::givenUp)
                .containsExactly(tuple(UnitRequest.Type.RELEASE, "A-2-3", false));
        assertThat(asked.releases())
                .as("the engine gave it back: not one more release")
                .isEqualTo(releases);
    }

    @Test
    void theReleasesTravelFromDecisionToDecisionAndConfirmsAndCancelsStayAllowed() {
        OrderDecision decision = holdSeats("o1", "A-1-1");
        List<Instant> releases = List.of(T1, T1);
        decision = decider.decide(decision.orders(), releases, RULES, new OrderInput.Cancel("c1", T2, "o1"));
        assertThat(decision.releases()).containsExactly(T1, T1, T2);

        OrderDecision stillHeld = holdSeats("o2", "B-1-1");
        OrderDecision paid = decider.decide(
                stillHeld.orders(), decision.releases(), RULES, new OrderInput.Confirm("pay", T2, "o2", "payment"));
        assertThat(paid.unitRequests()).extracting(UnitRequest::type).containsExactly(UnitRequest.Type.CONFIRM);
        assertThat(paid.changed()).isTrue();
    }

    private OrderDecision holdSeats(String orderId, String... seats) {
        return holdSeats(List.of(), orderId, seats);
    }

    private OrderDecision holdSeats(List<Order> others, String orderId, String... seats) {
        OrderDecision decision = decide(others, place(orderId, seats));
        for (String seat : seats) {
            decision = decide(decision.orders(), held(orderId + "~1", seat));
        }
        assertThat(only(decision).status()).isEqualTo(OrderStatus.HELD);
        return decision;
    }

    private OrderDecision decide(List<Order> orders, OrderInput input) {
        return decider.decide(orders, List.of(), RULES, input);
    }

    private static Order only(OrderDecision decision) {
        return decision.orders().get(decision.orders().size() - 1);
    }

    private static OrderInput.Place place(String orderId, String... seats) {
        return new OrderInput.Place(
                "place-" + orderId,
                T1,
                orderId,
                java.util.Arrays.stream(seats)
                        .map(seat -> new OrderInput.UnitRef(seat.substring(0, 1), seat, 1))
                        .toList(),
                null,
                0);
    }

    /** An order for one seat placed before the sale opens: refused NOT_ON_SALE, ended and settled at once. */
    private static OrderInput.Place tooEarly(String orderId, Instant at) {
        return new OrderInput.Place(
                "place-" + orderId, at, orderId, List.of(new OrderInput.UnitRef("A", "A-1-1", 1)), null, 0);
    }

    private static OrderInput.Place best(String orderId, String section, int quantity) {
        return new OrderInput.Place("place-" + orderId, T1, orderId, List.of(), section, quantity);
    }

    private static OrderInput.UnitDecided held(String holdId, String seat) {
        return new OrderInput.UnitDecided(
                "u",
                T1,
                holdId.substring(0, holdId.indexOf('~')),
                holdId,
                seat.substring(0, 1),
                seat,
                UnitEvent.Type.HELD,
                null,
                1,
                DEADLINE,
                9_900,
                List.of());
    }

    private static OrderInput.Placed placedAt(String orderId, String seat, int orderQuantity) {
        return new OrderInput.Placed(
                "place-" + orderId,
                T1,
                orderId,
                orderId + "~1",
                seat.substring(0, 1),
                seat,
                UnitEvent.Type.HELD,
                null,
                1,
                orderQuantity,
                DEADLINE,
                9_900,
                "EUR",
                List.of());
    }

    private static OrderInput.UnitDecided sold(String holdId, String seat) {
        return new OrderInput.UnitDecided(
                "u",
                T2,
                holdId.substring(0, holdId.indexOf('~')),
                holdId,
                seat.substring(0, 1),
                seat,
                UnitEvent.Type.SOLD,
                null,
                1,
                null,
                9_900,
                List.of());
    }

    private static OrderInput.UnitDecided rejected(
            String holdId, String seat, RejectionReason reason, List<Alternative> offered) {
        return new OrderInput.UnitDecided(
                "u",
                T1,
                holdId.substring(0, holdId.indexOf('~')),
                holdId,
                seat.substring(0, 1),
                seat,
                UnitEvent.Type.REJECTED,
                reason,
                1,
                null,
                9_900,
                offered);
    }
}
