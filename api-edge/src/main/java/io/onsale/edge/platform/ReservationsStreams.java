package io.onsale.edge.platform;

import io.onsale.edge.platform.KafkaClients.ProvisionedTopics;
import io.onsale.reservations.topology.ReservationsTopology;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The reservation topology embedded in this edge instance: built by the same factory as the standalone app
 * and the tests, started before the web server accepts requests, closed after it stops.
 */
@Component
public class ReservationsStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReservationsStreams.class);

    private final KafkaSettings settings;
    private final ProvisionedTopics provisioned;
    private volatile KafkaStreams streams;

    ReservationsStreams(KafkaSettings settings, ProvisionedTopics provisioned) {
        this.settings = settings;
        this.provisioned = provisioned;
    }

    @Override
    public void start() {
        Properties props = settings.appConfig().streamsProperties().toProperties();
        KafkaStreams kafkaStreams = new KafkaStreams(ReservationsTopology.build(provisioned.topics()), props);
        kafkaStreams.setUncaughtExceptionHandler(error -> {
            // Readiness turns DOWN so the instance is taken out of rotation and restarted, rather than half-serve.
            log.error("the reservation topology failed; shutting this instance's streams down", error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        kafkaStreams.setStateListener((now, before) -> log.info("reservation topology {} -> {}", before, now));
        kafkaStreams.start();
        streams = kafkaStreams;
    }

    @Override
    public void stop() {
        KafkaStreams running = streams;
        if (running != null) {
            running.close(Duration.ofSeconds(30));
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

    public KafkaStreams.State state() {
        KafkaStreams running = streams;
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.state();
    }

    /** A local store to query; {@link StoreUnavailableException} while the instance is starting or rebalancing. */
    public <T> T store(String name, QueryableStoreType<T> type) {
        KafkaStreams running = streams;
        if (running == null || running.state() != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException("the reservation state is " + state() + "; try again shortly");
        }
        try {
            return running.store(StoreQueryParameters.fromNameAndType(name, type));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("the store '" + name + "' is not queryable right now: " + e.getMessage());
        }
    }
}
