package io.onsale.bench;

import io.onsale.kafka.app.CommitTiming;
import io.onsale.kafka.app.StreamsAppConfig;
import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.kafka.topics.TopicProvisioner;
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
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The waiting room alone on a real broker: the real topology ({@link WaitingRoomTopology#build(Topics)}) with the real
 * settings (exactly_once_v2), started by the shared launcher.
 *
 * <ol>
 *   <li>the event's config goes to {@code event-catalog} (a global store: fully read before any join is decided);</li>
 *   <li>{@code joins} JOIN commands of distinct buyers are pre-produced to {@code queue-requests} while the room is
 *       stopped, all keyed by the one event, as the edge sends them: one partition, one ordered sequence;</li>
 *   <li>the room starts and the committed JOINED answers on {@code queue-events} are counted, read_committed, until
 *       every buyer has exactly one: joins per second from the first answer to the last.</li>
 * </ol>
 * The queue is active from the first join (activation threshold 1) and admits slowly, so almost everyone queues: the
 * path of a burst.
 */
final class QueueBenchmark {

    static final String EVENT_ID = "bench-queue-event";

    /** @param answers counts of each answer type among the joins' answers (JOINED), {@code positions} whether FIFO held */
    record Result(int joins, Throughput join, Map<String, Long> answers, boolean positionsInJoinOrder) {}

    private QueueBenchmark() {}

    static Result run(
            BenchRun run,
            String name,
            int partitions,
            int threads,
            int rocksDbMemoryMb,
            CommitTiming timing,
            int joins,
            Duration idle)
            throws Exception {
        StreamsAppConfig config = new StreamsAppConfig(
                run.bootstrapServers(),
                run.prefix() + name + ".",
                partitions,
                3,
                (short) 1,
                run.prefix() + name,
                run.stateDir(name),
                threads,
                0,
                rocksDbMemoryMb,
                timing);
        Topics topics = config.topics();
        new TopicProvisioner(run.admin(), config.replicationFactor()).ensure(topics.all());
        run.awaitWritable(topics.all().stream().map(topic -> topic.name()).toList());
        try (KafkaProducer<String, EventConfig> producer = new KafkaProducer<>(
                ProducerBaseline.producerSettings(run.bootstrapServers()),
                new StringSerializer(),
                topics.eventCatalog().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.eventCatalog().name(), EVENT_ID, event()))
                    .get(30, TimeUnit.SECONDS);
        }
        ProducerBaseline.send(
                run.bootstrapServers(),
                topics.queueRequests().name(),
                joins,
                i -> EVENT_ID,
                QueueBenchmark::join,
                topics.queueRequests().valueSerde().serializer());

        Deserializer<QueueEvent> events = topics.queueEvents().valueSerde().deserializer();
        String eventsTopic = topics.queueEvents().name();
        Map<String, Long> answers = new TreeMap<>();
        BitSet answered = new BitSet(joins);
        long[] lastPosition = {0};
        boolean[] inOrder = {true};
        Throughput join;
        try (CommittedOutput reader = new CommittedOutput(run.bootstrapServers(), eventsTopic, partitions)) {
            Map<TopicPartition, Long> from = reader.endOffsets();
            long start = System.nanoTime();
            try (StreamsLauncher.Running room = StreamsLauncher.start(config, WaitingRoomTopology::build)) {
                join = reader.awaitCounted(
                        from, start, joins, idle, () -> MinimalProcessorBaseline.stopped(room.streams()), record -> {
                            QueueEvent event = events.deserialize(eventsTopic, record.value());
                            if (event.getType() != QueueEventType.JOINED
                                    && event.getType() != QueueEventType.REJECTED) {
                                return false; // the room's own records: admitted batches, mode changes
                            }
                            int buyer = buyerNumber(event.getRequestId());
                            if (buyer < 0 || buyer >= joins || answered.get(buyer)) {
                                throw new IllegalStateException("unexpected or repeated answer " + event);
                            }
                            answered.set(buyer);
                            answers.merge(event.getType().name(), 1L, Long::sum);
                            if (event.getPosition() != null) {
                                inOrder[0] &= event.getPosition() > lastPosition[0];
                                lastPosition[0] = event.getPosition();
                            }
                            return true;
                        });
            }
        }
        return new Result(joins, join, answers, inOrder[0]);
    }

    static QueueCommand join(int buyer) {
        return QueueCommand.newBuilder()
                .setRequestId("join-" + buyer)
                .setType(QueueCommandType.JOIN)
                .setEventId(EVENT_ID)
                .setBuyerId("buyer-" + buyer)
                .build();
    }

    private static int buyerNumber(String requestId) {
        if (requestId == null || !requestId.startsWith("join-")) {
            return -1;
        }
        try {
            return Integer.parseInt(requestId.substring("join-".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** On sale since an hour; the queue is active from the first join and admits 100 buyers a second. */
    private static EventConfig event() {
        return EventConfig.newBuilder()
                .setEventId(EVENT_ID)
                .setName("Queue benchmark")
                .setVenue("Arena")
                .setSaleOpensAt(Instant.now().minus(Duration.ofHours(1)))
                .setSections(List.of(Section.newBuilder()
                        .setSectionId("FLOOR")
                        .setName("Floor")
                        .setKind(SectionKind.GENERAL_ADMISSION)
                        .setPriceTier("GA")
                        .setPriceMinor(4_500)
                        .setSeats(List.of())
                        .setZones(List.of(Zone.newBuilder()
                                .setZoneId("FLOOR-1")
                                .setCapacity(50_000)
                                .build()))
                        .build()))
                .setQueuePolicy(QueuePolicy.newBuilder()
                        .setActivationThreshold(1)
                        .setMaxAdmitRatePerSecond(100)
                        .setTargetActiveShoppers(1_000)
                        .setPurchaseWindowMinutes(10)
                        .build())
                .build();
    }
}
