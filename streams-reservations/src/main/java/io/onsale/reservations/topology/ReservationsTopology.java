package io.onsale.reservations.topology;

import io.onsale.kafka.codec.AvroSerdes;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.UnitState;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The reservation engine's topology, built by one side-effect-free function that the standalone app, the
 * edge and the tests all call. Every source, processor, store and sink is named.
 *
 * <pre>
 * event-config ─► explode-event-config ─┬─► event-catalog          (validated configs, read as global store "events")
 *                                       └─► reservation-requests   (one CONFIGURE per unit)
 * reservation-requests ─► decide-unit [units] ─► reservation-events
 * event-catalog ─► (global) events
 * </pre>
 */
public final class ReservationsTopology {

    public static final String UNITS_STORE = "units";
    public static final String EVENTS_STORE = "events";

    static final String EVENT_CONFIG_SOURCE = "event-config-source";
    static final String EXPLODE_EVENT_CONFIG = "explode-event-config";
    static final String EVENT_CATALOG_SINK = "event-catalog-sink";
    static final String CONFIGURE_UNITS_SINK = "configure-units-sink";
    static final String RESERVATION_REQUESTS_SOURCE = "reservation-requests-source";
    static final String DECIDE_UNIT = "decide-unit";
    static final String RESERVATION_EVENTS_SINK = "reservation-events-sink";
    static final String EVENT_CATALOG_SOURCE = "event-catalog-source";
    static final String EVENTS_UPDATER = "events-updater";

    private ReservationsTopology() {
    }

    public static Topology build(Topics topics) {
        Topology topology = new Topology();

        TopicSpec<String, EventConfig> eventConfig = topics.eventConfig();
        TopicSpec<String, EventConfig> eventCatalog = topics.eventCatalog();
        TopicSpec<String, ReservationCommand> requests = topics.reservationRequests();
        Serde<String> keys = Serdes.String();

        topology.addSource(EVENT_CONFIG_SOURCE, keys.deserializer(), eventConfig.valueSerde().deserializer(), eventConfig.name());
        topology.addProcessor(EXPLODE_EVENT_CONFIG, EventConfigExploder::new, EVENT_CONFIG_SOURCE);
        topology.addSink(EVENT_CATALOG_SINK, eventCatalog.name(), keys.serializer(),
                erase(eventCatalog.valueSerde().serializer()), EXPLODE_EVENT_CONFIG);
        topology.addSink(CONFIGURE_UNITS_SINK, requests.name(), keys.serializer(), erase(requests.valueSerde().serializer()),
                EXPLODE_EVENT_CONFIG);

        topology.addSource(RESERVATION_REQUESTS_SOURCE, keys.deserializer(), requests.valueSerde().deserializer(),
                requests.name());
        topology.addProcessor(DECIDE_UNIT, UnitProcessor::new, RESERVATION_REQUESTS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(UNITS_STORE), keys,
                AvroSerdes.of(UnitState.class)), DECIDE_UNIT);
        topology.addSink(RESERVATION_EVENTS_SINK, topics.reservationEvents().name(), keys.serializer(),
                topics.reservationEvents().valueSerde().serializer(), DECIDE_UNIT);

        // The global store is a read-only copy of validated configs on every instance; it needs no changelog.
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EVENTS_STORE), keys,
                        AvroSerdes.of(EventConfig.class)).withLoggingDisabled(),
                EVENT_CATALOG_SOURCE, keys.deserializer(), eventCatalog.valueSerde().deserializer(), eventCatalog.name(),
                EVENTS_UPDATER, () -> new GlobalStoreUpdater<>(EVENTS_STORE));
        return topology;
    }

    /** The exploder forwards two value types to two sinks; each sink only ever sees its own type. */
    @SuppressWarnings("unchecked")
    private static <T> Serializer<Object> erase(Serializer<T> serializer) {
        return (Serializer<Object>) serializer;
    }
}
