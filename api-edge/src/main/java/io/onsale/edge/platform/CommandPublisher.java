package io.onsale.edge.platform;

import io.onsale.kafka.topics.TopicSpec;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Produces a command to its catalogue topic. The record timestamp is this server's clock at the moment of
 * sending: decisions are taken on it, never on a time a client supplied.
 */
@Component
public class CommandPublisher {

    private final Producer<String, byte[]> producer;
    private final Clock clock;

    CommandPublisher(Producer<String, byte[]> commandProducer, Clock clock) {
        this.producer = commandProducer;
        this.clock = clock;
    }

    /** Completes once the broker has the record (acks=all), or fails with the send error. */
    public <V> Mono<RecordMetadata> publish(TopicSpec<String, V> topic, String key, V value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), null, clock.millis(), key, bytes);
        return Mono.<RecordMetadata>create(sink -> producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        sink.error(error);
                    } else {
                        sink.success(metadata);
                    }
                }))
                // send() can block (metadata, a full buffer), and a chain that produces again from the previous send's
                // callback would call it on the producer's own I/O thread: the one thread that could unblock it.
                .subscribeOn(Schedulers.boundedElastic())
                // The callback runs on that I/O thread too: whatever follows continues elsewhere.
                .publishOn(Schedulers.parallel());
    }
}
