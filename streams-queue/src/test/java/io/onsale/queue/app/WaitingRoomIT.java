package io.onsale.queue.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.kafka.app.StreamsAppConfig;
import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import io.onsale.queue.topology.WaitingRoomTopology;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueueCommandType;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueEventType;
import io.onsale.schema.queue.QueueProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The standalone waiting room on a real broker with exactly-once: thousands of buyers join one event, each gets a
 * unique position in the order their joins were written, the serving counter admits them in metered batches in
 * position order, and a buyer's place survives a restart.
 */
class WaitingRoomIT {

    private static final int BUYERS = 3_000;
    private static final int ADMIT_RATE = 1_000;

    @Test
    void thousandsOfJoinsGetUniqueFifoPositionsAndAreAdmittedInOrder() throws Exception {
        String prefix = RealKafka.uniquePrefix("waiting-room");
        Path stateDir = Files.createTempDirectory("waiting-room-state");
        StreamsAppConfig config = new StreamsAppConfig(
                RealKafka.bootstrapServers(), prefix, 4, 1, (short) 1, prefix + "waiting-room", stateDir, 1, 0);
        Topics topics = config.topics();

        List<String> joinOrder =
                IntStream.rangeClosed(1, BUYERS).mapToObj(n -> "buyer-" + n).toList();
        try (StreamsLauncher.Running room = StreamsLauncher.start(config, WaitingRoomTopology::build);
                KafkaProducer<String, EventConfig> catalog =
                        producer(topics.eventCatalog().valueSerde().serializer());
                KafkaProducer<String, QueueCommand> requests =
                        producer(topics.queueRequests().valueSerde().serializer())) {
            awaitRunning(room);
            catalog.send(new ProducerRecord<>(topics.eventCatalog().name(), "E1", event("E1")))
                    .get();
            awaitCatalogued(room);

            long started = System.nanoTime();
            for (String buyer : joinOrder) {
                requests.send(new ProducerRecord<>(topics.queueRequests().name(), "E1", join(buyer, "join-" + buyer)));
            }
            requests.flush();

            List<QueueEvent> decided = readUntil(topics.queueEvents(), events -> admittedUpTo(events) >= BUYERS);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            List<QueueEvent> joins = decided.stream()
                    .filter(event -> event.getType() == QueueEventType.JOINED)
                    .toList();
            assertThat(joins).hasSize(BUYERS);
            assertThat(joins).extracting(QueueEvent::getBuyerId).containsExactlyElementsOf(joinOrder);
            assertThat(joins)
                    .extracting(QueueEvent::getPosition)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, BUYERS).boxed().toList());
            assertThat(new HashSet<>(joins.stream().map(QueueEvent::getPosition).toList()))
                    .hasSize(BUYERS);

            List<QueueEvent> batches = decided.stream()
                    .filter(event -> event.getType() == QueueEventType.ADMITTED)
                    .toList();
            long next = 2; // buyer-1 found an empty room and passed straight through
            for (QueueEvent batch : batches) {
                assertThat(batch.getFromPosition())
                        .as("batches follow each other without gaps or overlaps")
                        .isEqualTo(next);
                assertThat(batch.getAdmitted())
                        .isEqualTo(batch.getToPosition() - batch.getFromPosition() + 1)
                        .isLessThanOrEqualTo(ADMIT_RATE);
                next = batch.getToPosition() + 1;
            }
            assertThat(next - 1).isEqualTo(BUYERS);
            assertThat(batches.size())
                    .as("metered: several ticks, not one burst")
                    .isGreaterThanOrEqualTo(BUYERS / ADMIT_RATE);

            QueueProgress progress = latestProgress(topics.queueProgress(), "E1");
            assertThat(progress.getServingCounter()).isEqualTo(BUYERS);
            assertThat(progress.getWaiting()).isZero();
            assertThat(progress.getActiveShoppers()).isEqualTo(BUYERS);
            System.out.printf(
                    "waiting room IT: %d joins positioned and admitted in %d ms (%d batches)%n",
                    BUYERS, tookMillis, batches.size());
        }

        // Same application id and state dir: a returning buyer gets the same place back after a restart.
        try (StreamsLauncher.Running room = StreamsLauncher.start(config, WaitingRoomTopology::build);
                KafkaProducer<String, QueueCommand> requests =
                        producer(topics.queueRequests().valueSerde().serializer())) {
            awaitRunning(room);
            requests.send(new ProducerRecord<>(topics.queueRequests().name(), "E1", join("buyer-1234", "again-1234")))
                    .get();

            List<QueueEvent> all = readUntil(
                    topics.queueEvents(),
                    events -> events.stream().anyMatch(event -> "again-1234".equals(event.getRequestId())));
            QueueEvent again = all.stream()
                    .filter(event -> "again-1234".equals(event.getRequestId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(again.getDuplicate()).isTrue();
            assertThat(again.getPosition()).isEqualTo(1234L);
        }
    }

    private static void awaitRunning(StreamsLauncher.Running room) {
        await().atMost(Duration.ofSeconds(60)).until(() -> room.streams().state() == KafkaStreams.State.RUNNING);
    }

    /** The global store is filled by its own thread: wait until the room knows the event before anyone joins. */
    private static void awaitCatalogued(StreamsLauncher.Running room) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var store = room.streams()
                    .store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                            WaitingRoomTopology.CATALOG_STORE,
                            org.apache.kafka.streams.state.QueryableStoreTypes.<String, EventConfig>keyValueStore()));
            return store.get("E1") != null;
        });
    }

    private static long admittedUpTo(List<QueueEvent> events) {
        return events.stream()
                .filter(event -> event.getType() == QueueEventType.ADMITTED)
                .mapToLong(QueueEvent::getToPosition)
                .max()
                .orElse(0);
    }

    /** Reads a topic from the start, read_committed, in offset order per partition, until the condition holds. */
    private static <V> List<V> readUntil(TopicSpec<String, V> topic, java.util.function.Predicate<List<V>> done) {
        List<V> found = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumer(topic)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> found.add(record.value()));
                return done.test(found);
            });
        }
        return found;
    }

    private static QueueProgress latestProgress(TopicSpec<String, QueueProgress> topic, String eventId) {
        List<QueueProgress> all = new ArrayList<>();
        try (KafkaConsumer<String, QueueProgress> consumer = consumer(topic)) {
            Set<TopicPartition> partitions = consumer.assignment();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, QueueProgress> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(eventId)) {
                        all.add(record.value());
                    }
                }
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private static <V> KafkaConsumer<String, V> consumer(TopicSpec<String, V> topic) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RealKafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                topic.valueSerde().deserializer());
        List<TopicPartition> partitions = IntStream.range(0, topic.partitions())
                .mapToObj(partition -> new TopicPartition(topic.name(), partition))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static <V> KafkaProducer<String, V> producer(Serializer<V> values) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RealKafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                values);
    }

    private static QueueCommand join(String buyer, String requestId) {
        return QueueCommand.newBuilder()
                .setRequestId(requestId)
                .setType(QueueCommandType.JOIN)
                .setEventId("E1")
                .setBuyerId(buyer)
                .build();
    }

    /** Open since a minute; one buyer passes through, then everyone queues and 1,000/s are admitted. */
    private static EventConfig event(String eventId) {
        return EventConfig.newBuilder()
                .setEventId(eventId)
                .setName("Queue night")
                .setVenue("Arena")
                .setSaleOpensAt(Instant.now().minusSeconds(60))
                .setSections(List.of(Section.newBuilder()
                        .setSectionId("FLOOR")
                        .setName("Floor")
                        .setKind(SectionKind.GENERAL_ADMISSION)
                        .setPriceTier("GA")
                        .setPriceMinor(4_500)
                        .setSeats(List.of())
                        .setZones(List.of(Zone.newBuilder()
                                .setZoneId("FLOOR-1")
                                .setCapacity(10_000)
                                .build()))
                        .build()))
                .setQueuePolicy(QueuePolicy.newBuilder()
                        .setActivationThreshold(1)
                        .setMaxAdmitRatePerSecond(ADMIT_RATE)
                        .setTargetActiveShoppers(100_000)
                        .setPurchaseWindowMinutes(10)
                        .build())
                .build();
    }
}
