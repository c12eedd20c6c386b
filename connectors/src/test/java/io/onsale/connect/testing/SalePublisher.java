package io.onsale.connect.testing;

import io.onsale.kafka.topics.TopicSpec;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes decisions the way the platform's apps do: transactionally (exactly_once_v2), each value encoded by its
 * topic's own serde from the catalogue. {@link #abort} writes a transaction that never commits, which a
 * read_committed sink must never land.
 */
public final class SalePublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public SalePublisher(String bootstrapServers) {
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "warehouse-it-" + UUID.randomUUID(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
    }

    /** One committed transaction. */
    public void commit(Writes writes) {
        producer.beginTransaction();
        writes.to(this);
        producer.commitTransaction();
    }

    /** One aborted transaction. */
    public void abort(Writes writes) {
        producer.beginTransaction();
        writes.to(this);
        producer.flush();
        producer.abortTransaction();
    }

    public <V> void send(TopicSpec<String, V> topic, String key, V value) {
        producer.send(new ProducerRecord<>(
                topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    public void sendRaw(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    public void sendRaw(ProducerRecord<byte[], byte[]> record) {
        producer.send(new ProducerRecord<>(
                record.topic(),
                null,
                null,
                record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8),
                record.value(),
                record.headers()));
    }

    @FunctionalInterface
    public interface Writes {
        void to(SalePublisher publisher);
    }

    @Override
    public void close() {
        producer.close();
    }
}
