package io.onsale.kafka.topics;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a unit's commands live: a unit key {@code eventId|sectionId|unitId} goes to the partition its section key
 * {@code eventId|sectionId} would get from Kafka's default partitioner. Every unit of a section, and every record keyed
 * by the section itself ({@code hold-requests}, {@code section-requests}), is then decided by one task, so an order
 * for several seats of a section, a best-available pick and the loser's alternatives are one step (ADR 0009). The key
 * stays the unit's, so the log still reads per unit.
 *
 * <p>Every producer of {@code reservation-requests} must partition with this: Streams sinks through the engine's
 * stream partitioner, plain producers through this class as their {@code partitioner.class}.
 */
public final class SectionPartitioning implements Partitioner {

    /** The section part of a unit key (the key itself when it has no unit part). */
    public static String sectionOf(String key) {
        int first = key.indexOf(PartitionKeys.SEPARATOR);
        int second = first < 0 ? -1 : key.indexOf(PartitionKeys.SEPARATOR, first + 1);
        return second < 0 ? key : key.substring(0, second);
    }

    /** The partition of a unit key, or of a section key, among {@code partitions}. */
    public static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(sectionOf(key).getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (!(key instanceof String unitKey)) {
            throw new IllegalArgumentException("reservation commands are keyed by a unit key string, got " + key);
        }
        return partition(unitKey, cluster.partitionCountForTopic(topic));
    }

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public void close() {}
}
