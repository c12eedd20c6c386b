package io.onsale.bench;

import io.onsale.kafka.app.CommitTiming;
import io.onsale.kafka.app.StreamsAppConfig;
import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.kafka.topics.SectionPartitioning;
import io.onsale.kafka.topics.TopicProvisioner;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The reservation engine alone on a real broker: the real topology ({@link ReservationsTopology#build(Topics)}) with
 * the real settings ({@link StreamsAppConfig#streamsProperties()}: exactly_once_v2), started by the shared launcher,
 * which provisions every topic of the catalogue first.
 *
 * <ol>
 *   <li>configure: an event of {@code seats} seats goes through the real {@code event-config} topic; the engine
 *       explodes it and decides one CONFIGURE per seat; wait for every CONFIGURED decision, stop the engine;</li>
 *   <li>pre-produce {@code holds} HOLD commands keyed by unit key while the engine is stopped;</li>
 *   <li>start the engine again and count the committed decisions on {@code reservation-events}, read_committed,
 *       until every hold has exactly one: unit decisions per second from the first to the last.</li>
 * </ol>
 */
final class EngineBenchmark {

    static final String EVENT_ID = "bench-event";

    /** @param decisions counts of each decision type for the holds (HELD, REJECTED) */
    record Result(
            int seats,
            int holds,
            boolean viaOrders,
            Throughput configure,
            double preProduceSeconds,
            Throughput decide,
            Map<String, Long> decisions,
            Map<String, Long> rejectReasons) {}

    private EngineBenchmark() {}

    /** @param name names this engine's topics, application id and state within the run ("engine", "engine-warmup") */
    static Result run(
            BenchRun run,
            String name,
            int partitions,
            int threads,
            int rocksDbMemoryMb,
            CommitTiming timing,
            int seats,
            int holds,
            Duration idle)
            throws Exception {
        return run(run, name, partitions, threads, rocksDbMemoryMb, timing, seats, holds, false, idle);
    }

    /**
     * @param viaOrders pre-produce one single-seat PLACE per hold on {@code order-requests} and count the answers on
     *                  {@code order-events}: the whole order path (order → unit → section/order → answer) instead of
     *                  unit decisions alone
     */
    static Result run(
            BenchRun run,
            String name,
            int partitions,
            int threads,
            int rocksDbMemoryMb,
            CommitTiming timing,
            int seats,
            int holds,
            boolean viaOrders,
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
        BenchVenue venue = new BenchVenue(EVENT_ID, seats);
        Deserializer<ReservationEvent> events =
                topics.reservationEvents().valueSerde().deserializer();
        String eventsTopic = topics.reservationEvents().name();

        Throughput configure;
        try (CommittedOutput reader = new CommittedOutput(run.bootstrapServers(), eventsTopic, partitions);
                StreamsLauncher.Running engine = StreamsLauncher.start(config, ReservationsTopology::build)) {
            Map<TopicPartition, Long> from = reader.endOffsets();
            awaitRunning(engine.streams(), idle);
            long start = System.nanoTime();
            try (KafkaProducer<String, EventConfig> producer = new KafkaProducer<>(
                    ProducerBaseline.producerSettings(run.bootstrapServers()),
                    new StringSerializer(),
                    topics.eventConfig().valueSerde().serializer())) {
                EventConfig event = venue.config(Instant.now().minus(Duration.ofHours(1)));
                producer.send(new ProducerRecord<>(topics.eventConfig().name(), EVENT_ID, event))
                        .get(30, TimeUnit.SECONDS);
            }
            configure = reader.await(
                    from,
                    start,
                    seats,
                    idle,
                    () -> MinimalProcessorBaseline.stopped(engine.streams()),
                    record -> expectType(
                            events.deserialize(eventsTopic, record.value()), ReservationEventType.CONFIGURED));
        }

        ProducerBaseline.Sent sent = viaOrders
                ? ProducerBaseline.send(
                        run.bootstrapServers(),
                        topics.orderRequests().name(),
                        holds,
                        venue::orderKey,
                        venue::place,
                        topics.orderRequests().valueSerde().serializer())
                : ProducerBaseline.send(
                        run.bootstrapServers(),
                        topics.reservationRequests().name(),
                        holds,
                        i -> venue.unitKey(i % seats),
                        venue::hold,
                        topics.reservationRequests().valueSerde().serializer(),
                        Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, SectionPartitioning.class));
        Deserializer<OrderEvent> answers = topics.orderEvents().valueSerde().deserializer();
        String answersTopic = topics.orderEvents().name();
        String countedTopic = viaOrders ? answersTopic : eventsTopic;

        // The reader keeps the raw decisions and decodes them after the clock stops: decoding in the measured window
        // would take cpu from the engine on a 2-core machine (the minimal processor's reader decodes nothing either).
        List<byte[]> raw = new ArrayList<>(holds);
        Throughput decide;
        try (CommittedOutput reader = new CommittedOutput(run.bootstrapServers(), countedTopic, partitions)) {
            Map<TopicPartition, Long> from = reader.endOffsets();
            long start = System.nanoTime();
            try (StreamsLauncher.Running engine = StreamsLauncher.start(config, ReservationsTopology::build)) {
                decide = reader.await(
                        from,
                        start,
                        holds,
                        idle,
                        () -> MinimalProcessorBaseline.stopped(engine.streams()),
                        record -> raw.add(record.value()));
                int extra = reader.extraRecordsWithin(Duration.ofMillis(500));
                if (extra > 0) {
                    throw new IllegalStateException(extra + " decisions beyond one per hold");
                }
            }
        }
        Map<String, Long> reasons = new TreeMap<>();
        BitSet decided = new BitSet(holds);
        Map<String, Long> decisions = new TreeMap<>();
        for (byte[] value : raw) {
            String requestId;
            String type;
            String reason;
            if (viaOrders) {
                OrderEvent answer = answers.deserialize(answersTopic, value);
                requestId = answer.getRequestId();
                type = answer.getType().name();
                reason = answer.getReason();
            } else {
                ReservationEvent event = events.deserialize(eventsTopic, value);
                requestId = event.getRequestId();
                type = event.getType().name();
                reason = event.getReason() == null ? null : event.getReason().name();
            }
            int hold = BenchVenue.holdNumber(requestId);
            if (hold < 0 || hold >= holds || decided.get(hold)) {
                throw new IllegalStateException(
                        "unexpected or repeated " + (viaOrders ? "answer" : "decision") + " for " + requestId);
            }
            decided.set(hold);
            decisions.merge(type, 1L, Long::sum);
            if (reason != null) {
                reasons.merge(reason, 1L, Long::sum);
            }
        }
        return new Result(seats, holds, viaOrders, configure, sent.nanos() / 1e9, decide, decisions, reasons);
    }

    private static void expectType(ReservationEvent event, ReservationEventType type) {
        if (event.getType() != type) {
            throw new IllegalStateException("expected only " + type + " decisions while configuring, got " + event);
        }
    }

    private static void awaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (MinimalProcessorBaseline.stopped(streams) || System.nanoTime() > deadline) {
                throw new IllegalStateException("the engine did not start: " + streams.state());
            }
            Thread.sleep(50);
        }
    }
}
