package io.onsale.kafka.dlq;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes dead letters synchronously, so a record is skipped only once its dead letter is durable.
 * Its producer is not part of the Streams transaction: a task that is retried after a crash may write
 * the same dead letter twice, never zero times. One producer per bootstrap address, shared.
 */
public final class DeadLetterPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, DeadLetterPublisher> BY_BOOTSTRAP = new ConcurrentHashMap<>();

    private final Producer<byte[], byte[]> producer;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    static DeadLetterPublisher forBootstrap(String bootstrapServers) {
        return BY_BOOTSTRAP.computeIfAbsent(
                bootstrapServers,
                servers -> new DeadLetterPublisher(new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        servers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "onsale-dead-letters",
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class))));
    }

    public void publish(ProducerRecord<byte[], byte[]> deadLetter) throws Exception {
        producer.send(deadLetter).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
