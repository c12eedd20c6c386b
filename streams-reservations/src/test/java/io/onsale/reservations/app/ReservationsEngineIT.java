package io.onsale.reservations.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.kafka.app.StreamsAppConfig;
import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.reservation.RejectReason;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
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
class ReservationsEngineIT {

    private static final Instant SALE_OPEN = Instant.now().minusSeconds(60);

    @Test
    void racesAreDecidedOnceAndAHeldSeatStaysHeldAcrossARestart() throws Exception {
        String prefix = RealKafka.uniquePrefix("engine");
        Path stateDir = Files.createTempDirectory("engine-state");
        StreamsAppConfig config = new StreamsAppConfig(RealKafka.bootstrapServers(), prefix, 4, 1, (short) 1,
                prefix + "reservations", stateDir, 1, 0);
        Topics topics = config.topics();

        try (StreamsLauncher.Running engine = StreamsLauncher.start(config, ReservationsTopology::build);
             KafkaProducer<String, EventConfig> configs = producer(topics.eventConfig().valueSerde().serializer());
             KafkaProducer<String, ReservationCommand> commands = producer(topics.reservationRequests().valueSerde().serializer())) {
            awaitRunning(engine);
            configs.send(new ProducerRecord<>(topics.eventConfig().name(), "E1", event(4))).get();
            awaitDecisions(topics, 4, ReservationEventType.CONFIGURED);

            for (int buyer = 0; buyer < 12; buyer++) {
                ReservationCommand hold = hold("A-1-" + (1 + buyer % 4), "buyer-" + buyer);
                commands.send(new ProducerRecord<>(topics.reservationRequests().name(), key(hold), hold));
            }
            commands.flush();

            List<ReservationEvent> decided = awaitDecisions(topics, 12, ReservationEventType.HELD, ReservationEventType.REJECTED);
            Map<String, Long> winners = new HashMap<>();
            decided.stream().filter(event -> event.getType() == ReservationEventType.HELD)
                    .forEach(event -> winners.merge(event.getUnitId(), 1L, Long::sum));
            assertThat(winners).hasSize(4).allSatisfy((seat, count) -> assertThat(count).isEqualTo(1));
            assertThat(decided).filteredOn(event -> event.getType() == ReservationEventType.REJECTED)
                    .hasSize(8).allMatch(event -> event.getReason() == RejectReason.SEAT_TAKEN);
        }

        // Same application id and state dir: the engine resumes from its committed offsets and state.
        try (StreamsLauncher.Running engine = StreamsLauncher.start(config, ReservationsTopology::build);
             KafkaProducer<String, ReservationCommand> commands = producer(topics.reservationRequests().valueSerde().serializer())) {
            awaitRunning(engine);
            ReservationCommand late = hold("A-1-1", "late-buyer");
            commands.send(new ProducerRecord<>(topics.reservationRequests().name(), key(late), late)).get();

            List<ReservationEvent> all = awaitDecisions(topics, 13, ReservationEventType.HELD, ReservationEventType.REJECTED);
            ReservationEvent answer = all.get(all.size() - 1);
            assertThat(answer.getBuyerId()).isEqualTo("late-buyer");
            assertThat(answer.getReason()).isEqualTo(RejectReason.SEAT_TAKEN);
        }
    }

    private static void awaitRunning(StreamsLauncher.Running engine) {
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.streams().state() == KafkaStreams.State.RUNNING);
    }

    /** Reads the decision log from the start, read_committed, until {@code count} decisions of the given types are there. */
    private static List<ReservationEvent> awaitDecisions(Topics topics, int count, ReservationEventType... types) {
        List<ReservationEventType> wanted = List.of(types);
        List<ReservationEvent> found = new ArrayList<>();
        try (KafkaConsumer<String, ReservationEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), topics.reservationEvents().valueSerde().deserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, topics.reservationEvents().partitions())
                    .mapToObj(p -> new TopicPartition(topics.reservationEvents().name(), p)).toList();
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
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), values);
    }

    private static ReservationCommand hold(String seat, String buyer) {
        return ReservationCommand.newBuilder().setRequestId("req-" + buyer).setType(ReservationCommandType.HOLD)
                .setEventId("E1").setSectionId("A").setUnitId(seat).setHoldId("hold-" + buyer).setBuyerId(buyer)
                .setQuantity(1).build();
    }

    private static String key(ReservationCommand command) {
        return command.getEventId() + "|" + command.getSectionId() + "|" + command.getUnitId();
    }

    private static EventConfig event(int seats) {
        List<Seat> seatList = IntStream.rangeClosed(1, seats)
                .mapToObj(n -> Seat.newBuilder().setSeatId("A-1-" + n).setRow("1").setNumber(n).build()).toList();
        return EventConfig.newBuilder().setEventId("E1").setName("Engine night").setVenue("Arena").setSaleOpensAt(SALE_OPEN)
                .setSections(List.of(Section.newBuilder().setSectionId("A").setName("A").setKind(SectionKind.RESERVED)
                        .setPriceTier("T1").setPriceMinor(9_900).setSeats(seatList).setZones(List.of()).build()))
                .setQueuePolicy(QueuePolicy.newBuilder().build()).build();
    }
}
