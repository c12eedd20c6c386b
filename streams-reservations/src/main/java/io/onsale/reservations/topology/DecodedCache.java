package io.onsale.reservations.topology;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last values a processor wrote to its own store, kept decoded. A processor is the only writer of its task's
 * store, so what it wrote is what the store holds; reading it back would decode Avro again for every command of
 * a hot unit (a race is thousands of commands for one seat). Created in {@code init}, so a task that is revived
 * or moved starts empty and reads the restored store.
 */
final class DecodedCache<V> {

    static final int DEFAULT_ENTRIES = 20_000;

    private final Map<String, V> entries;

    DecodedCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The value, decoded, or {@code null} when this cache does not know it (not when the store does not). */
    V get(String key) {
        return entries.get(key);
    }

    void put(String key, V value) {
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
    }
}
