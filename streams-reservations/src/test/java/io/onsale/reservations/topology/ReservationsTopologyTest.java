package io.onsale.reservations.topology;

import static io.onsale.reservations.topology.TestEvents.BEFORE_OPEN;
import static io.onsale.reservations.topology.TestEvents.ELEVEN_MINUTES_AFTER_OPEN;
import static io.onsale.reservations.topology.TestEvents.SALE_OPEN;
import static io.onsale.reservations.topology.TestEvents.THREE_SECONDS_AFTER_OPEN;
import static io.onsale.reservations.topology.TestEvents.holdSeat;
import static io.onsale.reservations.topology.TestEvents.holdZone;
import static io.onsale.reservations.topology.TestEvents.smallVenue;
import static io.onsale.reservations.topology.TestEvents.unitKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.kafka.app.StreamsProperties;
import io.onsale.kafka.dlq.DeadLetterHandler;
import io.onsale.kafka.dlq.DeadLetterPublisher;
import io.onsale.kafka.dlq.DeadLetters;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.reservation.RejectReason;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import io.onsale.schema.reservation.UnitState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReservationsTopologyTest {

    private static final Topics TOPICS = Topics.from(Topics.Settings.defaults());

    @TempDir
    Path stateDir;

    private final MockProducer<byte[], byte[]> deadLetters =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private TopologyTestDriver driver;
    private TestInputTopic<String, EventConfig> eventConfig;
    private TestInputTopic<String, ReservationCommand> requests;
    private TestOutputTopic<String, ReservationEvent> decisions;
    private TestOutputTopic<String, EventConfig> catalog;

    @BeforeEach
    void start() {
        driver = newDriver(stateDir);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void twoBuyersRacingForTheLastSeatGetExactlyOneHoldAndOneSeatTaken() {
        eventConfig.pipeInput("E1", smallVenue("E1"), BEFORE_OPEN);
        decisions.readRecordsToList();

        requests.pipeInput(
                unitKey(holdSeat("E1", "A-1-1", "alice")), holdSeat("E1", "A-1-1", "alice"), THREE_SECONDS_AFTER_OPEN);
        requests.pipeInput(
                unitKey(holdSeat("E1", "A-1-1", "bob")), holdSeat("E1", "A-1-1", "bob"), THREE_SECONDS_AFTER_OPEN);

        List<ReservationEvent> answers = decisions.readValuesToList();
        assertThat(answers)
                .extracting(ReservationEvent::getType)
                .containsExactly(ReservationEventType.HELD, ReservationEventType.REJECTED);
        assertThat(answers.get(0).getBuyerId()).isEqualTo("alice");
        assertThat(answers.get(0).getHoldExpiresAt()).isEqualTo(THREE_SECONDS_AFTER_OPEN.plusSeconds(600));
        assertThat(answers.get(0).getPriceMinor()).isEqualTo(9_900);
        assertThat(answers.get(1).getBuyerId()).isEqualTo("bob");
        assertThat(answers.get(1).getReason()).isEqualTo(RejectReason.SEAT_TAKEN);
    }

    @Test
    void anEventConfigConfiguresEveryUnitAndReachesTheCatalogue() {
        eventConfig.pipeInput("E1", smallVenue("E1"), BEFORE_OPEN);

        List<ReservationEvent> configured = decisions.readValuesToList();
        assertThat(configured).hasSize(7).allMatch(event -> event.getType() == ReservationEventType.CONFIGURED);
        KeyValueStore<String, UnitState> units = driver.getKeyValueStore(ReservationsTopology.UNITS_STORE);
        assertThat(units.get("E1|A|A-2-3").getSpec().getRow()).isEqualTo("2");
        assertThat(units.get("E1|FLOOR|FLOOR-1").getSpec().getCapacity()).isEqualTo(50);
        assertThat(catalog.readKeyValue().key).isEqualTo("E1");
        KeyValueStore<String, EventConfig> events = driver.getKeyValueStore(ReservationsTopology.EVENTS_STORE);
        assertThat(events.get("E1")).isEqualTo(smallVenue("E1"));
    }

    @Test
    void aChangedConfigReconfiguresOnlyTheSeatsThatChangedEveryZoneAndBlocksTheUnitsItDropped() {
        eventConfig.pipeInput("E1", smallVenue("E1"), BEFORE_OPEN);
        decisions.readRecordsToList();
        EventConfig changed = smallVenue("E1");
        changed.getSections().get(0).getSeats().get(0).setKilled(true);
        changed.getSections().get(0).getSeats().remove(5);
        changed.getSections().get(1).getZones().get(0).setCapacity(80);

        eventConfig.pipeInput("E1", changed, BEFORE_OPEN.plusSeconds(1));
        eventConfig.pipeInput("E1", changed, BEFORE_OPEN.plusSeconds(2));

        List<ReservationEvent> configured = decisions.readValuesToList();
        assertThat(configured)
                .extracting(ReservationEvent::getUnitId, ReservationEvent::getAvailable)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("A-1-1", 0),
                        org.assertj.core.groups.Tuple.tuple("FLOOR-1", 80),
                        org.assertj.core.groups.Tuple.tuple("A-2-3", 0),
                        org.assertj.core.groups.Tuple.tuple("FLOOR-1", 80));
        KeyValueStore<String, UnitState> units = driver.getKeyValueStore(ReservationsTopology.UNITS_STORE);
        assertThat(units.get("E1|A|A-2-3").getSpec().getKilled())
                .as("dropped from the config")
                .isTrue();
    }

    @Test
    void aGeneralAdmissionZoneHoldsQuantitiesUntilItIsSoldOut() {
        eventConfig.pipeInput("E1", smallVenue("E1"), BEFORE_OPEN);
        decisions.readRecordsToList();

        requests.pipeInput(unitKey(holdZone("E1", "alice", 30)), holdZone("E1", "alice", 30), THREE_SECONDS_AFTER_OPEN);
        requests.pipeInput(unitKey(holdZone("E1", "bob", 30)), holdZone("E1", "bob", 30), THREE_SECONDS_AFTER_OPEN);
        requests.pipeInput(unitKey(holdZone("E1", "carol", 20)), holdZone("E1", "carol", 20), THREE_SECONDS_AFTER_OPEN);

        assertThat(decisions.readValuesToList())
                .extracting(ReservationEvent::getType, ReservationEvent::getReason, ReservationEvent::getAvailable)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ReservationEventType.HELD, null, 20),
                        org.assertj.core.groups.Tuple.tuple(
                                ReservationEventType.REJECTED, RejectReason.INSUFFICIENT_CAPACITY, 20),
                        org.assertj.core.groups.Tuple.tuple(ReservationEventType.HELD, null, 0));
    }

    @Test
    void anExpiredHoldGoesBackToThePoolForTheNextBuyer() {
        eventConfig.pipeInput("E1", smallVenue("E1"), BEFORE_OPEN);
        decisions.readRecordsToList();

        requests.pipeInput(unitKey(holdSeat("E1", "A-1-1", "alice")), holdSeat("E1", "A-1-1", "alice"), SALE_OPEN);
        requests.pipeInput(
                unitKey(holdSeat("E1", "A-1-1", "bob")), holdSeat("E1", "A-1-1", "bob"), ELEVEN_MINUTES_AFTER_OPEN);

        assertThat(decisions.readValuesToList())
                .extracting(ReservationEvent::getType, ReservationEvent::getBuyerId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ReservationEventType.HELD, "alice"),
                        org.assertj.core.groups.Tuple.tuple(ReservationEventType.EXPIRED, "alice"),
                        org.assertj.core.groups.Tuple.tuple(ReservationEventType.HELD, "bob"));
    }

    @Test
    void theSameCommandLogAlwaysYieldsTheSameDecisions(@TempDir Path otherStateDir) {
        List<ReservationEvent> first = replayRecordedLog(this);
        driver.close();
        driver = newDriver(otherStateDir);

        List<ReservationEvent> second = replayRecordedLog(this);

        assertThat(first).hasSizeGreaterThan(10);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anUnreadableCommandGoesToTheDeadLetterTopicAndTheEngineGoesOn() {
        eventConfig.pipeInput("E1", smallVenue("E1"), BEFORE_OPEN);
        decisions.readRecordsToList();
        var raw = driver.createInputTopic(
                TOPICS.reservationRequests().name(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());

        raw.pipeInput("E1|A|A-1-1", "not avro".getBytes(StandardCharsets.UTF_8), SALE_OPEN);
        requests.pipeInput(unitKey(holdSeat("E1", "A-1-1", "alice")), holdSeat("E1", "A-1-1", "alice"), SALE_OPEN);

        assertThat(deadLetters.history()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.topic()).isEqualTo("reservation-requests-dlq");
            assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
            assertThat(new String(
                            deadLetter.headers().lastHeader(DeadLetters.REASON).value()))
                    .isEqualTo("DESERIALIZATION");
        });
        assertThat(decisions.readValuesToList())
                .extracting(ReservationEvent::getType)
                .containsExactly(ReservationEventType.HELD);
    }

    @Test
    void anInvalidEventConfigIsRefusedWholeWithEveryProblemInTheDeadLetterHeaders() {
        EventConfig broken = smallVenue("E2");
        broken.setHoldWindowMinutes(45);
        broken.getSections().get(0).getSeats().get(1).setSeatId("A-1-1");

        eventConfig.pipeInput("E2", broken, BEFORE_OPEN);

        assertThat(decisions.isEmpty())
                .as("no unit of an invalid event is configured")
                .isTrue();
        assertThat(catalog.isEmpty()).isTrue();
        assertThat(deadLetters.history()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.topic()).isEqualTo("event-config-dlq");
            String message = new String(
                    deadLetter.headers().lastHeader(DeadLetters.ERROR_MESSAGE).value());
            assertThat(message)
                    .contains("holdWindowMinutes: must be between 1 and 30, got 45")
                    .contains("sections[0].seats[1].seatId: 'A-1-1' appears twice in the event");
        });
    }

    @Test
    void aConfigOfAnotherOrganizerCannotTakeAnOwnedEventEvenWhenBothRaceToCreateIt() {
        EventConfig alices = smallVenue("E3");
        alices.setOwner("org-alice");
        EventConfig mallorys = smallVenue("E3");
        mallorys.setOwner("org-mallory");
        mallorys.getSections().get(1).getZones().get(0).setCapacity(1);
        EventConfig unowned = smallVenue("E3");

        // Both organizers' edges saw no event E3 and produced; the first committed owns it.
        eventConfig.pipeInput("E3", alices, BEFORE_OPEN);
        eventConfig.pipeInput("E3", mallorys, BEFORE_OPEN.plusSeconds(1));
        eventConfig.pipeInput("E3", unowned, BEFORE_OPEN.plusSeconds(2));

        KeyValueStore<String, EventConfig> events = driver.getKeyValueStore(ReservationsTopology.EVENTS_STORE);
        assertThat(events.get("E3")).isEqualTo(alices);
        assertThat(catalog.readValuesToList()).containsExactly(alices);
        assertThat(deadLetters.history()).hasSize(2).allSatisfy(deadLetter -> {
            assertThat(deadLetter.topic()).isEqualTo("event-config-dlq");
            assertThat(new String(
                            deadLetter
                                    .headers()
                                    .lastHeader(DeadLetters.ERROR_MESSAGE)
                                    .value(),
                            StandardCharsets.UTF_8))
                    .contains("owner: event 'E3' belongs to organizer 'org-alice'");
        });

        EventConfig alicesChange = smallVenue("E3");
        alicesChange.setOwner("org-alice");
        alicesChange.getSections().get(1).getZones().get(0).setCapacity(80);
        eventConfig.pipeInput("E3", alicesChange, BEFORE_OPEN.plusSeconds(3));
        assertThat(events.get("E3")).as("the owner changes it").isEqualTo(alicesChange);
    }

    @Test
    void anEventConfiguredWithoutAnOwnerGetsOneWithItsNextConfig() {
        eventConfig.pipeInput("E4", smallVenue("E4"), BEFORE_OPEN);
        EventConfig claimed = smallVenue("E4");
        claimed.setOwner("org-alice");

        eventConfig.pipeInput("E4", claimed, BEFORE_OPEN.plusSeconds(1));

        KeyValueStore<String, EventConfig> events = driver.getKeyValueStore(ReservationsTopology.EVENTS_STORE);
        assertThat(events.get("E4").getOwner()).isEqualTo("org-alice");
        assertThat(deadLetters.history()).isEmpty();
    }

    @Test
    void aCommandKeyedByTheWrongUnitIsNotDecided() {
        eventConfig.pipeInput("E1", smallVenue("E1"), BEFORE_OPEN);
        decisions.readRecordsToList();

        requests.pipeInput("E1|A|A-2-2", holdSeat("E1", "A-1-1", "mallory"), SALE_OPEN);

        assertThat(decisions.isEmpty()).isTrue();
        assertThat(deadLetters.history())
                .singleElement()
                .satisfies(deadLetter -> assertThat(new String(deadLetter
                                .headers()
                                .lastHeader(DeadLetters.ERROR_MESSAGE)
                                .value()))
                        .contains("is not the unit key"));
    }

    /** A recorded on-sale minute: config, a race on every seat of row 1, zone holds, late arrivals after expiry. */
    private static List<ReservationEvent> replayRecordedLog(ReservationsTopologyTest test) {
        test.eventConfig.pipeInput("E1", smallVenue("E1"), BEFORE_OPEN);
        String[] buyers = {"alice", "bob", "carol", "dave"};
        Instant at = SALE_OPEN;
        for (String buyer : buyers) {
            for (int seat = 1; seat <= 3; seat++) {
                ReservationCommand hold = holdSeat("E1", "A-1-" + seat, buyer);
                test.requests.pipeInput(unitKey(hold), hold, at);
                at = at.plusMillis(7);
            }
            test.requests.pipeInput(unitKey(holdZone("E1", buyer, 15)), holdZone("E1", buyer, 15), at);
        }
        ReservationCommand late = holdSeat("E1", "A-1-2", "erin");
        test.requests.pipeInput(unitKey(late), late, ELEVEN_MINUTES_AFTER_OPEN);
        return test.decisions.readValuesToList();
    }

    private TopologyTestDriver newDriver(Path dir) {
        Properties props =
                StreamsProperties.local("reservations-test", "unused:9092", dir).toProperties();
        props.put(DeadLetterHandler.PUBLISHER_CONFIG, new DeadLetterPublisher(deadLetters));
        TopologyTestDriver testDriver = new TopologyTestDriver(ReservationsTopology.build(TOPICS), props, SALE_OPEN);
        eventConfig = testDriver.createInputTopic(
                TOPICS.eventConfig().name(),
                Serdes.String().serializer(),
                TOPICS.eventConfig().valueSerde().serializer());
        requests = testDriver.createInputTopic(
                TOPICS.reservationRequests().name(),
                Serdes.String().serializer(),
                TOPICS.reservationRequests().valueSerde().serializer());
        decisions = testDriver.createOutputTopic(
                TOPICS.reservationEvents().name(),
                Serdes.String().deserializer(),
                TOPICS.reservationEvents().valueSerde().deserializer());
        catalog = testDriver.createOutputTopic(
                TOPICS.eventCatalog().name(),
                Serdes.String().deserializer(),
                TOPICS.eventCatalog().valueSerde().deserializer());
        return testDriver;
    }
}
