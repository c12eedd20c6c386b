package io.onsale.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw producer rate: as many records as asked, as fast as one producer sends them, with the settings the
 * platform's producers use (acks=all, idempotent, linger 5 ms). Timed from the first send to the moment every
 * record is acknowledged.
 */
final class ProducerBaseline {

    /** @param bytesPerRecord key and value bytes of one record */
    record Result(
            long records,
            int valueBytes,
            long bytesPerRecord,
            double seconds,
            double recordsPerSecond,
            double megabytesPerSecond) {}

    private ProducerBaseline() {}

    static Map<String, Object> producerSettings(String bootstrapServers) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return settings;
    }

    /** Random values of {@code valueBytes}, keys as many distinct unit keys as {@code keys} gives. */
    static Result run(String bootstrapServers, String topic, int records, int valueBytes, IntFunction<String> keys) {
        byte[] value = new byte[valueBytes];
        new Random(42).nextBytes(value);
        Sent sent = send(bootstrapServers, topic, records, keys, i -> value, new ByteArraySerializer());
        double seconds = sent.nanos() / 1e9;
        long perRecord = sent.bytes() / Math.max(1, records);
        return new Result(records, valueBytes, perRecord, seconds, records / seconds, sent.bytes() / seconds / 1e6);
    }

    /** Key and value bytes sent, and the time from the first send to the last acknowledgement. */
    record Sent(long bytes, long nanos) {}

    /** Sends {@code records} records and returns once all are acknowledged; fails on the first error. */
    static <V> Sent send(
            String bootstrapServers,
            String topic,
            int records,
            IntFunction<String> keys,
            IntFunction<V> values,
            Serializer<V> valueSerializer) {
        return send(bootstrapServers, topic, records, keys, values, valueSerializer, Map.of());
    }

    /** As above, with producer settings of the topic's own ({@code partitioner.class} for reservation commands). */
    static <V> Sent send(
            String bootstrapServers,
            String topic,
            int records,
            IntFunction<String> keys,
            IntFunction<V> values,
            Serializer<V> valueSerializer,
            Map<String, Object> topicSettings) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong bytes = new AtomicLong();
        long nanos;
        Map<String, Object> settings = producerSettings(bootstrapServers);
        settings.putAll(topicSettings);
        try (KafkaProducer<String, V> producer =
                new KafkaProducer<>(settings, new StringSerializer(), valueSerializer)) {
            producer.partitionsFor(topic); // metadata first: the clock measures sending, not connecting
            long start = System.nanoTime();
            for (int i = 0; i < records && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, keys.apply(i), values.apply(i)), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        bytes.addAndGet(Math.max(0, metadata.serializedKeySize())
                                + Math.max(0, metadata.serializedValueSize()));
                    }
                });
            }
            producer.flush();
            nanos = System.nanoTime() - start;
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "producing to " + topic + " failed: " + failure.get().getMessage(), failure.get());
        }
        return new Sent(bytes.get(), nanos);
    }
}
