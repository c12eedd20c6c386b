package io.onsale.kafka.app;

import io.onsale.kafka.topics.TopicProvisioner;
import io.onsale.kafka.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one launcher of the platform's standalone Streams apps: load the config, provision the catalogue's
 * topics, build the app's topology with the same factory the edge and the tests use, run until stopped.
 * Never wipes local state on start; a reset is an explicit operator action.
 */
public final class StreamsLauncher {

    private static final Logger log = LoggerFactory.getLogger(StreamsLauncher.class);

    private StreamsLauncher() {}

    /** A running app; closing it stops the streams cleanly. */
    public record Running(KafkaStreams streams, RestorationLog restoration, OrphanedTransactionFencer fencer)
            implements AutoCloseable {
        @Override
        public void close() {
            closeLeavingTheGroup(streams);
            fencer.close();
        }
    }

    /**
     * Stops {@code streams} and hands its tasks over at once. A static member (one with an application server) does not
     * leave on close by itself: its tasks would wait out the session timeout, undecided.
     */
    public static void closeLeavingTheGroup(KafkaStreams streams) {
        streams.close(
                new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
    }

    /** What an app answers on its query endpoint besides {@code /health}: paths and their routes. */
    @FunctionalInterface
    public interface Queries {
        Map<String, StreamsHttpEndpoint.Route> routes(StreamsAppConfig config, KafkaStreams streams);
    }

    /** {@code main} of a standalone app with nothing to query but its health. */
    public static void run(String name, Function<Topics, Topology> topologyFactory, String[] args) throws Exception {
        run(name, topologyFactory, (config, streams) -> Map.of(), args);
    }

    /**
     * {@code main} of a standalone app: {@code args[0]}, if given, is a properties file. With
     * {@code onsale.kafka.application-server} set, the app answers {@code queries}, {@code /health}, {@code /restoration}
     * and {@code /metrics} on its port ({@link StreamsHttpEndpoint}); {@code name} is its metrics' {@code app} label, as
     * the edge tags the same app's embedded client ({@code reservations}, {@code waiting-room}). Blocks until SIGTERM.
     */
    public static void run(String name, Function<Topics, Topology> topologyFactory, Queries queries, String[] args)
            throws Exception {
        StreamsAppConfig config = StreamsAppConfig.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        // The listener goes in before the start: Streams refuses one afterwards.
        Running running = start(config, topologyFactory, (now, before) -> {
            log.info("{}: {} -> {}", name, before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        StreamsAppMetrics metrics = config.applicationServer() == null
                ? null
                : StreamsAppMetrics.bind(name, running.streams(), running.restoration());
        StreamsHttpEndpoint endpoint = config.applicationServer() == null
                ? null
                : StreamsHttpEndpoint.start(
                        config.applicationServer(),
                        running.streams(),
                        withOperatorRoutes(running, metrics, queries.routes(config, running.streams())));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (endpoint != null) {
                                endpoint.close();
                            }
                            running.close();
                            if (metrics != null) {
                                metrics.close();
                            }
                            stopped.countDown();
                        },
                        name + "-shutdown"));
        log.info(
                "{} started: application.id={}, bootstrap={}, topics prefix='{}'",
                name,
                config.applicationId(),
                config.bootstrapServers(),
                config.topicPrefix());
        stopped.await();
        if (running.streams().state() == KafkaStreams.State.ERROR) {
            System.exit(1);
        }
    }

    /**
     * The app's routes and the operator's: {@code /restoration} ({@link RestorationLog}) and {@code /metrics} for
     * Prometheus ({@link StreamsAppMetrics}).
     */
    public static Map<String, StreamsHttpEndpoint.Route> withOperatorRoutes(
            Running running, StreamsAppMetrics metrics, Map<String, StreamsHttpEndpoint.Route> routes) {
        Map<String, StreamsHttpEndpoint.Route> all = new java.util.HashMap<>(routes);
        all.put(
                "/restoration",
                parameters -> StreamsHttpEndpoint.Reply.text(
                        200, running.restoration().format()));
        all.put("/metrics", metrics.route());
        return all;
    }

    public static Running start(StreamsAppConfig config, Function<Topics, Topology> topologyFactory) {
        return start(config, topologyFactory, (now, before) -> log.info("{} -> {}", before, now));
    }

    public static Running start(
            StreamsAppConfig config, Function<Topics, Topology> topologyFactory, KafkaStreams.StateListener listener) {
        Topics topics = config.topics();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            new TopicProvisioner(admin, config.replicationFactor()).ensure(topics.all());
        }
        KafkaStreams streams = new KafkaStreams(
                topologyFactory.apply(topics), config.streamsProperties().toProperties());
        streams.setUncaughtExceptionHandler(StreamThreadFailures.of(config.applicationId()));
        streams.setStateListener(listener);
        RestorationLog restoration = RestorationLog.attach(streams);
        // Before the start: a restarted instance's restoration waits for the transaction its dead self left open, which
        // the fencer aborts once the dead member has left the group (not the 10 s transaction timeout).
        OrphanedTransactionFencer fencer =
                OrphanedTransactionFencer.start(config.applicationId(), config.bootstrapServers());
        streams.start();
        return new Running(streams, restoration, fencer);
    }
}
