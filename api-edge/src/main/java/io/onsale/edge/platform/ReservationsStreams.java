package io.onsale.edge.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.platform.KafkaClients.ProvisionedTopics;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.kafka.app.OrphanedTransactionFencer;
import io.onsale.kafka.app.RestorationLog;
import io.onsale.kafka.app.StreamThreadFailures;
import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.kafka.app.StreamsMeters;
import io.onsale.kafka.app.StreamsProperties;
import io.onsale.reservations.query.ReservationQueries;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.config.EventConfig;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The reservation topology embedded in this edge instance: built by the same factory as the standalone app
 * and the tests, started before the web server accepts requests, closed after it stops.
 */
@Component
@ConditionalOnProperty(name = "onsale.edge.embedded-engine", havingValue = "true", matchIfMissing = true)
public class ReservationsStreams implements Engine, SmartLifecycle {

    private final KafkaSettings settings;
    private final ProvisionedTopics provisioned;
    private final String applicationServer;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private volatile KafkaStreams streams;
    private volatile StreamsMeters streamsMeters;
    private volatile OrphanedTransactionFencer fencer;
    private volatile ReservationQueries queries;
    private final List<Consumer<String>> catalogListeners = new CopyOnWriteArrayList<>();

    ReservationsStreams(
            KafkaSettings settings,
            ProvisionedTopics provisioned,
            MeterRegistry meters,
            ApplicationEventPublisher events) {
        this.settings = settings;
        this.provisioned = provisioned;
        this.meters = meters;
        this.events = events;
        this.applicationServer = queryAddress(settings.streamsProperties().applicationServer());
    }

    /**
     * A random server port (tests) is not known before the web server starts, which is after the topology starts:
     * such an instance cannot be forwarded to, so it runs as if alone.
     */
    private static String queryAddress(String configured) {
        if (configured == null || configured.endsWith(":0")) {
            return null;
        }
        HostInfo.buildFromEndpoint(
                configured); // fails the start on a malformed host:port, not the first forwarded read
        return configured;
    }

    /**
     * Tells {@code listener} (on the topology's global thread: it must return at once) the id of each event whose
     * config this instance's catalogue has just taken in.
     */
    @Override
    public void onCatalogChange(Consumer<String> listener) {
        catalogListeners.add(listener);
    }

    @Override
    public void start() {
        StreamsProperties base = settings.streamsProperties();
        Properties props = new StreamsProperties(
                        base.applicationId(),
                        base.bootstrapServers(),
                        base.stateDir(),
                        applicationServer,
                        base.replicationFactor(),
                        base.standbyReplicas(),
                        base.threads(),
                        base.rocksDbMemoryBytes(),
                        base.timing())
                .toProperties();
        KafkaStreams kafkaStreams = new KafkaStreams(
                ReservationsTopology.build(
                        provisioned.topics(),
                        eventId -> catalogListeners.forEach(listener -> listener.accept(eventId))),
                props);
        // Readiness turns DOWN when it stops, so the instance is taken out of rotation and restarted, not half-serving.
        kafkaStreams.setUncaughtExceptionHandler(StreamThreadFailures.of("the reservation topology"));
        kafkaStreams.setStateListener(new StreamsLiveness("reservation topology", events));
        streamsMeters = StreamsMeters.bind(kafkaStreams, "reservations", meters);
        RestorationLog.attach(kafkaStreams);
        // Before the start: after a crash, start() waits for the global store, whose read waits for the dead instance's
        // open transaction, which the fencer aborts once that instance has left the group (not the 10 s timeout).
        fencer = OrphanedTransactionFencer.start(base.applicationId(), base.bootstrapServers());
        kafkaStreams.start();
        queries = ReservationQueries.of(
                kafkaStreams, applicationServer == null ? null : HostInfo.buildFromEndpoint(applicationServer));
        streams = kafkaStreams;
    }

    @Override
    public void stop() {
        KafkaStreams running = streams;
        if (running != null) {
            StreamsLauncher.closeLeavingTheGroup(running);
            fencer.close();
            streamsMeters.close();
            streams = null;
            queries = null;
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

    @Override
    public KafkaStreams.State state() {
        KafkaStreams running = streams;
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.state();
    }

    /** This instance's {@code application.server}, or {@code null} when it runs alone. */
    @Override
    public String applicationServer() {
        return applicationServer;
    }

    /** Interactive queries that say where each answer is; {@link StoreUnavailableException} before the start. */
    @Override
    public ReservationQueries queries() {
        ReservationQueries current = queries;
        if (current == null) {
            throw new StoreUnavailableException("the reservation state is " + state() + "; try again shortly");
        }
        return current;
    }

    @Override
    public Optional<EventConfig> event(String eventId) {
        ReadOnlyKeyValueStore<String, EventConfig> events =
                store(ReservationsTopology.EVENTS_STORE, QueryableStoreTypes.keyValueStore());
        return Optional.ofNullable(events.get(eventId));
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
            throw new StoreUnavailableException(
                    "the store '" + name + "' is not queryable right now: " + e.getMessage());
        }
    }
}
