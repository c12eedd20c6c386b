package io.onsale.kafka.topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic as the platform expects it: its name on the wire, the serdes of its keys and values, and
 * how it is created. Retention {@code null} means the broker keeps records forever (compacted topics);
 * {@code maxMessageBytes} 0 means the broker's default.
 */
public record TopicSpec<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Duration retention,
        int maxMessageBytes) {

    /** Large enough for the config of a 60,000-seat event; the broker default (1 MiB) is not. */
    public static final int LARGE_MESSAGE_BYTES = 4 * 1024 * 1024;

    public TopicSpec(
            String name,
            Serde<K> keySerde,
            Serde<V> valueSerde,
            int partitions,
            CleanupPolicy cleanupPolicy,
            Duration retention) {
        this(name, keySerde, valueSerde, partitions, cleanupPolicy, retention, 0);
    }

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition");
        }
    }

    /** Topic configs set when the provisioner creates the topic. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.config());
        configs.put(TopicConfig.RETENTION_MS_CONFIG, retention == null ? "-1" : Long.toString(retention.toMillis()));
        if (maxMessageBytes > 0) {
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        }
        return configs;
    }
}
