package io.onsale.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts a topic's committed records as a read_committed reader (the edge, an auditor) sees them, from given start
 * offsets, until the expected number arrived, and notes when each arrived. This measures what matters for the
 * platform, decisions a reader can act on, and it measures the minimal processor and the engine the same way.
 * It needs no consumer group: partitions are assigned, never subscribed.
 */
final class CommittedOutput implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    CommittedOutput(String bootstrapServers, String topic, int partitionCount) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        10_000,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.partitions = IntStream.range(0, partitionCount)
                .mapToObj(p -> new TopicPartition(topic, p))
                .toList();
        consumer.assign(partitions);
    }

    /** The current end of the log (last stable offsets): where records produced from now on start. */
    Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions);
    }

    /**
     * Reads from {@code from} until {@code expected} records arrived, the producer side failed, or nothing arrived
     * for {@code idle}. Every record is handed to {@code inspect} (in the reader thread) before it is counted.
     */
    Throughput await(
            Map<TopicPartition, Long> from,
            long startNanos,
            int expected,
            Duration idle,
            BooleanSupplier failed,
            Consumer<ConsumerRecord<byte[], byte[]>> inspect) {
        return awaitCounted(from, startNanos, expected, idle, failed, record -> {
            inspect.accept(record);
            return true;
        });
    }

    /** As {@link #await}, for an output topic that also carries other records: only those {@code counted} count. */
    Throughput awaitCounted(
            Map<TopicPartition, Long> from,
            long startNanos,
            int expected,
            Duration idle,
            BooleanSupplier failed,
            Predicate<ConsumerRecord<byte[], byte[]>> counted) {
        from.forEach(consumer::seek);
        long[] arrivals = new long[expected];
        int count = 0;
        int firstBatch = 0;
        long cpuAtFirst = 0;
        long lastProgress = System.nanoTime();
        while (count < expected) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
            long now = System.nanoTime();
            if (records.isEmpty()) {
                if (failed.getAsBoolean()) {
                    throw new IllegalStateException(
                            "the processor stopped after " + count + " of " + expected + " outputs");
                }
                if (now - lastProgress > idle.toNanos()) {
                    throw new IllegalStateException("only " + count + " of " + expected
                            + " outputs arrived; nothing new for " + idle.toSeconds() + " s");
                }
                continue;
            }
            lastProgress = now;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (count == expected && counted.test(record)) {
                    throw new IllegalStateException("more outputs than the " + expected
                            + " expected: every input must be " + "decided exactly once");
                }
                if (counted.test(record)) {
                    arrivals[count++] = now;
                }
            }
            if (firstBatch == 0) {
                firstBatch = count;
                cpuAtFirst = Machine.processCpuNanos();
            }
        }
        return Throughput.of(startNanos, arrivals, count, firstBatch, Machine.processCpuNanos() - cpuAtFirst);
    }

    /** After {@link #await}: waits {@code settle} more and fails if anything beyond the expected count shows up. */
    int extraRecordsWithin(Duration settle) {
        int extra = 0;
        long deadline = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < deadline) {
            extra += consumer.poll(Duration.ofMillis(100)).count();
        }
        return extra;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
