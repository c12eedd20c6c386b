package io.onsale.edge.queue;

import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.platform.StreamsLiveness;
import io.onsale.kafka.app.OrphanedTransactionFencer;
import io.onsale.kafka.app.RestorationLog;
import io.onsale.kafka.app.StreamThreadFailures;
import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.kafka.app.StreamsMeters;
import io.onsale.kafka.app.StreamsProperties;
import io.onsale.kafka.topics.Topics;
import io.onsale.queue.topology.WaitingRoomTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The waiting room embedded in this edge instance as a second {@code KafkaStreams}: built by the same factory as
 * the standalone {@code WaitingRoomApp} and the tests, under its own application id and state directory, so it
 * never shares a consumer group or state with the reservation engine (ADR 0006). Started before the web server, in
 * the background beside the reservation engine, closed after it. Nothing is queried from it: buyers are answered from
 * {@code queue-events} and {@code queue-progress} ({@link QueueProgressView}).
 */
class WaitingRoomStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WaitingRoomStreams.class);

    private final KafkaSettings kafka;
    private final QueueSettings queue;
    private final Topics topics;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private volatile KafkaStreams streams;
    private volatile StreamsMeters streamsMeters;
    private volatile OrphanedTransactionFencer fencer;
    private volatile Thread starting;

    WaitingRoomStreams(
            KafkaSettings kafka,
            QueueSettings queue,
            Topics topics,
            MeterRegistry meters,
            ApplicationEventPublisher events) {
        this.kafka = kafka;
        this.queue = queue;
        this.topics = topics;
        this.meters = meters;
        this.events = events;
    }

    @Override
    public void start() {
        StreamsProperties base = kafka.appConfig().streamsProperties();
        StreamsProperties own = new StreamsProperties(
                queue.applicationId(),
                base.bootstrapServers(),
                queue.stateDir(),
                null,
                base.replicationFactor(),
                base.standbyReplicas(),
                1,
                base.rocksDbMemoryBytes(),
                base.timing());
        KafkaStreams kafkaStreams = new KafkaStreams(WaitingRoomTopology.build(topics), own.toProperties());
        kafkaStreams.setUncaughtExceptionHandler(StreamThreadFailures.of("the waiting room"));
        kafkaStreams.setStateListener(new StreamsLiveness("waiting room", events));
        streamsMeters = StreamsMeters.bind(kafkaStreams, "waiting-room", meters);
        RestorationLog.attach(kafkaStreams);
        streams = kafkaStreams;
        fencer = OrphanedTransactionFencer.start(own.applicationId(), own.bootstrapServers());
        // KafkaStreams.start() returns once its global store is read, and after a crash that read waits for the dead
        // instance's open transaction to be aborted; so does the reservation engine's, started beside this one. Started
        // one after the other the two waits added up: a restarted edge served ~5 s later. Readiness waits for RUNNING.
        Thread starter = new Thread(
                () -> {
                    try {
                        kafkaStreams.start();
                    } catch (RuntimeException e) {
                        log.error("the waiting room could not start (readiness stays DOWN)", e);
                    }
                },
                "waiting-room-start");
        starter.setDaemon(true);
        starting = starter;
        starter.start();
    }

    @Override
    public void stop() {
        Thread starter = starting;
        if (starter != null) {
            try {
                starter.join(); // close() must not race start(): it returns within the global store's read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            starting = null;
        }
        KafkaStreams running = streams;
        if (running != null) {
            StreamsLauncher.closeLeavingTheGroup(running);
            fencer.close();
            streamsMeters.close();
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    KafkaStreams.State state() {
        KafkaStreams running = streams;
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.state();
    }
}
