package io.onsale.reservations.topology;

import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store equal to its compacted topic: put on a value, delete on a tombstone; then tells whoever keeps
 * decoded copies of the store's values that this key changed.
 */
final class GlobalStoreUpdater<K, V> implements Processor<K, V, Void, Void> {

    private final String storeName;
    private final Consumer<K> changed;
    private KeyValueStore<K, V> store;

    GlobalStoreUpdater(String storeName) {
        this(storeName, key -> {});
    }

    GlobalStoreUpdater(String storeName, Consumer<K> changed) {
        this.storeName = storeName;
        this.changed = changed;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<K, V> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        changed.accept(record.key());
    }
}
