package io.onsale.queue.topology;

import io.onsale.schema.config.EventConfig;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the waiting room's copy of the validated event catalogue: put on a config, delete on a tombstone. The room
 * needs only the queue policy and the sale-open time, so the sections are dropped: every tick reads the config of
 * every room, and must not decode a 60,000-seat venue to do it. (Streams runs this processor on restore too, so
 * the store never holds the full configs.)
 */
final class CatalogUpdater implements Processor<String, EventConfig, Void, Void> {

    private KeyValueStore<String, EventConfig> catalog;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        catalog = context.getStateStore(WaitingRoomTopology.CATALOG_STORE);
    }

    @Override
    public void process(Record<String, EventConfig> record) {
        if (record.value() == null) {
            catalog.delete(record.key());
        } else {
            catalog.put(
                    record.key(),
                    EventConfig.newBuilder(record.value())
                            .setSections(List.of())
                            .build());
        }
    }
}
