package io.onsale.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The latency floor of this broker: one message in flight, acks=all, idempotent, from the send until a consumer
 * polling the topic has it (and, apart, until the producer has the acknowledgement). Every hold goes through Kafka
 * several times (command, the engine's hops, the answer), so a hold can never be faster than a few of these.
 */
final class KafkaRoundTrip {

    /** Only one message is ever waiting: lingering would delay each by that much and batch nothing. */
    static final int LINGER_MS = 0;

    private static final Duration POLL = Duration.ofMillis(10);

    record Result(
            int messages,
            int warmupMessages,
            int valueBytes,
            int lingerMs,
            LatencyBreakdown.Stats sendToConsumedMillis,
            LatencyBreakdown.Stats sendToAcknowledgedMillis) {}

    private KafkaRoundTrip() {}

    /** On a fresh one-partition topic of the run; fails if a message does not arrive within {@code idle}. */
    static Result run(BenchRun run, int warmupMessages, int messages, int valueBytes, Duration idle) throws Exception {
        String topic = run.prefix() + "latency-baseline";
        run.createTopics(1, topic);
        TopicPartition partition = new TopicPartition(topic, 0);
        Map<String, Object> producerSettings = new HashMap<>(ProducerBaseline.producerSettings(run.bootstrapServers()));
        producerSettings.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        // No group: the consumer is assigned the partition, so no rebalance or offset commit is part of the figure.
        Map<String, Object> consumerSettings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                run.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        byte[] value = new byte[valueBytes];
        new Random(42).nextBytes(value);
        long[] consumed = new long[messages];
        long[] acknowledged = new long[messages];
        try (KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(producerSettings, new StringSerializer(), new ByteArraySerializer());
                KafkaConsumer<String, byte[]> consumer =
                        new KafkaConsumer<>(consumerSettings, new StringDeserializer(), new ByteArrayDeserializer())) {
            // Connections and metadata before the clock: the figure is sending and reading, not connecting.
            consumer.assign(List.of(partition));
            consumer.position(partition);
            producer.partitionsFor(topic);
            System.err.printf(
                    "bench: Kafka baseline warm-up (not reported): %,d messages, one at a time ...%n", warmupMessages);
            for (int i = 0; i < warmupMessages; i++) {
                roundTrip(producer, consumer, partition, "w" + i, value, idle, new long[2]);
            }
            System.err.printf("bench: Kafka baseline: %,d messages of %d B, one at a time ...%n", messages, valueBytes);
            long[] nanos = new long[2];
            for (int i = 0; i < messages; i++) {
                roundTrip(producer, consumer, partition, "m" + i, value, idle, nanos);
                consumed[i] = nanos[0];
                acknowledged[i] = nanos[1];
            }
        }
        return new Result(
                messages,
                warmupMessages,
                valueBytes,
                LINGER_MS,
                LatencyBreakdown.Stats.ofNanos(consumed),
                LatencyBreakdown.Stats.ofNanos(acknowledged));
    }

    /**
     * Sends one message, polls until it is read back, then waits for its acknowledgement too, so the next send never
     * overlaps this one. Writes send→consumed and send→acknowledged into {@code nanos}.
     */
    private static void roundTrip(
            KafkaProducer<String, byte[]> producer,
            KafkaConsumer<String, byte[]> consumer,
            TopicPartition partition,
            String key,
            byte[] value,
            Duration idle,
            long[] nanos)
            throws Exception {
        CompletableFuture<Long> acknowledgedAt = new CompletableFuture<>();
        long start = System.nanoTime();
        producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, value), (metadata, error) -> {
            if (error != null) {
                acknowledgedAt.completeExceptionally(error);
            } else {
                acknowledgedAt.complete(System.nanoTime());
            }
        });
        long deadline = start + idle.toNanos();
        long consumedAt = 0;
        while (consumedAt == 0) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                // A fresh topic that only this loop writes, one message at a time: anything else is a bug here.
                if (!record.key().equals(key)) {
                    throw new IllegalStateException("expected message " + key + ", read " + record.key());
                }
                consumedAt = System.nanoTime();
            }
            if (acknowledgedAt.isCompletedExceptionally()) {
                acknowledgedAt
                        .get(); // the send failed: throws its error rather than waiting for a message that never comes
            }
            if (consumedAt == 0 && System.nanoTime() > deadline) {
                throw new IllegalStateException("message " + key + " not read back within " + idle.toSeconds() + " s");
            }
        }
        nanos[0] = consumedAt - start;
        nanos[1] = acknowledgedAt.get(idle.toMillis(), TimeUnit.MILLISECONDS) - start;
    }
}
