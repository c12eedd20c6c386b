package io.onsale.kafka.dlq;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policy for records a Streams app cannot read or process: write them to the source topic's
 * {@code -dlq} with the error in headers and go on with the next record. If the dead letter cannot be
 * written, the app stops rather than lose the record.
 *
 * <p>Set as both {@code deserialization.exception.handler} and {@code processing.exception.handler}.
 * Tests may pass a {@link DeadLetterPublisher} instance under {@link #PUBLISHER_CONFIG}.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    public static final String PUBLISHER_CONFIG = "onsale.dead-letter.publisher";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

    private DeadLetterPublisher publisher;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(PUBLISHER_CONFIG);
        if (configured instanceof DeadLetterPublisher given) {
            publisher = given;
        } else {
            Object bootstrap = configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
            if (bootstrap == null) {
                throw new IllegalArgumentException(
                        "the dead-letter handler needs " + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
            }
            publisher = DeadLetterPublisher.forBootstrap(bootstrap.toString().replaceAll("[\\[\\] ]", ""));
        }
    }

    @Override
    public DeserializationHandlerResponse handle(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        var origin =
                new DeadLetters.Origin(record.topic(), record.partition(), record.offset(), context.processorNodeId());
        boolean written = send(origin, record.key(), record.value(), record.headers(), "DESERIALIZATION", exception);
        return written ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (context.topic() == null) {
            log.error(
                    "processing failed outside of a source record (punctuation) in {}; stopping",
                    context.processorNodeId(),
                    exception);
            return ProcessingHandlerResponse.FAIL;
        }
        var origin = new DeadLetters.Origin(
                context.topic(), context.partition(), context.offset(), context.processorNodeId());
        boolean written = send(
                origin, context.sourceRawKey(), context.sourceRawValue(), context.headers(), "PROCESSING", exception);
        return written ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
    }

    private boolean send(
            DeadLetters.Origin origin,
            byte[] key,
            byte[] value,
            org.apache.kafka.common.header.Headers headers,
            String reason,
            Exception exception) {
        try {
            publisher.publish(DeadLetters.of(origin, key, value, headers, reason, exception));
            log.warn(
                    "{} failure at {}-{}@{}: {}; record written to {}",
                    reason,
                    origin.topic(),
                    origin.partition(),
                    origin.offset(),
                    exception.getMessage(),
                    origin.topic() + "-dlq");
            return true;
        } catch (Exception publishFailure) {
            log.error(
                    "could not write the dead letter of {}-{}@{}; stopping",
                    origin.topic(),
                    origin.partition(),
                    origin.offset(),
                    publishFailure);
            return false;
        }
    }
}
