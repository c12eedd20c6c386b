package io.onsale.kafka.dlq;

import io.onsale.kafka.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the dead-letter record of a record that could not be read or processed: the original key
 * and value bytes untouched, the original headers, and the reason in {@code dlq.*} headers.
 */
public final class DeadLetters {

    public static final String REASON = "dlq.reason";
    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String ERROR_STACKTRACE = "dlq.error.stacktrace";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String PROCESSOR = "dlq.processor";

    private static final int MAX_STACKTRACE_CHARS = 8_000;

    private DeadLetters() {}

    /** Where the record was read from, and by which processor node (may be {@code null}). */
    public record Origin(String topic, int partition, long offset, String processor) {}

    public static ProducerRecord<byte[], byte[]> of(
            Origin origin, byte[] key, byte[] value, Headers original, String reason, Throwable error) {
        Headers headers = new RecordHeaders();
        if (original != null) {
            original.forEach(header -> {
                if (!header.key().startsWith("dlq.")) {
                    headers.add(header);
                }
            });
        }
        add(headers, REASON, reason);
        add(headers, ERROR_CLASS, error.getClass().getName());
        add(headers, ERROR_MESSAGE, String.valueOf(error.getMessage()));
        add(headers, ERROR_STACKTRACE, stackTrace(error));
        add(headers, SOURCE_TOPIC, origin.topic());
        add(headers, SOURCE_PARTITION, Integer.toString(origin.partition()));
        add(headers, SOURCE_OFFSET, Long.toString(origin.offset()));
        if (origin.processor() != null) {
            add(headers, PROCESSOR, origin.processor());
        }
        return new ProducerRecord<>(Topics.deadLetterName(origin.topic()), null, key, value, headers);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.length() > MAX_STACKTRACE_CHARS ? trace.substring(0, MAX_STACKTRACE_CHARS) : trace;
    }
}
