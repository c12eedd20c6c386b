package io.onsale.queue.topology;

import static io.onsale.queue.topology.QueueTestEvents.AN_HOUR_BEFORE_OPEN;
import static io.onsale.queue.topology.QueueTestEvents.A_MINUTE_AFTER_OPEN;
import static io.onsale.queue.topology.QueueTestEvents.SALE_OPEN;
import static io.onsale.queue.topology.QueueTestEvents.changePolicy;
import static io.onsale.queue.topology.QueueTestEvents.checkoutHealth;
import static io.onsale.queue.topology.QueueTestEvents.event;
import static io.onsale.queue.topology.QueueTestEvents.inventoryBack;
import static io.onsale.queue.topology.QueueTestEvents.join;
import static io.onsale.queue.topology.QueueTestEvents.leave;
import static io.onsale.queue.topology.QueueTestEvents.orderEnded;
import static io.onsale.queue.topology.QueueTestEvents.pause;
import static io.onsale.queue.topology.QueueTestEvents.policy;
import static io.onsale.queue.topology.QueueTestEvents.rejoin;
import static io.onsale.queue.topology.QueueTestEvents.soldOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.onsale.kafka.app.StreamsProperties;
import io.onsale.kafka.dlq.DeadLetterHandler;
import io.onsale.kafka.dlq.DeadLetterPublisher;
import io.onsale.kafka.dlq.DeadLetters;
import io.onsale.kafka.topics.Topics;
import io.onsale.queue.domain.PresaleDraw;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueEventType;
import io.onsale.schema.queue.QueueMode;
import io.onsale.schema.queue.QueuePlace;
import io.onsale.schema.queue.QueuePlaceStatus;
import io.onsale.schema.queue.QueueProgress;
import io.onsale.schema.queue.QueueReason;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitingRoomTopologyTest {

    private static final Topics TOPICS = Topics.from(Topics.Settings.defaults());
    private static final Duration ONE_TICK = WaitingRoomTopology.TICK;
    /** Passes the first buyer through, then queues everyone: 3 admitted per second, up to 100 shopping. */
    private static final QueuePolicy BUSY = policy(1, 3, 100);

    @TempDir
    Path stateDir;

    private final MockProducer<byte[], byte[]> deadLetters =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private TopologyTestDriver driver;
    private TestInputTopic<String, EventConfig> catalog;
    private TestInputTopic<String, QueueCommand> requests;
    private TestInputTopic<String, OrderEvent> orderEvents;
    private TestInputTopic<String, SectionSummary> summaries;
    private TestInputTopic<String, byte[]> rawRequests;
    private TestOutputTopic<String, QueueEvent> events;
    private TestOutputTopic<String, QueueProgress> progress;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void buyersGetPositionsInTheOrderTheirJoinsArrive() {
        openEvent(BUSY, A_MINUTE_AFTER_OPEN);

        List.of("alice", "bob", "carol", "dave")
                .forEach(buyer -> requests.pipeInput("E1", join("E1", buyer), A_MINUTE_AFTER_OPEN));

        assertThat(joined())
                .extracting(QueueEvent::getBuyerId, QueueEvent::getPosition, QueueEvent::getStatus)
                .containsExactly(
                        tuple("alice", 1L, QueuePlaceStatus.ADMITTED),
                        tuple("bob", 2L, QueuePlaceStatus.WAITING),
                        tuple("carol", 3L, QueuePlaceStatus.WAITING),
                        tuple("dave", 4L, QueuePlaceStatus.WAITING));
    }

    @Test
    void aSecondJoinBySameBuyerReturnsTheSamePlace() {
        openEvent(BUSY, A_MINUTE_AFTER_OPEN);
        requests.pipeInput("E1", join("E1", "alice"), A_MINUTE_AFTER_OPEN);
        requests.pipeInput("E1", join("E1", "bob"), A_MINUTE_AFTER_OPEN);
        requests.pipeInput("E1", join("E1", "carol"), A_MINUTE_AFTER_OPEN);

        requests.pipeInput("E1", rejoin("E1", "bob", "bob-again"), A_MINUTE_AFTER_OPEN.plusSeconds(5));

        QueueEvent again = joined().get(3);
        assertThat(again.getRequestId()).isEqualTo("bob-again");
        assertThat(again.getDuplicate()).isTrue();
        assertThat(again.getPosition()).isEqualTo(2L);
        assertThat(driver.<String, QueuePlace>getKeyValueStore(WaitingRoomTopology.PLACES_STORE)
                        .get("E1|bob")
                        .getRequestId())
                .isEqualTo("join-bob");
        advance(ONE_TICK);
        assertThat(latestProgress().getLastPosition()).isEqualTo(3);
    }

    @Test
    void eachTickAdmitsOneMeteredBatchInPositionOrder() {
        openEvent(BUSY, A_MINUTE_AFTER_OPEN);
        joinMany(10, A_MINUTE_AFTER_OPEN);
        events.readValuesToList();

        advance(ONE_TICK);
        advance(ONE_TICK);
        advance(ONE_TICK);

        assertThat(admittedBatches())
                .extracting(QueueEvent::getFromPosition, QueueEvent::getToPosition, QueueEvent::getAdmitted)
                .containsExactly(tuple(2L, 4L, 3L), tuple(5L, 7L, 3L), tuple(8L, 10L, 3L));
        QueueProgress now = latestProgress();
        assertThat(now.getServingCounter()).isEqualTo(10);
        assertThat(now.getWaiting()).isZero();
        assertThat(now.getActiveShoppers()).isEqualTo(10);
        assertThat(now.getAdmitRatePerSecond()).isPositive();
        assertThat(metric("join-total")).isEqualTo(10.0);
        assertThat(metric("admission-total")).isEqualTo(10.0);
        QueuePlace last = place("buyer-10");
        assertThat(last.getStatus()).isEqualTo(QueuePlaceStatus.ADMITTED);
        assertThat(last.getWindowEndsAt()).isEqualTo(last.getAdmittedAt().plus(Duration.ofMinutes(10)));
    }

    @Test
    void theEdgesWordOnCheckoutSlowsTheBatchesAndQueueProgressSaysWhy() {
        openEvent(policy(1, 4, 100), A_MINUTE_AFTER_OPEN);
        joinMany(20, A_MINUTE_AFTER_OPEN);
        advance(ONE_TICK);
        events.readValuesToList();

        requests.pipeInput(
                "E1", checkoutHealth("E1", 0.5, "payment gateway failing 40% of calls"), A_MINUTE_AFTER_OPEN);
        QueueProgress slowed = latestProgress();
        advance(ONE_TICK);
        advance(ONE_TICK);

        assertThat(slowed.getAdmitLimitPerSecond()).isEqualTo(2);
        assertThat(slowed.getSlowedBecause()).isEqualTo("payment gateway failing 40% of calls");
        assertThat(admittedBatches()).extracting(QueueEvent::getAdmitted).containsExactly(2L, 2L);
        requests.pipeInput("E1", checkoutHealth("E1", 1.0, null), A_MINUTE_AFTER_OPEN.plusSeconds(2));
        QueueProgress recovered = latestProgress();
        assertThat(recovered.getAdmitLimitPerSecond()).isEqualTo(4);
        assertThat(recovered.getSlowedBecause()).isNull();
    }

    @Test
    void aWordOnCheckoutForAnEventNobodyQueuesForOpensNoRoom() {
        start(A_MINUTE_AFTER_OPEN);
        requests.pipeInput("E9", checkoutHealth("E9", 0.5, "slow"), A_MINUTE_AFTER_OPEN);

        assertThat(events.isEmpty()).isTrue();
        assertThat(progress.isEmpty()).isTrue();
    }

    @Test
    void joinsPassStraightThroughBelowTheActivationThresholdAndQueueAboveIt() {
        openEvent(policy(3, 10, 100), A_MINUTE_AFTER_OPEN);

        joinMany(4, A_MINUTE_AFTER_OPEN);

        List<QueueEvent> decided = events.readValuesToList();
        assertThat(decided)
                .filteredOn(event -> event.getType() == QueueEventType.JOINED)
                .extracting(QueueEvent::getPosition, QueueEvent::getStatus, QueueEvent::getServingCounter)
                .containsExactly(
                        tuple(1L, QueuePlaceStatus.ADMITTED, 1L),
                        tuple(2L, QueuePlaceStatus.ADMITTED, 2L),
                        tuple(3L, QueuePlaceStatus.ADMITTED, 3L),
                        tuple(4L, QueuePlaceStatus.WAITING, 3L));
        assertThat(decided)
                .filteredOn(event -> event.getType() == QueueEventType.MODE_CHANGED)
                .extracting(QueueEvent::getPreviousMode, QueueEvent::getMode)
                .containsExactly(tuple(QueueMode.PASS_THROUGH, QueueMode.QUEUING));
        assertThat(latestProgress().getMode()).isEqualTo(QueueMode.QUEUING);

        // Three shoppers finish: the one waiting buyer is served, then the room passes buyers through again.
        for (String buyer : List.of("buyer-1", "buyer-2", "buyer-3")) {
            orderEvents.pipeInput(
                    "E1|" + buyer, orderEnded("E1", buyer, OrderEventType.CONFIRMED), A_MINUTE_AFTER_OPEN);
        }
        advance(ONE_TICK);
        assertThat(latestProgress().getMode()).isEqualTo(QueueMode.PASS_THROUGH);
        requests.pipeInput("E1", join("E1", "late"), A_MINUTE_AFTER_OPEN.plusSeconds(2));
        assertThat(joined())
                .last()
                .extracting(QueueEvent::getPosition, QueueEvent::getStatus)
                .containsExactly(5L, QueuePlaceStatus.ADMITTED);
    }

    @Test
    void slotsComeBackEarlyWhenCheckoutIsConfirmedCancelledOrExpired() {
        openEvent(policy(1, 100, 2), A_MINUTE_AFTER_OPEN);
        joinMany(5, A_MINUTE_AFTER_OPEN);
        advance(ONE_TICK);
        advance(ONE_TICK);
        assertThat(admittedBatches())
                .extracting(QueueEvent::getFromPosition, QueueEvent::getToPosition)
                .containsExactly(tuple(2L, 2L));
        assertThat(latestProgress().getActiveShoppers()).isEqualTo(2);

        orderEvents.pipeInput("E1|buyer-1", orderEnded("E1", "buyer-1", OrderEventType.CONFIRMED), A_MINUTE_AFTER_OPEN);
        orderEvents.pipeInput("E1|buyer-2", orderEnded("E1", "buyer-2", OrderEventType.CANCELLED), A_MINUTE_AFTER_OPEN);
        orderEvents.pipeInput("E1|buyer-2", orderEnded("E1", "buyer-2", OrderEventType.HELD), A_MINUTE_AFTER_OPEN);
        assertThat(events.readValuesToList())
                .filteredOn(event -> event.getType() == QueueEventType.SLOT_RELEASED)
                .extracting(QueueEvent::getBuyerId, QueueEvent::getReason, QueueEvent::getReasonCode)
                .containsExactly(
                        tuple("buyer-1", "CONFIRMED", QueueReason.CONFIRMED),
                        tuple("buyer-2", "CANCELLED", QueueReason.CANCELLED));
        advance(ONE_TICK);
        orderEvents.pipeInput("E1|buyer-3", orderEnded("E1", "buyer-3", OrderEventType.EXPIRED), A_MINUTE_AFTER_OPEN);
        advance(ONE_TICK);

        assertThat(admittedBatches())
                .extracting(QueueEvent::getFromPosition, QueueEvent::getToPosition)
                .containsExactly(tuple(3L, 4L), tuple(5L, 5L));
        assertThat(place("buyer-1").getStatus()).isEqualTo(QueuePlaceStatus.DONE);
        assertThat(place("buyer-3").getEndReason()).isEqualTo("EXPIRED");
        assertThat(place("buyer-3").getEndReasonCode()).isEqualTo(QueueReason.EXPIRED);
    }

    @Test
    void aPurchaseWindowThatClosesGivesItsSlotToTheNextBuyer() {
        openEvent(policy(1, 100, 1), A_MINUTE_AFTER_OPEN);
        joinMany(2, A_MINUTE_AFTER_OPEN);
        advance(ONE_TICK);
        assertThat(admittedBatches()).isEmpty();

        advance(Duration.ofMinutes(10));
        advance(ONE_TICK);

        assertThat(place("buyer-1").getEndReason()).isEqualTo("WINDOW_CLOSED");
        assertThat(place("buyer-1").getEndReasonCode()).isEqualTo(QueueReason.WINDOW_CLOSED);
        assertThat(place("buyer-2").getStatus()).isEqualTo(QueuePlaceStatus.ADMITTED);
    }

    @Test
    void aBuyerWhoLeavesIsSkippedWhenTheirPositionIsServed() {
        openEvent(BUSY, A_MINUTE_AFTER_OPEN);
        joinMany(5, A_MINUTE_AFTER_OPEN);
        requests.pipeInput("E1", leave("E1", "buyer-3"), A_MINUTE_AFTER_OPEN);
        requests.pipeInput("E1", leave("E1", "nobody"), A_MINUTE_AFTER_OPEN);
        assertThat(events.readValuesToList())
                .filteredOn(
                        event -> event.getType() == QueueEventType.LEFT || event.getType() == QueueEventType.REJECTED)
                .extracting(QueueEvent::getType, QueueEvent::getBuyerId, QueueEvent::getReason)
                .containsExactly(
                        tuple(QueueEventType.LEFT, "buyer-3", null),
                        tuple(QueueEventType.REJECTED, "nobody", "NOT_IN_QUEUE"));

        advance(ONE_TICK);

        assertThat(admittedBatches())
                .extracting(QueueEvent::getFromPosition, QueueEvent::getToPosition, QueueEvent::getAdmitted)
                .containsExactly(tuple(2L, 5L, 3L));
        assertThat(place("buyer-3").getStatus()).isEqualTo(QueuePlaceStatus.LEFT);
    }

    @Test
    void anAdmittedBuyerWhoLeftCannotJoinAgainForASecondPlace() {
        openEvent(policy(1, 100, 1), A_MINUTE_AFTER_OPEN);
        joinMany(3, A_MINUTE_AFTER_OPEN);
        assertThat(place("buyer-1").getStatus()).as("passed straight through").isEqualTo(QueuePlaceStatus.ADMITTED);
        events.readValuesToList();

        requests.pipeInput("E1", leave("E1", "buyer-1"), A_MINUTE_AFTER_OPEN.plusSeconds(5));
        requests.pipeInput("E1", rejoin("E1", "buyer-1", "join-again-buyer-1"), A_MINUTE_AFTER_OPEN.plusSeconds(6));

        List<QueueEvent> answers = events.readValuesToList();
        assertThat(answers)
                .filteredOn(event -> "buyer-1".equals(event.getBuyerId()))
                .extracting(QueueEvent::getType, QueueEvent::getReason, QueueEvent::getReasonCode)
                .containsExactly(
                        tuple(QueueEventType.SLOT_RELEASED, "LEFT", QueueReason.LEFT),
                        tuple(QueueEventType.LEFT, null, null),
                        tuple(QueueEventType.REJECTED, "LEFT_QUEUE", QueueReason.LEFT_QUEUE));
        assertThat(answers)
                .filteredOn(event -> event.getType() == QueueEventType.JOINED)
                .isEmpty();
        assertThat(place("buyer-1").getStatus()).isEqualTo(QueuePlaceStatus.LEFT);

        // The slot it gave back goes to the next buyer in line, not to a new place of the one who left.
        advance(ONE_TICK);
        assertThat(place("buyer-2").getStatus()).isEqualTo(QueuePlaceStatus.ADMITTED);
        assertThat(latestProgress().getLastPosition()).isEqualTo(3);
    }

    @Test
    void preSaleTicketsAreDrawnAtOpeningAndTheDrawIsVerifiableFromThePublishedSeed() {
        openEvent(policy(1, 100, 1_000), AN_HOUR_BEFORE_OPEN);
        joinMany(30, AN_HOUR_BEFORE_OPEN.plusSeconds(10));

        List<QueueEvent> tickets = joined();
        assertThat(tickets)
                .extracting(QueueEvent::getPresaleNumber)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(tickets).allSatisfy(ticket -> {
            assertThat(ticket.getPosition()).isNull();
            assertThat(ticket.getStatus()).isEqualTo(QueuePlaceStatus.PRESALE);
        });
        QueueProgress beforeOpen = latestProgress();
        assertThat(beforeOpen.getMode()).isEqualTo(QueueMode.PRE_SALE);
        assertThat(beforeOpen.getPresaleSeedCommitment()).hasSize(64);
        assertThat(beforeOpen.getPresaleSeed())
                .as("the seed stays secret until the draw")
                .isNull();

        advance(Duration.between(AN_HOUR_BEFORE_OPEN, SALE_OPEN));
        requests.pipeInput("E1", join("E1", "after-open"), SALE_OPEN.plusSeconds(1));

        QueueEvent draw = events.readValuesToList().stream()
                .filter(event -> event.getType() == QueueEventType.PRESALE_DRAWN)
                .findFirst()
                .orElseThrow();
        assertThat(draw.getPresaleCount()).isEqualTo(30);
        assertThat(draw.getPresaleSeedCommitment()).isEqualTo(beforeOpen.getPresaleSeedCommitment());
        assertThat(PresaleDraw.verifies(draw.getPresaleSeed(), beforeOpen.getPresaleSeedCommitment()))
                .isTrue();
        assertThat(latestProgress().getPresaleSeed()).isEqualTo(draw.getPresaleSeed());

        long[] recomputed = PresaleDraw.positions(draw.getPresaleSeed(), 30);
        Set<Long> positions = new HashSet<>();
        for (int number = 1; number <= 30; number++) {
            QueuePlace drawn = place("buyer-" + number);
            assertThat(drawn.getPresaleNumber()).isEqualTo(number);
            assertThat(drawn.getPosition()).isEqualTo(recomputed[number - 1]);
            positions.add(drawn.getPosition());
        }
        assertThat(positions)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(IntStream.rangeClosed(1, 30)
                        .filter(number -> recomputed[number - 1] != number)
                        .count())
                .as("a draw, not the arrival order")
                .isPositive();
        assertThat(place("after-open").getPosition())
                .as("later arrivals are FIFO after the pre-sale")
                .isEqualTo(31);
    }

    @Test
    void soldOutIsBroadcastAtOnceStopsAdmissionAndAdmissionResumesWhenInventoryComesBack() {
        openEvent(BUSY, A_MINUTE_AFTER_OPEN);
        joinMany(8, A_MINUTE_AFTER_OPEN);
        advance(ONE_TICK);
        progress.readValuesToList();

        requests.pipeInput("E1", soldOut("E1"), A_MINUTE_AFTER_OPEN.plusSeconds(1));

        QueueProgress broadcast = latestProgress();
        assertThat(broadcast.getSoldOut()).isTrue();
        assertThat(broadcast.getMode()).isEqualTo(QueueMode.SOLD_OUT);
        advance(ONE_TICK);
        advance(ONE_TICK);
        assertThat(admittedBatches()).hasSize(1);
        assertThat(latestProgress().getServingCounter()).isEqualTo(4);

        requests.pipeInput("E1", inventoryBack("E1"), A_MINUTE_AFTER_OPEN.plusSeconds(3));
        assertThat(latestProgress().getMode()).isEqualTo(QueueMode.QUEUING);
        advance(ONE_TICK);

        assertThat(admittedBatches())
                .last()
                .extracting(QueueEvent::getFromPosition, QueueEvent::getToPosition)
                .containsExactly(5L, 7L);
        assertThat(events.readValuesToList()).isEmpty();
    }

    @Test
    void theRoomLearnsSoldOutAndInventoryBackFromTheSectionSummariesAtTheNextTick() {
        openEvent(BUSY, A_MINUTE_AFTER_OPEN);
        summaries.pipeInput("E1|A", summary("E1", "A", 2, 0), A_MINUTE_AFTER_OPEN);
        summaries.pipeInput("E1|FLOOR", summary("E1", "FLOOR", 0, 0), A_MINUTE_AFTER_OPEN);
        summaries.pipeInput("E10|A", summary("E10", "A", 0, 5), A_MINUTE_AFTER_OPEN);
        joinMany(8, A_MINUTE_AFTER_OPEN);
        advance(ONE_TICK);
        assertThat(latestProgress().getSoldOut()).as("two seats of A are left").isFalse();
        assertThat(admittedBatches()).hasSize(1);

        summaries.pipeInput("E1|A", summary("E1", "A", 0, 2), A_MINUTE_AFTER_OPEN.plusSeconds(1));
        advance(ONE_TICK);

        QueueProgress soldOut = latestProgress();
        assertThat(soldOut.getSoldOut()).isTrue();
        assertThat(soldOut.getMode()).isEqualTo(QueueMode.SOLD_OUT);
        assertThat(admittedBatches())
                .as("nobody is admitted while nothing is left")
                .isEmpty();
        advance(ONE_TICK);
        assertThat(admittedBatches()).isEmpty();

        summaries.pipeInput("E1|A", summary("E1", "A", 1, 1), A_MINUTE_AFTER_OPEN.plusSeconds(3));
        advance(ONE_TICK);

        QueueProgress back = latestProgress();
        assertThat(back.getSoldOut()).as("a hold expired: inventory is back").isFalse();
        assertThat(back.getMode()).isEqualTo(QueueMode.QUEUING);
        assertThat(admittedBatches()).hasSize(1);
    }

    private static SectionSummary summary(String eventId, String sectionId, int available, int held) {
        return SectionSummary.newBuilder()
                .setEventId(eventId)
                .setSectionId(sectionId)
                .setKind(UnitKind.SEAT)
                .setPriceTier("T1")
                .setPriceMinor(100)
                .setUnits(available + held)
                .setCapacity(available + held)
                .setAvailable(available)
                .setHeld(held)
                .setUpdatedAt(A_MINUTE_AFTER_OPEN)
                .build();
    }

    @Test
    void theOrganizerChangesTheAdmitRateAndPausesAndResumesAdmissionLive() {
        openEvent(policy(1, 1, 100), A_MINUTE_AFTER_OPEN);
        joinMany(20, A_MINUTE_AFTER_OPEN);
        advance(ONE_TICK);

        requests.pipeInput("E1", changePolicy("E1", policy(1, 5, 100)), A_MINUTE_AFTER_OPEN.plusSeconds(1));
        advance(ONE_TICK);
        requests.pipeInput("E1", pause("E1", true), A_MINUTE_AFTER_OPEN.plusSeconds(2));
        QueueProgress paused = latestProgress();
        advance(ONE_TICK);
        requests.pipeInput("E1", pause("E1", false), A_MINUTE_AFTER_OPEN.plusSeconds(3));
        advance(ONE_TICK);

        assertThat(admittedBatches()).extracting(QueueEvent::getAdmitted).containsExactly(1L, 5L, 5L);
        assertThat(paused.getMode()).isEqualTo(QueueMode.PAUSED);
        assertThat(paused.getPaused()).isTrue();
        assertThat(paused.getPolicy().getMaxAdmitRatePerSecond()).isEqualTo(5);
        assertThat(latestProgress().getMode()).isEqualTo(QueueMode.QUEUING);
    }

    @Test
    void aNewQueuePolicyInTheEventConfigTakesEffectAtTheNextTick() {
        openEvent(policy(1, 1, 100), A_MINUTE_AFTER_OPEN);
        joinMany(10, A_MINUTE_AFTER_OPEN);
        advance(ONE_TICK);

        catalog.pipeInput("E1", event("E1", policy(1, 4, 100)), A_MINUTE_AFTER_OPEN.plusSeconds(1));
        advance(ONE_TICK);

        List<QueueEvent> decided = events.readValuesToList();
        assertThat(decided)
                .filteredOn(event -> event.getType() == QueueEventType.POLICY_CHANGED)
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.getRequestId())
                            .as("no organizer command: the event config changed")
                            .isNull();
                    assertThat(change.getPolicy().getMaxAdmitRatePerSecond()).isEqualTo(4);
                });
        assertThat(decided)
                .filteredOn(event -> event.getType() == QueueEventType.ADMITTED)
                .extracting(QueueEvent::getAdmitted)
                .containsExactly(1L, 4L);
        KeyValueStore<String, EventConfig> copy = driver.getKeyValueStore(WaitingRoomTopology.CATALOG_STORE);
        assertThat(copy.get("E1").getSections())
                .as("the room keeps only what it needs of a config")
                .isEmpty();
    }

    @Test
    void anInvalidPolicyChangeIsRefusedWithTheReason() {
        openEvent(BUSY, A_MINUTE_AFTER_OPEN);
        requests.pipeInput("E1", join("E1", "alice"), A_MINUTE_AFTER_OPEN);

        requests.pipeInput("E1", changePolicy("E1", policy(1, 0, 100)), A_MINUTE_AFTER_OPEN);

        assertThat(events.readValuesToList()).last().satisfies(refusal -> {
            assertThat(refusal.getType()).isEqualTo(QueueEventType.REJECTED);
            assertThat(refusal.getReason()).startsWith("INVALID_POLICY: ").contains("maxAdmitRatePerSecond");
            assertThat(refusal.getReasonCode()).isEqualTo(QueueReason.INVALID_POLICY);
            assertThat(refusal.getReasonDetail())
                    .as("the problems, without the code")
                    .doesNotContain("INVALID_POLICY")
                    .contains("maxAdmitRatePerSecond");
        });
    }

    @Test
    void aJoinForAnEventNobodyConfiguredIsRejected() {
        start(A_MINUTE_AFTER_OPEN);

        requests.pipeInput("E9", join("E9", "alice"), A_MINUTE_AFTER_OPEN);
        orderEvents.pipeInput("E9|bob", orderEnded("E9", "bob", OrderEventType.CONFIRMED), A_MINUTE_AFTER_OPEN);

        assertThat(driver.<String, Object>getKeyValueStore(WaitingRoomTopology.ROOMS_STORE)
                        .approximateNumEntries())
                .isZero();
        assertThat(events.readValuesToList()).singleElement().satisfies(refusal -> {
            assertThat(refusal.getType()).isEqualTo(QueueEventType.REJECTED);
            assertThat(refusal.getRequestId()).isEqualTo("join-alice");
            assertThat(refusal.getReason()).isEqualTo("UNKNOWN_EVENT");
            assertThat(refusal.getReasonCode()).isEqualTo(QueueReason.UNKNOWN_EVENT);
            assertThat(refusal.getReasonDetail()).isNull();
        });
    }

    @Test
    void anUnreadableOrMisroutedCommandGoesToTheDeadLetterTopicAndTheRoomGoesOn() {
        openEvent(BUSY, A_MINUTE_AFTER_OPEN);

        rawRequests.pipeInput("E1", "not avro".getBytes(StandardCharsets.UTF_8), A_MINUTE_AFTER_OPEN);
        requests.pipeInput("E2", join("E1", "alice"), A_MINUTE_AFTER_OPEN);
        requests.pipeInput(
                "E1",
                QueueCommand.newBuilder(join("E1", "bob")).setBuyerId(null).build(),
                A_MINUTE_AFTER_OPEN);
        requests.pipeInput("E1", join("E1", "carol"), A_MINUTE_AFTER_OPEN);

        assertThat(deadLetters.history())
                .hasSize(3)
                .allSatisfy(deadLetter -> assertThat(deadLetter.topic()).isEqualTo("queue-requests-dlq"));
        assertThat(new String(
                        deadLetters
                                .history()
                                .get(0)
                                .headers()
                                .lastHeader(DeadLetters.REASON)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo("DESERIALIZATION");
        assertThat(new String(
                        deadLetters
                                .history()
                                .get(2)
                                .headers()
                                .lastHeader(DeadLetters.ERROR_MESSAGE)
                                .value(),
                        StandardCharsets.UTF_8))
                .contains("lacks buyerId");
        assertThat(joined())
                .extracting(QueueEvent::getBuyerId, QueueEvent::getPosition)
                .containsExactly(tuple("carol", 1L));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private void openEvent(QueuePolicy policy, Instant wallClock) {
        start(wallClock);
        catalog.pipeInput("E1", event("E1", policy), wallClock);
    }

    private void start(Instant wallClock) {
        Properties props = StreamsProperties.local("waiting-room-test", "unused:9092", stateDir)
                .toProperties();
        props.put(DeadLetterHandler.PUBLISHER_CONFIG, new DeadLetterPublisher(deadLetters));
        driver = new TopologyTestDriver(WaitingRoomTopology.build(TOPICS), props, wallClock);
        catalog = driver.createInputTopic(
                TOPICS.eventCatalog().name(),
                Serdes.String().serializer(),
                TOPICS.eventCatalog().valueSerde().serializer());
        requests = driver.createInputTopic(
                TOPICS.queueRequests().name(),
                Serdes.String().serializer(),
                TOPICS.queueRequests().valueSerde().serializer());
        rawRequests = driver.createInputTopic(
                TOPICS.queueRequests().name(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        orderEvents = driver.createInputTopic(
                TOPICS.orderEvents().name(),
                Serdes.String().serializer(),
                TOPICS.orderEvents().valueSerde().serializer());
        summaries = driver.createInputTopic(
                TOPICS.sectionSummaries().name(),
                Serdes.String().serializer(),
                TOPICS.sectionSummaries().valueSerde().serializer());
        events = driver.createOutputTopic(
                TOPICS.queueEvents().name(),
                Serdes.String().deserializer(),
                TOPICS.queueEvents().valueSerde().deserializer());
        progress = driver.createOutputTopic(
                TOPICS.queueProgress().name(),
                Serdes.String().deserializer(),
                TOPICS.queueProgress().valueSerde().deserializer());
    }

    private void joinMany(int buyers, Instant at) {
        for (int buyer = 1; buyer <= buyers; buyer++) {
            requests.pipeInput("E1", join("E1", "buyer-" + buyer), at);
        }
    }

    private void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    private List<QueueEvent> joined() {
        return events.readValuesToList().stream()
                .filter(event -> event.getType() == QueueEventType.JOINED)
                .toList();
    }

    /** Every ADMITTED batch published since the last read of the events topic. */
    private List<QueueEvent> admittedBatches() {
        return events.readValuesToList().stream()
                .filter(event -> event.getType() == QueueEventType.ADMITTED)
                .toList();
    }

    private QueueProgress latestProgress() {
        return progress.readKeyValuesToMap().get("E1");
    }

    private double metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(entry -> entry.getKey().group().equals("stream-waiting-room-metrics")
                        && entry.getKey().name().equals(name))
                .mapToDouble(entry -> ((Number) entry.getValue().metricValue()).doubleValue())
                .sum();
    }

    private QueuePlace place(String buyer) {
        KeyValueStore<String, QueuePlace> places = driver.getKeyValueStore(WaitingRoomTopology.PLACES_STORE);
        return places.get("E1|" + buyer);
    }
}
