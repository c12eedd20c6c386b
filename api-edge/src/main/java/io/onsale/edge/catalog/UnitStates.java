package io.onsale.edge.catalog;

import io.onsale.edge.platform.ReservationsStreams;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.reservation.UnitState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.stereotype.Component;

/**
 * Reads unit state from this instance's {@code units} store. One instance holds every partition today;
 * routing reads to the instance that owns a key is the edge issue's next step.
 */
@Component
public class UnitStates {

    private final ReservationsStreams streams;

    UnitStates(ReservationsStreams streams) {
        this.streams = streams;
    }

    public List<UnitState> inSection(String eventId, String sectionId) {
        ReadOnlyKeyValueStore<String, UnitState> units =
                streams.store(ReservationsTopology.UNITS_STORE, QueryableStoreTypes.keyValueStore());
        List<UnitState> found = new ArrayList<>();
        try (KeyValueIterator<String, UnitState> iterator =
                     units.prefixScan(eventId + "|" + sectionId + "|", new StringSerializer())) {
            iterator.forEachRemaining(entry -> found.add(entry.value));
        }
        return found;
    }
}
