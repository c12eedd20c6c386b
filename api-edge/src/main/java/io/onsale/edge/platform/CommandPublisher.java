package io.onsale.edge.platform;

import io.onsale.edge.problem.ApiProblem;
import io.onsale.kafka.topics.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Produces a command to its catalogue topic. The record timestamp is this server's clock at the moment of
 * sending: decisions are taken on it, never on a time a client supplied. A command the producer cannot take within
 * {@link #SEND_BLOCK} (no broker to tell it where the topic lives, or its buffer full) fails with a 503 that says when
 * to come back: nothing was produced, and the same request sent again (an order with its Idempotency-Key) is safe.
 */
@Component
public class CommandPublisher {

    /**
     * How long {@code send()} may wait for the topic's metadata or buffer space ({@code max.block.ms}): well within the
     * decision timeout (5 s), so a request the producer did not take is answered 503 instead of 202, which promises a
     * decision. BrokerAwayIT found it: with the producer's default of 60 s, while the only broker was away, each send
     * was still waiting when the decision timeout answered 202 and cancelled it, and none of those commands (16 holds,
     * 16 queue joins) ever reached the log once the broker was back.
     */
    public static final Duration SEND_BLOCK = Duration.ofSeconds(2);

    static final int RETRY_AFTER_SECONDS = 1;

    private final Producer<String, byte[]> producer;
    private final Clock clock;

    CommandPublisher(Producer<String, byte[]> commandProducer, Clock clock) {
        this.producer = commandProducer;
        this.clock = clock;
    }

    /**
     * Completes once the broker has the record (acks=all), or fails with the send error: an {@link ApiProblem} 503
     * with Retry-After when the producer did not take it in time ({@link #SEND_BLOCK}).
     */
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
                .publishOn(Schedulers.parallel())
                .onErrorMap(TimeoutException.class, CommandPublisher::notTaken);
    }

    private static ApiProblem notTaken(TimeoutException error) {
        return new ApiProblem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "broker-unavailable",
                        "Try again shortly",
                        "The request could not be written to the event log just now; nothing was taken. Try again in "
                                + RETRY_AFTER_SECONDS + " s (an order with the same Idempotency-Key).")
                .with("retryAfterSeconds", RETRY_AFTER_SECONDS);
    }
}
