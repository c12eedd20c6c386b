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
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one launcher of the platform's standalone Streams apps: load the config, provision the catalogue's
 * topics, build the app's topology with the same factory the edge and the tests use, run until stopped.
 * Never wipes local state on start; a reset is an explicit operator action.
 */
public final class StreamsLauncher {

    private static final Logger log = LoggerFactory.getLogger(StreamsLauncher.class);

    private StreamsLauncher() {
    }

    /** A running app; closing it stops the streams cleanly. */
    public record Running(KafkaStreams streams) implements AutoCloseable {
        @Override
        public void close() {
            streams.close(Duration.ofSeconds(30));
        }
    }

    /** {@code main} of a standalone app: {@code args[0]}, if given, is a properties file. Blocks until SIGTERM. */
    public static void run(String name, Function<Topics, Topology> topologyFactory, String[] args) throws Exception {
        StreamsAppConfig config = StreamsAppConfig.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Running running = start(config, topologyFactory);
        running.streams().setStateListener((now, before) -> {
            log.info("{}: {} -> {}", name, before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, name + "-shutdown"));
        log.info("{} started: application.id={}, bootstrap={}, topics prefix='{}'", name, config.applicationId(),
                config.bootstrapServers(), config.topicPrefix());
        stopped.await();
        if (running.streams().state() == KafkaStreams.State.ERROR) {
            System.exit(1);
        }
    }

    public static Running start(StreamsAppConfig config, Function<Topics, Topology> topologyFactory) {
        Topics topics = config.topics();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            new TopicProvisioner(admin, config.replicationFactor()).ensure(topics.all());
        }
        KafkaStreams streams = new KafkaStreams(topologyFactory.apply(topics), config.streamsProperties().toProperties());
        streams.setUncaughtExceptionHandler(error -> {
            log.error("stream thread failed; stopping this instance so it can be restarted", error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return new Running(streams);
    }
}
