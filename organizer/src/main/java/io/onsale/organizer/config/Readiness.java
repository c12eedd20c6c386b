package io.onsale.organizer.config;

import io.onsale.kafka.dlq.DeadLetters;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.config.EventConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Whether the engine took a config, read from the topics it decides into (ADR 0002): a config it accepted is the
 * event's latest value in {@code event-catalog}; one it refused is in {@code event-config-dlq}, its source offset in
 * the {@code dlq.source.*} headers and every problem in {@code dlq.error.message}. Reads committed records only, as
 * the edge does, so READY here means buyers' orders are decided with this config.
 */
final class Readiness implements AutoCloseable {

    /** One record of {@code event-config}: which config the verdict is about. */
    record ConfigRecord(TopicPartition partition, long offset, EventConfig config) {}

    sealed interface Verdict {
        record Ready(EventConfig config) implements Verdict {}

        record Rejected(List<String> problems) implements Verdict {}

        record Undecided(String why) implements Verdict {}
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration requestTimeout;
    private final Clock clock;

    Readiness(String bootstrap, Topics topics, Duration requestTimeout, Clock clock) {
        this.topics = topics;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "onsale-organizer-watch",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        (int) requestTimeout.toMillis(),
                        // Whole configs of large venues (up to the topic's 4 MiB) in one fetch.
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        8 * 1024 * 1024),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The event's newest config in {@code event-config}, the one a verdict is wanted for; empty if it has none. */
    Optional<ConfigRecord> latestConfig(String eventId) throws UnavailableException {
        TopicPartition partition = partitionOf(topics.eventConfig().name(), eventId);
        ConsumerRecord<byte[], byte[]> latest = null;
        for (ConsumerRecord<byte[], byte[]> record : readToEnd(partition)) {
            if (Arrays.equals(record.key(), key(eventId))) {
                latest = record;
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        return Optional.of(new ConfigRecord(partition, latest.offset(), decodeOrNull(latest.value())));
    }

    /** Waits for the engine's verdict on {@code target}, at most {@code timeout}. */
    Verdict await(String eventId, ConfigRecord target, Duration timeout) throws UnavailableException {
        TopicPartition catalog = partitionOf(topics.eventCatalog().name(), eventId);
        List<TopicPartition> deadLetters =
                partitionsOf(Topics.deadLetterName(topics.eventConfig().name()));
        List<TopicPartition> all = new ArrayList<>(deadLetters);
        all.add(catalog);
        Instant deadline = clock.instant().plus(timeout);
        try {
            consumer.assign(all);
            consumer.seekToBeginning(all);
            EventConfig inCatalog = null;
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.topic().equals(catalog.topic())) {
                        if (Arrays.equals(record.key(), key(eventId))) {
                            inCatalog = decodeOrNull(record.value());
                        }
                    } else if (isDeadLetterOf(record, target)) {
                        return new Verdict.Rejected(problemsIn(header(record, DeadLetters.ERROR_MESSAGE)));
                    }
                }
                // Only the catalogue's current value counts: an older, equal config earlier in the log says nothing.
                if (target.config() != null
                        && inCatalog != null
                        && caughtUp(catalog)
                        && Objects.equals(inCatalog, target.config())) {
                    return new Verdict.Ready(inCatalog);
                }
                if (!clock.instant().isBefore(deadline)) {
                    return new Verdict.Undecided("no decision within " + timeout.toSeconds() + " s: is the engine (the"
                            + " edge, or ReservationsApp) running on this Kafka?");
                }
            }
        } catch (KafkaException e) {
            throw new UnavailableException("could not read the engine's decisions: " + e.getMessage());
        }
    }

    private boolean caughtUp(TopicPartition partition) {
        Long end = consumer.endOffsets(List.of(partition), requestTimeout).get(partition);
        return end != null && consumer.position(partition, requestTimeout) >= end;
    }

    private static boolean isDeadLetterOf(ConsumerRecord<byte[], byte[]> record, ConfigRecord target) {
        return target.partition().topic().equals(header(record, DeadLetters.SOURCE_TOPIC))
                && Integer.toString(target.partition().partition()).equals(header(record, DeadLetters.SOURCE_PARTITION))
                && Long.toString(target.offset()).equals(header(record, DeadLetters.SOURCE_OFFSET));
    }

    /**
     * The engine writes "event config 'x' is invalid: field: message; field: message" (InvalidEventConfigException);
     * anything else (a record it could not even decode) is one problem as written.
     */
    static List<String> problemsIn(String message) {
        if (message == null) {
            return List.of("(no reason recorded)");
        }
        int listed = message.indexOf(" is invalid: ");
        if (listed < 0) {
            return List.of(message);
        }
        return List.of(message.substring(listed + " is invalid: ".length()).split("; "));
    }

    private List<ConsumerRecord<byte[], byte[]>> readToEnd(TopicPartition partition) throws UnavailableException {
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), requestTimeout).get(partition);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Instant deadline = clock.instant().plus(requestTimeout);
            while (consumer.position(partition, requestTimeout) < end) {
                consumer.poll(POLL).records(partition).forEach(records::add);
                if (clock.instant().isAfter(deadline)) {
                    throw new UnavailableException(
                            "could not read " + partition + " to its end within " + requestTimeout.toSeconds() + " s");
                }
            }
            return records;
        } catch (KafkaException e) {
            throw new UnavailableException("could not read " + partition.topic() + ": " + e.getMessage());
        }
    }

    private TopicPartition partitionOf(String topic, String eventId) throws UnavailableException {
        // The producer's default partitioner for a keyed record (murmur2 of the key bytes), as the edge and this CLI
        // use.
        int partitions = partitionsOf(topic).size();
        return new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key(eventId))) % partitions);
    }

    private List<TopicPartition> partitionsOf(String topic) throws UnavailableException {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, requestTimeout);
        } catch (KafkaException e) {
            throw new UnavailableException("could not reach Kafka to read " + topic + ": " + e.getMessage());
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new UnavailableException("topic " + topic + " does not exist: has the platform started on this Kafka?"
                    + " (check --bootstrap and --topic-prefix)");
        }
        return partitions.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    private EventConfig decodeOrNull(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return topics.eventConfig()
                    .valueSerde()
                    .deserializer()
                    .deserialize(topics.eventConfig().name(), value);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static byte[] key(String eventId) {
        return eventId.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
