package io.onsale.reservations.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.kafka.app.StreamsAppConfig;
import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.query.ReservationQueries;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderCommandType;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderUnit;
import io.onsale.schema.reservation.RejectReason;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The standalone engine on a real broker with exactly-once: races decided once, state kept across a restart. */
@SuppressWarnings("unchecked")
class ReservationsEngineIT {

    private static final Instant SALE_OPEN = Instant.now().minusSeconds(60);

    @Test
    void racesAreDecidedOnceAndAHeldSeatStaysHeldAcrossARestart() throws Exception {
        String prefix = RealKafka.uniquePrefix("engine");
        Path stateDir = Files.createTempDirectory("engine-state");
        StreamsAppConfig config = new StreamsAppConfig(
                RealKafka.bootstrapServers(), prefix, 4, 1, (short) 1, prefix + "reservations", stateDir, 1, 0);
        Topics topics = config.topics();

        try (StreamsLauncher.Running engine = StreamsLauncher.start(config, ReservationsTopology::build);
                KafkaProducer<String, EventConfig> configs =
                        producer(topics.eventConfig().valueSerde().serializer());
                KafkaProducer<String, ReservationCommand> commands =
                        producer(topics.reservationRequests().valueSerde().serializer())) {
            awaitRunning(engine);
            configs.send(new ProducerRecord<>(topics.eventConfig().name(), "E1", event(4)))
                    .get();
            awaitDecisions(topics, 4, ReservationEventType.CONFIGURED);

            for (int buyer = 0; buyer < 12; buyer++) {
                ReservationCommand hold = hold("A-1-" + (1 + buyer % 4), "buyer-" + buyer);
                commands.send(new ProducerRecord<>(topics.reservationRequests().name(), key(hold), hold));
            }
            commands.flush();

            List<ReservationEvent> decided =
                    awaitDecisions(topics, 12, ReservationEventType.HELD, ReservationEventType.REJECTED);
            Map<String, Long> winners = new HashMap<>();
            decided.stream()
                    .filter(event -> event.getType() == ReservationEventType.HELD)
                    .forEach(event -> winners.merge(event.getUnitId(), 1L, Long::sum));
            assertThat(winners)
                    .hasSize(4)
                    .allSatisfy((seat, count) -> assertThat(count).isEqualTo(1));
            assertThat(decided)
                    .filteredOn(event -> event.getType() == ReservationEventType.REJECTED)
                    .hasSize(8)
                    .allMatch(event -> event.getReason() == RejectReason.SEAT_TAKEN);
        }

        // Same application id and state dir: the engine resumes from its committed offsets and state.
        try (StreamsLauncher.Running engine = StreamsLauncher.start(config, ReservationsTopology::build);
                KafkaProducer<String, ReservationCommand> commands =
                        producer(topics.reservationRequests().valueSerde().serializer())) {
            awaitRunning(engine);
            ReservationCommand late = hold("A-1-1", "late-buyer");
            commands.send(new ProducerRecord<>(topics.reservationRequests().name(), key(late), late))
                    .get();

            List<ReservationEvent> all =
                    awaitDecisions(topics, 13, ReservationEventType.HELD, ReservationEventType.REJECTED);
            ReservationEvent answer = all.get(all.size() - 1);
            assertThat(answer.getBuyerId()).isEqualTo("late-buyer");
            assertThat(answer.getReason()).isEqualTo(RejectReason.SEAT_TAKEN);
        }
    }

    @Test
    void ordersAreAnsweredFromCommittedDecisionsAndTheStateIsQueryable() throws Exception {
        String prefix = RealKafka.uniquePrefix("orders");
        StreamsAppConfig config = new StreamsAppConfig(
                RealKafka.bootstrapServers(),
                prefix,
                4,
                1,
                (short) 1,
                prefix + "reservations",
                Files.createTempDirectory("orders-state"),
                1,
                0);
        Topics topics = config.topics();

        try (StreamsLauncher.Running engine = StreamsLauncher.start(config, ReservationsTopology::build);
                KafkaProducer<String, EventConfig> configs =
                        producer(topics.eventConfig().valueSerde().serializer());
                KafkaProducer<String, OrderCommand> orders =
                        producer(topics.orderRequests().valueSerde().serializer())) {
            ReservationQueries queries = ReservationQueries.of(engine.streams(), null);
            awaitRunning(engine);
            configs.send(new ProducerRecord<>(topics.eventConfig().name(), "E1", event(4)))
                    .get();
            awaitDecisions(topics, 4, ReservationEventType.CONFIGURED);

            orders.send(new ProducerRecord<>(
                            topics.orderRequests().name(), "E1|alice", place("alice", "A-1-2", "A-1-3")))
                    .get();
            orders.send(new ProducerRecord<>(topics.orderRequests().name(), "E1|bob", place("bob", "A-1-3")))
                    .get();

            List<OrderEvent> answers = awaitOrderAnswers(topics, 2);
            assertThat(answers)
                    .extracting(OrderEvent::getBuyerId, OrderEvent::getType)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("alice", OrderEventType.HELD),
                            org.assertj.core.groups.Tuple.tuple("bob", OrderEventType.REJECTED));
            OrderEvent bobs = answers.stream()
                    .filter(answer -> answer.getBuyerId().equals("bob"))
                    .findFirst()
                    .orElseThrow();
            assertThat(bobs.getAlternatives())
                    .isNotEmpty()
                    .allSatisfy(
                            alternative -> assertThat(alternative.getUnitIds()).containsAnyOf("A-1-1", "A-1-4"));

            assertThat(queries.orders("E1", "alice"))
                    .isInstanceOfSatisfying(
                            ReservationQueries.Answer.Local.class,
                            local -> assertThat(((java.util.Optional<BuyerOrders>) local.value())
                                            .orElseThrow()
                                            .getOrders())
                                    .hasSize(1));
            assertThat(queries.unit("E1", "A", "A-1-3"))
                    .isInstanceOfSatisfying(
                            ReservationQueries.Answer.Local.class,
                            local -> assertThat(((java.util.Optional<UnitState>) local.value())
                                            .orElseThrow()
                                            .getHolds())
                                    .extracting(hold -> hold.getBuyerId())
                                    .containsExactly("alice"));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(queries.section("E1", "A"))
                            .isInstanceOfSatisfying(
                                    ReservationQueries.Answer.Local.class,
                                    local -> assertThat((List<UnitAvailability>) local.value())
                                            .filteredOn(unit -> unit.getHeld() == 1)
                                            .extracting(UnitAvailability::getUnitId)
                                            .containsExactlyInAnyOrder("A-1-2", "A-1-3")));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(queries.summaries("E1"))
                            .isInstanceOfSatisfying(
                                    ReservationQueries.Answer.Local.class,
                                    local -> assertThat((List<SectionSummary>) local.value())
                                            .singleElement()
                                            .satisfies(summary -> assertThat(summary.getAvailable())
                                                    .isEqualTo(2))));
        }
    }

    private static List<OrderEvent> awaitOrderAnswers(Topics topics, int count) {
        List<OrderEvent> found = new ArrayList<>();
        try (KafkaConsumer<String, OrderEvent> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RealKafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                topics.orderEvents().valueSerde().deserializer())) {
            List<TopicPartition> partitions = IntStream.range(
                            0, topics.orderEvents().partitions())
                    .mapToObj(p -> new TopicPartition(topics.orderEvents().name(), p))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> found.add(record.value()));
                return found.size() >= count;
            });
        }
        assertThat(found).hasSize(count);
        return found;
    }

    private static OrderCommand place(String buyer, String... seats) {
        return OrderCommand.newBuilder()
                .setRequestId("place-" + buyer)
                .setType(OrderCommandType.PLACE)
                .setOrderId("order-" + buyer)
                .setEventId("E1")
                .setBuyerId(buyer)
                .setUnits(java.util.Arrays.stream(seats)
                        .map(seat -> OrderUnit.newBuilder()
                                .setSectionId("A")
                                .setUnitId(seat)
                                .setQuantity(1)
                                .build())
                        .toList())
                .build();
    }

    private static void awaitRunning(StreamsLauncher.Running engine) {
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.streams().state() == KafkaStreams.State.RUNNING);
    }

    /** Reads the decision log from the start, read_committed, until {@code count} decisions of the given types are there. */
    private static List<ReservationEvent> awaitDecisions(Topics topics, int count, ReservationEventType... types) {
        List<ReservationEventType> wanted = List.of(types);
        List<ReservationEvent> found = new ArrayList<>();
        try (KafkaConsumer<String, ReservationEvent> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RealKafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                topics.reservationEvents().valueSerde().deserializer())) {
            List<TopicPartition> partitions = IntStream.range(
                            0, topics.reservationEvents().partitions())
                    .mapToObj(p -> new TopicPartition(topics.reservationEvents().name(), p))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (wanted.contains(record.value().getType())) {
                        found.add(record.value());
                    }
                });
                return found.size() >= count;
            });
        }
        found.sort(java.util.Comparator.comparing(ReservationEvent::getDecidedAt));
        assertThat(found).hasSize(count);
        return found;
    }

    private static <V> KafkaProducer<String, V> producer(org.apache.kafka.common.serialization.Serializer<V> values) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RealKafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        // Unit keys go where their section lives; every other key of this test is partitioned as by
                        // default.
                        ProducerConfig.PARTITIONER_CLASS_CONFIG,
                        io.onsale.kafka.topics.SectionPartitioning.class),
                new StringSerializer(),
                values);
    }

    private static ReservationCommand hold(String seat, String buyer) {
        return ReservationCommand.newBuilder()
                .setRequestId("req-" + buyer)
                .setType(ReservationCommandType.HOLD)
                .setEventId("E1")
                .setSectionId("A")
                .setUnitId(seat)
                .setHoldId("hold-" + buyer)
                .setBuyerId(buyer)
                .setQuantity(1)
                .build();
    }

    private static String key(ReservationCommand command) {
        return command.getEventId() + "|" + command.getSectionId() + "|" + command.getUnitId();
    }

    private static EventConfig event(int seats) {
        List<Seat> seatList = IntStream.rangeClosed(1, seats)
                .mapToObj(n -> Seat.newBuilder()
                        .setSeatId("A-1-" + n)
                        .setRow("1")
                        .setNumber(n)
                        .build())
                .toList();
        return EventConfig.newBuilder()
                .setEventId("E1")
                .setName("Engine night")
                .setVenue("Arena")
                .setSaleOpensAt(SALE_OPEN)
                .setSections(List.of(Section.newBuilder()
                        .setSectionId("A")
                        .setName("A")
                        .setKind(SectionKind.RESERVED)
                        .setPriceTier("T1")
                        .setPriceMinor(9_900)
                        .setSeats(seatList)
                        .setZones(List.of())
                        .build()))
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
    }
}
