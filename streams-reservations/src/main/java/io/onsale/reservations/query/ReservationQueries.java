package io.onsale.reservations.query;

import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitState;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Queries on the engine's state for whoever answers buyers (the edge): a unit, a buyer's orders, a section's seats, an
 * event's section counts. Answered by the engine's own Streams instance where it runs in the same process
 * ({@link #of}), or by asking the engine's processes over their query endpoints ({@link EngineQueryServer}) where
 * it does not. Each answer says where the truth is right now, never a guess.
 */
public interface ReservationQueries {

    /** Where the answer to a query is. */
    sealed interface Answer<T> {
        /** The value, as committed by the instance that owns the key. */
        record Local<T>(T value) implements Answer<T> {}

        /** Another instance owns the key: ask it. */
        record Remote<T>(HostInfo host) implements Answer<T> {}

        /** Nobody can answer right now; the caller should say so and let the client retry. */
        record Unavailable<T>(String why) implements Answer<T> {}
    }

    Answer<Optional<UnitState>> unit(String eventId, String sectionId, String unitId);

    Answer<Optional<BuyerOrders>> orders(String eventId, String buyerId);

    /** Every unit of a section as the section allocator sees it. */
    Answer<List<UnitAvailability>> section(String eventId, String sectionId);

    /** The counts of every section of an event (every instance holds them all). */
    Answer<List<SectionSummary>> summaries(String eventId);

    /** The counts of every section of every event (for gauges). */
    Answer<List<SectionSummary>> allSummaries();

    /**
     * Answered from {@code streams}' own stores.
     *
     * @param self this instance's {@code application.server}, or {@code null} when it runs alone
     */
    static ReservationQueries of(KafkaStreams streams, HostInfo self) {
        return new StoreQueries(streams, self);
    }

    /** The key that finds the owner of a buyer's orders (the orders store's partitioning key). */
    static String ordersKey(String eventId, String buyerId) {
        return PartitionKeys.order(eventId, buyerId);
    }

    /** The key that finds the owner of a section and of its units: units are partitioned by their section. */
    static String sectionKey(String eventId, String sectionId) {
        return PartitionKeys.section(eventId, sectionId);
    }
}
