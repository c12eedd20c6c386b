package io.onsale.edge.platform;

import io.onsale.edge.platform.KafkaClients.ProvisionedTopics;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.kafka.codec.AvroSerdes;
import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.reservations.query.EngineQueryServer;
import io.onsale.reservations.query.OwnerTable;
import io.onsale.reservations.query.ReservationQueries;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitState;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The engine running as its own processes ({@code engine.jar}), reached by an edge that does not embed it. Keyed state
 * (a buyer's orders, a unit, a section's seats) is asked of the instance that owns the key, found in an
 * {@link OwnerTable} refreshed every second from any engine instance; an instance asked for a key that moved says who
 * owns it now (421), and is asked once more there. The global state every engine holds whole (the event catalogue, the
 * section counts) is mirrored here from its compacted topics, so event pages and configs never cross the network.
 *
 * <p>Nothing here guesses: no owner, an owner that does not answer in {@code engine-timeout}, or ownership moving twice
 * during one query are each an {@link Answer.Unavailable} (503 with Retry-After to the buyer).
 */
final class RemoteEngine implements Engine, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RemoteEngine.class);
    /** How often the owners are asked again, and how old a table may be before this edge stops trusting it. */
    static final Duration REFRESH = Duration.ofSeconds(1);

    static final Duration STALE_AFTER = Duration.ofSeconds(5);

    private static final Deserializer<BuyerOrders> ORDERS =
            AvroSerdes.of(BuyerOrders.class).deserializer();
    private static final Deserializer<UnitState> UNITS =
            AvroSerdes.of(UnitState.class).deserializer();
    private static final Deserializer<UnitAvailability> AVAILABILITY =
            AvroSerdes.of(UnitAvailability.class).deserializer();

    private record Owners(OwnerTable table, long fetchedAtNanos) {}

    private final RemoteEngineSettings settings;
    private final HttpClient http;
    private final TopicMirror<EventConfig> catalog;
    private final TopicMirror<SectionSummary> summaries;
    private final List<Consumer<String>> catalogListeners = new CopyOnWriteArrayList<>();
    private final ReservationQueries queries = new Queries();
    private volatile Owners owners;
    private volatile ScheduledExecutorService refresher;

    RemoteEngine(KafkaSettings kafka, RemoteEngineSettings settings, ProvisionedTopics provisioned) {
        if (settings.engineServers().isEmpty()) {
            throw new IllegalStateException(
                    "onsale.edge.embedded-engine is false but onsale.edge.engine-servers names no "
                            + "engine instance (host:port of an engine's onsale.kafka.application-server, comma-separated)");
        }
        settings.engineServers().forEach(HostInfo::buildFromEndpoint); // a malformed address fails the start
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.engineTimeout())
                .build();
        var topics = provisioned.topics();
        this.catalog = new TopicMirror<>(
                kafka,
                topics.eventCatalog().name(),
                topics.eventCatalog().valueSerde().deserializer(),
                "event-catalog-mirror",
                (eventId, config) -> catalogListeners.forEach(listener -> listener.accept(eventId)));
        this.summaries = new TopicMirror<>(
                kafka,
                topics.sectionSummaries().name(),
                topics.sectionSummaries().valueSerde().deserializer(),
                "section-summaries-mirror",
                (key, summary) -> {});
    }

    @Override
    public void start() {
        catalog.start();
        summaries.start();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "engine-owners");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refreshOwners, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        refresher = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = refresher;
        if (scheduler != null) {
            scheduler.shutdownNow();
            refresher = null;
        }
        summaries.stop();
        catalog.stop();
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public KafkaStreams.State state() {
        if (refresher == null) {
            return KafkaStreams.State.NOT_RUNNING;
        }
        Owners current = owners;
        boolean ready = catalog.isRunning()
                && catalog.caughtUp()
                && summaries.isRunning()
                && summaries.caughtUp()
                && current != null
                && fresh(current)
                && current.table().complete(EngineQueryServer.KEYED_STORES);
        return ready ? KafkaStreams.State.RUNNING : KafkaStreams.State.REBALANCING;
    }

    @Override
    public ReservationQueries queries() {
        if (refresher == null) {
            throw new StoreUnavailableException("this edge is not connected to the engine yet; try again shortly");
        }
        return queries;
    }

    @Override
    public Optional<EventConfig> event(String eventId) {
        if (!catalog.caughtUp()) {
            throw new StoreUnavailableException("the event catalogue is still being read; try again shortly");
        }
        return Optional.ofNullable(catalog.get(eventId));
    }

    @Override
    public void onCatalogChange(Consumer<String> listener) {
        catalogListeners.add(listener);
    }

    @Override
    public String applicationServer() {
        return null;
    }

    /** Asks the configured instances, then every instance the last table named, until one answers. */
    void refreshOwners() {
        Set<String> candidates = new LinkedHashSet<>(settings.engineServers());
        Owners current = owners;
        if (current != null) {
            current.table()
                    .owners()
                    .values()
                    .forEach(byPartition -> byPartition.forEach(
                            owner -> owner.ifPresent(host -> candidates.add(host.host() + ":" + host.port()))));
        }
        List<String> failures = new ArrayList<>();
        for (String server : candidates) {
            try {
                HttpResponse<String> response = http.send(get(server, "/owners"), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    OwnerTable table = OwnerTable.parse(response.body());
                    if (table.complete(EngineQueryServer.KEYED_STORES) || current == null || !fresh(current)) {
                        owners = new Owners(table, System.nanoTime());
                        return;
                    }
                    failures.add(server + ": knows no owner of some partition");
                } else {
                    failures.add(server + ": " + response.statusCode());
                }
            } catch (IOException | RuntimeException e) {
                failures.add(server + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.debug("no engine instance told its owners: {}", failures);
    }

    private static boolean fresh(Owners owners) {
        return System.nanoTime() - owners.fetchedAtNanos() < STALE_AFTER.toNanos();
    }

    private HttpRequest get(String server, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://" + server + pathAndQuery))
                .timeout(settings.engineTimeout())
                .GET()
                .build();
    }

    private static String query(String... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.append(i == 0 ? '?' : '&')
                    .append(namesAndValues[i])
                    .append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** One keyed query, asked of the owner; once more of the new owner if it moved. */
    private <T> Answer<T> ask(
            String store, String routingKey, String pathAndQuery, Function<byte[], T> found, T missing) {
        Owners current = owners;
        Optional<HostInfo> owner =
                current == null ? Optional.empty() : current.table().owner(store, routingKey);
        if (owner.isEmpty()) {
            return new Answer.Unavailable<>("no engine instance owns this right now");
        }
        String server = owner.get().host() + ":" + owner.get().port();
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(get(server, pathAndQuery), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                log.warn("engine instance {} did not answer {}: {}", server, pathAndQuery, e.toString());
                return new Answer.Unavailable<>("the engine instance that holds this did not answer");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer.Unavailable<>("interrupted");
            }
            switch (response.statusCode()) {
                case 200:
                    return new Answer.Local<>(found.apply(response.body()));
                case 404:
                    return new Answer.Local<>(missing);
                case 421:
                    Optional<String> moved = response.headers().firstValue(EngineQueryServer.OWNER_HEADER);
                    if (moved.isEmpty()) {
                        return new Answer.Unavailable<>("ownership is moving between engine instances");
                    }
                    server = moved.get();
                    continue;
                case 503:
                    return new Answer.Unavailable<>(new String(response.body(), StandardCharsets.UTF_8));
                default:
                    log.warn("engine instance {} answered {} to {}", server, response.statusCode(), pathAndQuery);
                    return new Answer.Unavailable<>("the engine instance that holds this failed to answer");
            }
        }
        return new Answer.Unavailable<>("ownership is moving between engine instances");
    }

    private final class Queries implements ReservationQueries {

        @Override
        public Answer<Optional<UnitState>> unit(String eventId, String sectionId, String unitId) {
            return ask(
                    ReservationsTopology.UNITS_STORE,
                    ReservationQueries.sectionKey(eventId, sectionId),
                    "/unit" + query("event", eventId, "section", sectionId, "unit", unitId),
                    body -> Optional.of(UNITS.deserialize(null, body)),
                    Optional.empty());
        }

        @Override
        public Answer<Optional<BuyerOrders>> orders(String eventId, String buyerId) {
            return ask(
                    ReservationsTopology.ORDERS_STORE,
                    ReservationQueries.ordersKey(eventId, buyerId),
                    "/orders" + query("event", eventId, "buyer", buyerId),
                    body -> Optional.of(ORDERS.deserialize(null, body)),
                    Optional.empty());
        }

        @Override
        public Answer<List<UnitAvailability>> section(String eventId, String sectionId) {
            return ask(
                    ReservationsTopology.SECTION_AVAILABILITY_STORE,
                    ReservationQueries.sectionKey(eventId, sectionId),
                    "/section" + query("event", eventId, "section", sectionId),
                    body -> EngineQueryServer.readFrames(body).stream()
                            .map(record -> AVAILABILITY.deserialize(null, record))
                            .toList(),
                    List.of());
        }

        @Override
        public Answer<List<SectionSummary>> summaries(String eventId) {
            if (!summaries.caughtUp()) {
                return new Answer.Unavailable<>("the section counts are still being read");
            }
            String prefix = PartitionKeys.ofEvent(eventId);
            return new Answer.Local<>(summaries.all().entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(prefix))
                    .sorted(Map.Entry.comparingByKey())
                    .map(Map.Entry::getValue)
                    .toList());
        }

        @Override
        public Answer<List<SectionSummary>> allSummaries() {
            if (!summaries.caughtUp()) {
                return new Answer.Unavailable<>("the section counts are still being read");
            }
            return new Answer.Local<>(summaries.all().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(Map.Entry::getValue)
                    .toList());
        }
    }
}
