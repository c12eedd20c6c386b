package io.onsale.reservations.app;

import io.onsale.kafka.topics.Topics;
import io.onsale.schema.order.OrderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** When each answer was read here (the records carry their order's time, not their decision's). */
final class AnswerClock implements AutoCloseable {

    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, OrderEvent> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    AnswerClock(Topics topics, String bootstrapServers) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        10),
                new StringDeserializer(),
                topics.orderEvents().valueSerde().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < topics.orderEvents().partitions(); p++) {
            partitions.add(new TopicPartition(topics.orderEvents().name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(
                () -> {
                    long lastRecords = System.nanoTime();
                    while (running) {
                        var records = consumer.poll(Duration.ofMillis(50));
                        records.forEach(
                                record -> firstSeen.putIfAbsent(record.value().getRequestId(), System.nanoTime()));
                        if (!records.isEmpty()) {
                            long now = System.nanoTime();
                            if (now - lastRecords > 1_000_000_000L) {
                                OffsetProbe.print("answer clock: " + records.count() + " answers after "
                                        + (now - lastRecords) / 1_000_000
                                        + " ms without any; positions "
                                        + records.partitions().stream()
                                                .map(p -> p.partition() + "@"
                                                        + records.records(p)
                                                                .get(0)
                                                                .offset())
                                                .toList());
                            }
                            lastRecords = now;
                        }
                    }
                    consumer.close();
                },
                "answer-clock");
        reader.start();
    }

    int answered() {
        return firstSeen.size();
    }

    boolean answeredAll(Set<String> requests) {
        return firstSeen.keySet().containsAll(requests);
    }

    /** The longest any order sent before {@code until} (System.nanoTime) waited for its answer, in ms: the baseline. */
    long longestWaitOfOrdersSentBefore(long until, Map<String, Long> sentAt) {
        return sentAt.entrySet().stream()
                .filter(sent -> sent.getValue() < until && firstSeen.containsKey(sent.getKey()))
                .mapToLong(sent -> (firstSeen.get(sent.getKey()) - sent.getValue()) / 1_000_000)
                .max()
                .orElse(0);
    }

    /** The longest any order sent after {@code since} waited for its answer, in ms. */
    long longestWaitOfOrdersSentAfter(long since, Map<String, Long> sentAt) {
        return sentAt.entrySet().stream()
                .filter(sent -> sent.getValue() >= since && firstSeen.containsKey(sent.getKey()))
                .mapToLong(sent -> (firstSeen.get(sent.getKey()) - sent.getValue()) / 1_000_000)
                .max()
                .orElse(0);
    }

    /**
     * For the orders sent after {@code since}, grouped by the second (after {@code since}) they were sent in: when the
     * first and the last of them were answered, in s after {@code since}; where a gap's time went, at a glance.
     */
    String answersBySecondSent(long since, Map<String, Long> sentAt) {
        java.util.TreeMap<Long, long[]> bySecond = new java.util.TreeMap<>();
        sentAt.forEach((request, sent) -> {
            Long seen = firstSeen.get(request);
            if (sent >= since && seen != null) {
                long[] range = bySecond.computeIfAbsent(
                        (sent - since) / 1_000_000_000L, second -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
                long answered = (seen - since) / 1_000_000;
                range[0] = Math.min(range[0], answered);
                range[1] = Math.max(range[1], answered);
                range[2]++;
            }
        });
        StringBuilder out = new StringBuilder();
        bySecond.forEach((second, range) -> out.append(String.format(
                java.util.Locale.ROOT,
                "sent +%ds: %d answered +%.1f..+%.1fs; ",
                second,
                range[2],
                range[0] / 1000.0,
                range[1] / 1000.0)));
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
    }
}
