package io.onsale.organizer.config;

import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.config.EventConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Produces an event config to {@code event-config} exactly as the edge does: key the event id (the engine refuses a
 * config whose key differs), value in the catalogue's serde (Avro single-object encoding, ADR 0001), acks=all and
 * idempotent, with room for a 60,000-unit venue (4 MiB, the topic's own limit).
 */
final class EventConfigProducer implements AutoCloseable {

    /** Where the config landed: what {@code watch} follows. */
    record Applied(TopicPartition partition, long offset, int valueBytes) {}

    private final TopicSpec<String, EventConfig> topic;
    private final Producer<String, EventConfig> producer;
    private final Duration timeout;

    EventConfigProducer(String bootstrap, Topics topics, Duration timeout) {
        this.topic = topics.eventConfig();
        this.timeout = timeout;
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms, or the producer refuses to start.
        int requestMs = (int) Math.max(1_000, Math.min(timeout.toMillis() / 2, 30_000));
        int deliveryMs = (int) Math.max(timeout.toMillis(), requestMs);
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "onsale-organizer-cli",
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        TopicSpec.LARGE_MESSAGE_BYTES,
                        // Without these a stopped broker or a missing topic looks like a hang of a minute or more.
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        (int) timeout.toMillis(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        0,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        requestMs,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        deliveryMs),
                topic.keySerde().serializer(),
                topic.valueSerde().serializer());
    }

    static ProducerRecord<String, EventConfig> recordOf(String topicName, EventConfig config) {
        return new ProducerRecord<>(topicName, config.getEventId(), config);
    }

    Applied apply(EventConfig config) throws UnavailableException {
        try {
            RecordMetadata metadata = producer.send(recordOf(topic.name(), config))
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return new Applied(
                    new TopicPartition(metadata.topic(), metadata.partition()),
                    metadata.offset(),
                    metadata.serializedValueSize());
        } catch (ExecutionException e) {
            throw new UnavailableException(
                    "could not produce to " + topic.name() + ": " + e.getCause().getMessage() + hint(e.getCause()));
        } catch (TimeoutException e) {
            throw new UnavailableException("Kafka did not acknowledge the config within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while producing");
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new UnavailableException("could not produce to " + topic.name() + ": " + e.getMessage() + hint(e));
        }
    }

    private String hint(Throwable error) {
        return error instanceof org.apache.kafka.common.errors.TimeoutException
                ? " (is Kafka running there, and does the platform's " + topic.name() + " topic exist? The edge creates"
                        + " it on start; check --bootstrap and --topic-prefix)"
                : "";
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
