package io.onsale.queue.topology;

import io.onsale.kafka.codec.AvroSerdes;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueuePlace;
import io.onsale.schema.queue.QueueRoom;
import io.onsale.schema.reservation.SectionSummary;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The waiting room's topology, built by one side-effect-free function that the standalone app, the edge and the
 * tests all call. Every source, processor, store and sink is named.
 *
 * <pre>
 * queue-requests ─► decide-queue [queue-rooms, queue-places, queue-positions, queue-presale-entries, queue-windows]
 *                       │  (wall-clock tick every second: draw, close windows, serve a batch)
 *                       ├─► queue-events    (answers by request id, admitted batches, mode changes, the draw)
 *                       └─► queue-progress  (compacted, per event)
 * order-events ─► route-checkout-ends ─► queue-requests   (CHECKOUT_ENDED, key eventId)
 * event-catalog ─► (global) queue-event-catalog
 * section-summaries ─► (global) queue-section-summaries   (read at each tick: sold out / inventory back)
 * </pre>
 */
public final class WaitingRoomTopology {

    /** How often every room is ticked: the size of a metered batch is the admit rate times this. */
    public static final Duration TICK = Duration.ofSeconds(1);

    /** Custom metrics: group {@code stream-waiting-room-metrics}, {@code join-*}, {@code admission-*}, {@code slot-release-*}. */
    public static final String METRICS_SCOPE = "waiting-room";

    public static final String ROOMS_STORE = "queue-rooms";
    public static final String PLACES_STORE = "queue-places";
    public static final String POSITIONS_STORE = "queue-positions";
    public static final String PRESALE_STORE = "queue-presale-entries";
    public static final String WINDOWS_STORE = "queue-windows";
    public static final String CATALOG_STORE = "queue-event-catalog";
    public static final String SUMMARIES_STORE = "queue-section-summaries";

    static final String QUEUE_REQUESTS_SOURCE = "queue-requests-source";
    static final String DECIDE_QUEUE = "decide-queue";
    static final String QUEUE_EVENTS_SINK = "queue-events-sink";
    static final String QUEUE_PROGRESS_SINK = "queue-progress-sink";
    static final String ORDER_EVENTS_SOURCE = "queue-order-events-source";
    static final String ROUTE_CHECKOUT_ENDS = "route-checkout-ends";
    static final String CHECKOUT_ENDS_SINK = "checkout-ends-sink";
    static final String CATALOG_SOURCE = "queue-event-catalog-source";
    static final String CATALOG_UPDATER = "queue-event-catalog-updater";
    static final String SUMMARIES_SOURCE = "queue-section-summaries-source";
    static final String SUMMARIES_UPDATER = "queue-section-summaries-updater";

    private WaitingRoomTopology() {}

    public static Topology build(Topics topics) {
        Topology topology = new Topology();
        Serde<String> keys = Serdes.String();
        TopicSpec<String, QueueCommand> requests = topics.queueRequests();
        TopicSpec<String, OrderEvent> orderEvents = topics.orderEvents();
        TopicSpec<String, EventConfig> eventCatalog = topics.eventCatalog();

        topology.addSource(
                QUEUE_REQUESTS_SOURCE,
                keys.deserializer(),
                requests.valueSerde().deserializer(),
                requests.name());
        topology.addProcessor(DECIDE_QUEUE, WaitingRoomProcessor::new, QUEUE_REQUESTS_SOURCE);
        // The room is rewritten on every join: caching folds those writes into one changelog record per commit.
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(ROOMS_STORE), keys, AvroSerdes.of(QueueRoom.class))
                        .withCachingEnabled(),
                DECIDE_QUEUE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(PLACES_STORE), keys, AvroSerdes.of(QueuePlace.class)),
                DECIDE_QUEUE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POSITIONS_STORE), keys, keys), DECIDE_QUEUE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PRESALE_STORE), keys, keys), DECIDE_QUEUE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOWS_STORE), keys, keys), DECIDE_QUEUE);
        topology.addSink(
                QUEUE_EVENTS_SINK,
                topics.queueEvents().name(),
                keys.serializer(),
                erase(topics.queueEvents().valueSerde().serializer()),
                DECIDE_QUEUE);
        topology.addSink(
                QUEUE_PROGRESS_SINK,
                topics.queueProgress().name(),
                keys.serializer(),
                erase(topics.queueProgress().valueSerde().serializer()),
                DECIDE_QUEUE);

        topology.addSource(
                ORDER_EVENTS_SOURCE,
                keys.deserializer(),
                orderEvents.valueSerde().deserializer(),
                orderEvents.name());
        topology.addProcessor(ROUTE_CHECKOUT_ENDS, CheckoutEndRouter::new, ORDER_EVENTS_SOURCE);
        topology.addSink(
                CHECKOUT_ENDS_SINK,
                requests.name(),
                keys.serializer(),
                requests.valueSerde().serializer(),
                ROUTE_CHECKOUT_ENDS);

        // A read-only copy of the validated configs on every instance; it needs no changelog.
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(CATALOG_STORE), keys, AvroSerdes.of(EventConfig.class))
                        .withLoggingDisabled(),
                CATALOG_SOURCE,
                keys.deserializer(),
                eventCatalog.valueSerde().deserializer(),
                eventCatalog.name(),
                CATALOG_UPDATER,
                CatalogUpdater::new);
        // The reservation engine's live counts per section: each tick asks whether anything of the event is left.
        TopicSpec<String, SectionSummary> summaries = topics.sectionSummaries();
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(SUMMARIES_STORE), keys, summaries.valueSerde())
                        .withLoggingDisabled(),
                SUMMARIES_SOURCE,
                keys.deserializer(),
                summaries.valueSerde().deserializer(),
                summaries.name(),
                SUMMARIES_UPDATER,
                SectionSummaryUpdater::new);
        return topology;
    }

    /** The room forwards two value types to two sinks; each sink only ever sees its own type. */
    @SuppressWarnings("unchecked")
    private static <T> Serializer<Object> erase(Serializer<T> serializer) {
        return (Serializer<Object>) serializer;
    }
}
