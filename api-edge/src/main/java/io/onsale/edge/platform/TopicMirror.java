package io.onsale.edge.platform;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic held whole in memory, key to latest value, read committed from its beginning: what an edge that
 * does not run the engine keeps of the engine's global stores (the event catalogue, the section counts). Caught up
 * once it has read everything that was committed when it started; a tombstone removes its key.
 */
final class TopicMirror<V> extends CommittedTopicReader {

    private static final Logger log = LoggerFactory.getLogger(TopicMirror.class);

    private final String topic;
    private final Deserializer<V> values;
    private final BiConsumer<String, V> changed;
    private final Map<String, V> latest = new ConcurrentHashMap<>();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile Map<TopicPartition, Long> endsAtStart = Map.of();
    private volatile boolean caughtUp;

    /** @param changed told of each key read (value {@code null} when removed), on the reader's thread */
    TopicMirror(
            KafkaSettings settings, String topic, Deserializer<V> values, String name, BiConsumer<String, V> changed) {
        super(settings, name);
        this.topic = topic;
        this.values = values;
        this.changed = changed;
    }

    V get(String key) {
        return latest.get(key);
    }

    Map<String, V> all() {
        return latest;
    }

    boolean caughtUp() {
        return caughtUp;
    }

    long unreadable() {
        return unreadable.get();
    }

    @Override
    protected void position(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        endsAtStart = consumer.endOffsets(partitions);
    }

    @Override
    protected void accept(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            latest.remove(record.key());
            changed.accept(record.key(), null);
            return;
        }
        V value;
        try {
            value = values.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            // The engine sent it to its dead-letter topic too; here it is counted and skipped, never fatal.
            unreadable.incrementAndGet();
            log.warn(
                    "unreadable record {} at {}-{}@{}: {}",
                    record.key(),
                    topic,
                    record.partition(),
                    record.offset(),
                    e.toString());
            return;
        }
        latest.put(record.key(), value);
        changed.accept(record.key(), value);
    }

    @Override
    protected void afterPoll(KafkaConsumer<String, byte[]> consumer) {
        if (!caughtUp) {
            caughtUp =
                    endsAtStart.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        }
    }

    @Override
    protected String whenFailed() {
        return "'" + topic + "' is no longer mirrored here: readiness turns DOWN";
    }
}
