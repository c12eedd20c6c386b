package io.onsale.reservations.query;

import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link ReservationQueries} answered from this process's own Kafka Streams instance: each answer says where the truth
 * is right now (here, on another instance's {@code application.server}, or nowhere for the moment) and never guesses
 * from a store this instance does not own.
 */
final class StoreQueries implements ReservationQueries {
    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;

    /** @param self this instance's {@code application.server}, or {@code null} when it runs alone */
    StoreQueries(KafkaStreams streams, HostInfo self) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.self = self == null ? HostInfo.unavailable() : self;
    }

    @Override
    public Answer<Optional<UnitState>> unit(String eventId, String sectionId, String unitId) {
        String key = PartitionKeys.unit(eventId, sectionId, unitId);
        // Unit keys are partitioned by their section (SectionPartitioning): the section key finds the owner.
        return byKey(
                ReservationsTopology.UNITS_STORE,
                ReservationQueries.sectionKey(eventId, sectionId),
                store -> Optional.ofNullable(store.<UnitState>get(key)));
    }

    @Override
    public Answer<Optional<BuyerOrders>> orders(String eventId, String buyerId) {
        String key = ReservationQueries.ordersKey(eventId, buyerId);
        return byKey(ReservationsTopology.ORDERS_STORE, key, store -> Optional.ofNullable(store.<BuyerOrders>get(key)));
    }

    /** Every unit of a section as the section allocator sees it: one prefix scan on the section's owner. */
    @Override
    public Answer<List<UnitAvailability>> section(String eventId, String sectionId) {
        String sectionKey = ReservationQueries.sectionKey(eventId, sectionId);
        return byKey(ReservationsTopology.SECTION_AVAILABILITY_STORE, sectionKey, store -> {
            List<UnitAvailability> units = new ArrayList<>();
            try (KeyValueIterator<String, UnitAvailability> scan =
                    store.<UnitAvailability>prefixScan(PartitionKeys.under(sectionKey), KEYS)) {
                scan.forEachRemaining(entry -> units.add(entry.value));
            }
            return units;
        });
    }

    /** The counts of every section of an event; a global store, so every running instance answers. */
    @Override
    public Answer<List<SectionSummary>> summaries(String eventId) {
        return summaries(store -> store.prefixScan(PartitionKeys.ofEvent(eventId), KEYS));
    }

    /** The counts of every section of every event (for gauges): the same global store, read whole. */
    @Override
    public Answer<List<SectionSummary>> allSummaries() {
        return summaries(ReadOnlyKeyValueStore::all);
    }

    private Answer<List<SectionSummary>> summaries(
            Function<ReadOnlyKeyValueStore<String, SectionSummary>, KeyValueIterator<String, SectionSummary>> scan) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new Answer.Unavailable<>("the reservation state is " + streams.state());
        }
        try {
            ReadOnlyKeyValueStore<String, SectionSummary> store = streams.store(StoreQueryParameters.fromNameAndType(
                    ReservationsTopology.SECTION_SUMMARIES_STORE, QueryableStoreTypes.keyValueStore()));
            List<SectionSummary> summaries = new ArrayList<>();
            try (KeyValueIterator<String, SectionSummary> entries = scan.apply(store)) {
                entries.forEachRemaining(entry -> summaries.add(entry.value));
            }
            return new Answer.Local<>(summaries);
        } catch (InvalidStateStoreException e) {
            return new Answer.Unavailable<>("section summaries are not queryable right now: " + e.getMessage());
        }
    }

    private <T> Answer<T> byKey(String storeName, String key, Function<Store, T> read) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new Answer.Unavailable<>("the reservation state is " + streams.state());
        }
        if (self.equals(HostInfo.unavailable())) {
            return local(storeName, null, read); // running alone: every partition is here
        }
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(storeName, key, KEYS);
        } catch (IllegalStateException e) {
            return new Answer.Unavailable<>(
                    "ownership of '" + storeName + "' is not known right now: " + e.getMessage());
        }
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return new Answer.Unavailable<>("no instance owns '" + key + "' in '" + storeName + "' right now");
        }
        if (!owner.activeHost().equals(self)) {
            return new Answer.Remote<>(owner.activeHost());
        }
        return local(storeName, owner.partition(), read);
    }

    private <T> Answer<T> local(String storeName, Integer partition, Function<Store, T> read) {
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> parameters =
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore());
            ReadOnlyKeyValueStore<String, Object> store =
                    streams.store(partition == null ? parameters : parameters.withPartition(partition));
            return new Answer.Local<>(read.apply(new Store(store)));
        } catch (InvalidStateStoreException e) {
            return new Answer.Unavailable<>("'" + storeName + "' is moving between instances: " + e.getMessage());
        }
    }

    /** A typed view of one partition's store. */
    private record Store(ReadOnlyKeyValueStore<String, Object> store) {
        @SuppressWarnings("unchecked")
        <V> V get(String key) {
            return (V) store.get(key);
        }

        @SuppressWarnings("unchecked")
        <V> KeyValueIterator<String, V> prefixScan(String prefix, StringSerializer keys) {
            return (KeyValueIterator<String, V>) (KeyValueIterator<String, ?>) store.prefixScan(prefix, keys);
        }
    }
}
