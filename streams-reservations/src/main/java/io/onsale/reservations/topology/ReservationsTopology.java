package io.onsale.reservations.topology;

import io.onsale.kafka.codec.AvroSerdes;
import io.onsale.kafka.topics.SectionPartitioning;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitState;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

/**
 * The reservation engine's topology, built by one side-effect-free function that the standalone app, the
 * edge and the tests all call. Every source, processor, store and sink is named. ADR 0009: every unit key is
 * partitioned by its section, so one task decides everything about a section's units, and an order for one section
 * is answered by that task, one commit after the buyer asked.
 *
 * <pre>
 * event-config ──► explode-event-config ─┬─► event-catalog            (validated configs → global store "events")
 *                                        └─► reservation-requests     (one CONFIGURE per unit)
 * hold-requests ─────────┐  (orders for one section: the common case)
 * reservation-requests ──┼► decide-section [units, unit-expiry-index, ─┬─► order-events        (answers to hold-requests)
 * section-requests ──────┘   section-availability, placed-orders]      ├─► reservation-events  (every unit decision)
 *        ▲             (punctuators: due holds → EXPIRE; summaries)   ├─► order-updates       (decisions for the books)
 *        │                                                             ├─► section-summaries   (→ global store)
 *        │                                                             ├─► reservation-requests (EXPIRE)
 *        │                                                             └─► order-requests      (retries, for the books)
 * order-requests ─┐
 * order-updates ──┴► decide-order [orders, finished-orders] ─┬─► reservation-requests (HOLD / CONFIRM / RELEASE per unit)
 *                  (punctuator: archived orders past 24 h)    ├─► section-requests     (ALLOCATE, for orders that span sections)
 *                                                             └─► order-events         (confirms, cancels, expiries, multi-section orders)
 * </pre>
 */
public final class ReservationsTopology {

    public static final String UNITS_STORE = "units";
    public static final String UNIT_EXPIRY_INDEX_STORE = "unit-expiry-index";
    public static final String ORDERS_STORE = "orders";
    public static final String FINISHED_ORDERS_STORE = "finished-orders";
    public static final String PLACED_ORDERS_STORE = "placed-orders";
    public static final String SECTION_AVAILABILITY_STORE = "section-availability";
    public static final String EVENTS_STORE = "events";
    public static final String EXPLODED_CONFIGS_STORE = "exploded-configs";
    public static final String SECTION_SUMMARIES_STORE = "section-summaries";

    static final String EVENT_CONFIG_SOURCE = "event-config-source";
    static final String EXPLODE_EVENT_CONFIG = "explode-event-config";
    static final String EVENT_CATALOG_SINK = "event-catalog-sink";
    static final String CONFIGURE_UNITS_SINK = "configure-units-sink";

    static final String ORDER_REQUESTS_SOURCE = "order-requests-source";
    static final String ORDER_UPDATES_SOURCE = "order-updates-source";
    static final String DECIDE_ORDER = "decide-order";
    static final String ORDER_UNIT_COMMANDS_SINK = "order-unit-commands-sink";
    static final String ALLOCATE_SINK = "allocate-sink";
    static final String ORDER_EVENTS_SINK = "order-events-sink";

    static final String RESERVATION_REQUESTS_SOURCE = "reservation-requests-source";
    static final String SECTION_REQUESTS_SOURCE = "section-requests-source";
    static final String HOLD_REQUESTS_SOURCE = "hold-requests-source";
    static final String DECIDE_SECTION = "decide-section";
    static final String RESERVATION_EVENTS_SINK = "reservation-events-sink";
    static final String ORDER_UPDATES_SINK = "order-updates-sink";
    static final String ORDER_ANSWERS_SINK = "order-answers-sink";
    static final String EXPIRE_HOLDS_SINK = "expire-holds-sink";
    static final String SECTION_SUMMARIES_SINK = "section-summaries-sink";
    static final String RETRIES_TO_BOOKS_SINK = "retries-to-books-sink";

    static final String EVENT_CATALOG_SOURCE = "event-catalog-source";
    static final String EVENTS_UPDATER = "events-updater";
    static final String SECTION_SUMMARIES_SOURCE = "section-summaries-source";
    static final String SECTION_SUMMARIES_UPDATER = "section-summaries-updater";

    private ReservationsTopology() {}

    public static Topology build(Topics topics) {
        return build(topics, eventId -> {});
    }

    /**
     * @param catalogChanged told, on the global thread, the id of each event whose config this instance's catalogue
     *                       ({@link #EVENTS_STORE}) has just taken in, so callers may drop what they decoded from it
     */
    public static Topology build(Topics topics, Consumer<String> catalogChanged) {
        Topology topology = new Topology();
        // Shared by every order task of this topology and kept current by the catalogue's updater.
        EventRulesCache eventRules = new EventRulesCache(System::nanoTime);
        Serde<String> keys = Serdes.String();
        Serializer<String> keyOut = keys.serializer();
        TopicSpec<String, EventConfig> eventCatalog = topics.eventCatalog();
        String reservationRequests = topics.reservationRequests().name();
        Serializer<Object> reservationCommands =
                erase(topics.reservationRequests().valueSerde().serializer());
        Serializer<Object> sectionCommands =
                erase(topics.sectionRequests().valueSerde().serializer());
        Serializer<Object> orderUpdates =
                erase(topics.orderUpdates().valueSerde().serializer());

        topology.addSource(
                EVENT_CONFIG_SOURCE,
                keys.deserializer(),
                topics.eventConfig().valueSerde().deserializer(),
                topics.eventConfig().name());
        topology.addProcessor(EXPLODE_EVENT_CONFIG, EventConfigExploder::new, EVENT_CONFIG_SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(EXPLODED_CONFIGS_STORE),
                                keys,
                                AvroSerdes.of(EventConfig.class))
                        .withLoggingEnabled(Map.of(
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(TopicSpec.LARGE_MESSAGE_BYTES))),
                EXPLODE_EVENT_CONFIG);
        topology.addSink(
                EVENT_CATALOG_SINK,
                eventCatalog.name(),
                keyOut,
                erase(eventCatalog.valueSerde().serializer()),
                EXPLODE_EVENT_CONFIG);
        topology.addSink(
                CONFIGURE_UNITS_SINK,
                reservationRequests,
                keyOut,
                reservationCommands,
                BY_SECTION,
                EXPLODE_EVENT_CONFIG);

        // Orders that span sections, and everything after a hold (confirm, cancel, expiry): the buyer's books.
        topology.addSource(
                ORDER_REQUESTS_SOURCE,
                keys.deserializer(),
                topics.orderRequests().valueSerde().deserializer(),
                topics.orderRequests().name());
        topology.addSource(
                ORDER_UPDATES_SOURCE,
                keys.deserializer(),
                topics.orderUpdates().valueSerde().deserializer(),
                topics.orderUpdates().name());
        topology.addProcessor(
                DECIDE_ORDER, () -> new OrderProcessor(eventRules), ORDER_REQUESTS_SOURCE, ORDER_UPDATES_SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(ORDERS_STORE), keys, AvroSerdes.of(BuyerOrders.class)),
                DECIDE_ORDER);
        // Ended orders that left their buyer's bounded record, one per key, for retries (ADR 0015).
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(FINISHED_ORDERS_STORE), keys, AvroSerdes.of(BuyerOrders.class)),
                DECIDE_ORDER);
        topology.addSink(
                ORDER_UNIT_COMMANDS_SINK, reservationRequests, keyOut, reservationCommands, BY_SECTION, DECIDE_ORDER);
        topology.addSink(ALLOCATE_SINK, topics.sectionRequests().name(), keyOut, sectionCommands, DECIDE_ORDER);
        topology.addSink(
                ORDER_EVENTS_SINK,
                topics.orderEvents().name(),
                keyOut,
                erase(topics.orderEvents().valueSerde().serializer()),
                DECIDE_ORDER);

        // Sections: the single authority on every seat and zone, and the place an order for one section is answered.
        topology.addSource(
                RESERVATION_REQUESTS_SOURCE,
                keys.deserializer(),
                topics.reservationRequests().valueSerde().deserializer(),
                reservationRequests);
        topology.addSource(
                SECTION_REQUESTS_SOURCE,
                keys.deserializer(),
                topics.sectionRequests().valueSerde().deserializer(),
                topics.sectionRequests().name());
        topology.addSource(
                HOLD_REQUESTS_SOURCE,
                keys.deserializer(),
                topics.holdRequests().valueSerde().deserializer(),
                topics.holdRequests().name());
        topology.addProcessor(
                DECIDE_SECTION,
                SectionProcessor::new,
                RESERVATION_REQUESTS_SOURCE,
                SECTION_REQUESTS_SOURCE,
                HOLD_REQUESTS_SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(UNITS_STORE), keys, AvroSerdes.of(UnitState.class)),
                DECIDE_SECTION);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(UNIT_EXPIRY_INDEX_STORE), keys, Serdes.String()),
                DECIDE_SECTION);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(SECTION_AVAILABILITY_STORE),
                        keys,
                        AvroSerdes.of(UnitAvailability.class)),
                DECIDE_SECTION);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(PLACED_ORDERS_STORE), keys, AvroSerdes.of(OrderEvent.class)),
                DECIDE_SECTION);
        topology.addSink(
                RESERVATION_EVENTS_SINK,
                topics.reservationEvents().name(),
                keyOut,
                erase(topics.reservationEvents().valueSerde().serializer()),
                DECIDE_SECTION);
        topology.addSink(ORDER_UPDATES_SINK, topics.orderUpdates().name(), keyOut, orderUpdates, DECIDE_SECTION);
        topology.addSink(
                ORDER_ANSWERS_SINK,
                topics.orderEvents().name(),
                keyOut,
                erase(topics.orderEvents().valueSerde().serializer()),
                DECIDE_SECTION);
        topology.addSink(
                EXPIRE_HOLDS_SINK, reservationRequests, keyOut, reservationCommands, BY_SECTION, DECIDE_SECTION);
        topology.addSink(
                SECTION_SUMMARIES_SINK,
                topics.sectionSummaries().name(),
                keyOut,
                erase(topics.sectionSummaries().valueSerde().serializer()),
                DECIDE_SECTION);
        topology.addSink(
                RETRIES_TO_BOOKS_SINK,
                topics.orderRequests().name(),
                keyOut,
                erase(topics.orderRequests().valueSerde().serializer()),
                DECIDE_SECTION);

        // Global stores are read-only copies of their compacted topics on every instance; they need no changelog.
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(EVENTS_STORE), keys, AvroSerdes.of(EventConfig.class))
                        .withLoggingDisabled(),
                EVENT_CATALOG_SOURCE,
                keys.deserializer(),
                eventCatalog.valueSerde().deserializer(),
                eventCatalog.name(),
                EVENTS_UPDATER,
                () -> new GlobalStoreUpdater<String, EventConfig>(EVENTS_STORE, eventId -> {
                    eventRules.invalidate(eventId);
                    catalogChanged.accept(eventId);
                }));
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(SECTION_SUMMARIES_STORE),
                                keys,
                                AvroSerdes.of(SectionSummary.class))
                        .withLoggingDisabled(),
                SECTION_SUMMARIES_SOURCE,
                keys.deserializer(),
                topics.sectionSummaries().valueSerde().deserializer(),
                topics.sectionSummaries().name(),
                SECTION_SUMMARIES_UPDATER,
                () -> new GlobalStoreUpdater<>(SECTION_SUMMARIES_STORE));
        return topology;
    }

    /** Unit keys go where their section lives ({@link SectionPartitioning}). */
    static final StreamPartitioner<String, Object> BY_SECTION =
            (topic, key, value, partitions) -> Optional.of(Set.of(SectionPartitioning.partition(key, partitions)));

    /** Processors forward several value types to several sinks; each sink only ever sees its own type. */
    @SuppressWarnings("unchecked")
    private static <T> Serializer<Object> erase(Serializer<T> serializer) {
        return (Serializer<Object>) serializer;
    }
}
