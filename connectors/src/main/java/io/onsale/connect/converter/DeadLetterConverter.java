package io.onsale.connect.converter;

import io.onsale.kafka.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Turns a dead letter into a row of the {@code dead_letters} table: why it failed, where it came from and the bytes
 * as they were, with the reason headers as columns. Two writers put dead letters on {@code <topic>-dlq}, with
 * different headers, and both land in the same columns:
 * <ul>
 *   <li>the platform's Streams apps ({@link DeadLetters}: {@code dlq.reason}, {@code dlq.error.*},
 *       {@code dlq.source.*}, {@code dlq.processor});</li>
 *   <li>the warehouse's own sinks, through Connect's dead-letter queue with context headers
 *       ({@code __connect.errors.*}): reason {@code CONNECT_<stage>}, e.g. {@code CONNECT_VALUE_CONVERTER}.</li>
 * </ul>
 * It never throws for a record, whatever its bytes: the dead-letter table is the last stop.
 */
public final class DeadLetterConverter implements Converter {

    static final String CONNECT_PREFIX = "__connect.errors.";

    static final Schema ROW = SchemaBuilder.struct()
            .name("io.onsale.warehouse.DeadLetter")
            .field("dead_letter_topic", Schema.STRING_SCHEMA)
            .field("reason", Schema.OPTIONAL_STRING_SCHEMA)
            .field("error_class", Schema.OPTIONAL_STRING_SCHEMA)
            .field("error_message", Schema.OPTIONAL_STRING_SCHEMA)
            .field("error_stacktrace", Schema.OPTIONAL_STRING_SCHEMA)
            .field("source_topic", Schema.OPTIONAL_STRING_SCHEMA)
            .field("source_partition", Schema.OPTIONAL_INT32_SCHEMA)
            .field("source_offset", Schema.OPTIONAL_INT64_SCHEMA)
            .field("failed_in", Schema.OPTIONAL_STRING_SCHEMA)
            .field("value_size", Schema.OPTIONAL_INT32_SCHEMA)
            .field("value_bytes", Schema.OPTIONAL_BYTES_SCHEMA)
            .build();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: both header families are always understood
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return toConnectData(topic, null, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        Struct row = new Struct(ROW)
                .put("dead_letter_topic", topic)
                .put("value_size", value == null ? null : value.length)
                .put("value_bytes", value);
        if (headers == null) {
            return new SchemaAndValue(ROW, row);
        }
        String stage = text(headers, CONNECT_PREFIX + "stage");
        if (text(headers, DeadLetters.REASON) != null) {
            row.put("reason", text(headers, DeadLetters.REASON))
                    .put("error_class", text(headers, DeadLetters.ERROR_CLASS))
                    .put("error_message", text(headers, DeadLetters.ERROR_MESSAGE))
                    .put("error_stacktrace", text(headers, DeadLetters.ERROR_STACKTRACE))
                    .put("source_topic", text(headers, DeadLetters.SOURCE_TOPIC))
                    .put("source_partition", integer(headers, DeadLetters.SOURCE_PARTITION))
                    .put("source_offset", longInteger(headers, DeadLetters.SOURCE_OFFSET))
                    .put("failed_in", text(headers, DeadLetters.PROCESSOR));
        } else if (stage != null || text(headers, CONNECT_PREFIX + "topic") != null) {
            row.put("reason", "CONNECT_" + (stage == null ? "UNKNOWN" : stage))
                    .put("error_class", text(headers, CONNECT_PREFIX + "exception.class.name"))
                    .put("error_message", text(headers, CONNECT_PREFIX + "exception.message"))
                    .put("error_stacktrace", text(headers, CONNECT_PREFIX + "exception.stacktrace"))
                    .put("source_topic", text(headers, CONNECT_PREFIX + "topic"))
                    .put("source_partition", integer(headers, CONNECT_PREFIX + "partition"))
                    .put("source_offset", longInteger(headers, CONNECT_PREFIX + "offset"))
                    .put("failed_in", text(headers, CONNECT_PREFIX + "connector.name"));
        }
        return new SchemaAndValue(ROW, row);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        throw new DataException("the dead-letter converter only reads; it does not write " + topic);
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Numbers are written as decimal text by both writers; anything else is kept out rather than fail the row. */
    private static Integer integer(Headers headers, String name) {
        String text = text(headers, name);
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longInteger(Headers headers, String name) {
        String text = text(headers, name);
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
