package io.onsale.connect.converter;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.kafka.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class DeadLetterConverterTest {

    private final DeadLetterConverter converter = new DeadLetterConverter();

    @Test
    void platformDeadLetterHeadersBecomeColumns() {
        byte[] poison = {9, 9, 9};
        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(
                new DeadLetters.Origin("order-requests", 4, 1234L, "decide-order"),
                "E1|alice".getBytes(StandardCharsets.UTF_8),
                poison,
                null,
                "DESERIALIZATION",
                new SerializationException("cannot read 3 bytes"));

        Struct row = (Struct) converter
                .toConnectData("order-requests-dlq", letter.headers(), letter.value())
                .value();

        row.validate();
        assertThat(row.getString("dead_letter_topic")).isEqualTo("order-requests-dlq");
        assertThat(row.getString("reason")).isEqualTo("DESERIALIZATION");
        assertThat(row.getString("error_class")).isEqualTo(SerializationException.class.getName());
        assertThat(row.getString("error_message")).isEqualTo("cannot read 3 bytes");
        assertThat(row.getString("error_stacktrace")).contains("SerializationException");
        assertThat(row.getString("source_topic")).isEqualTo("order-requests");
        assertThat(row.getInt32("source_partition")).isEqualTo(4);
        assertThat(row.getInt64("source_offset")).isEqualTo(1234L);
        assertThat(row.getString("failed_in")).isEqualTo("decide-order");
        assertThat(row.getBytes("value_bytes")).isEqualTo(poison);
        assertThat(row.getInt32("value_size")).isEqualTo(3);
    }

    @Test
    void connectDeadLetterHeadersBecomeTheSameColumns() {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "__connect.errors.topic", "order-events");
        header(headers, "__connect.errors.partition", "2");
        header(headers, "__connect.errors.offset", "77");
        header(headers, "__connect.errors.connector.name", "warehouse-order-events");
        header(headers, "__connect.errors.stage", "VALUE_CONVERTER");
        header(headers, "__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException");
        header(headers, "__connect.errors.exception.message", "topic order-events: cannot read 3 bytes");

        Struct row = (Struct) converter
                .toConnectData("order-events-dlq", headers, new byte[] {1, 2, 3})
                .value();

        assertThat(row.getString("reason")).isEqualTo("CONNECT_VALUE_CONVERTER");
        assertThat(row.getString("error_class")).isEqualTo("org.apache.kafka.connect.errors.DataException");
        assertThat(row.getString("error_message")).isEqualTo("topic order-events: cannot read 3 bytes");
        assertThat(row.getString("source_topic")).isEqualTo("order-events");
        assertThat(row.getInt32("source_partition")).isEqualTo(2);
        assertThat(row.getInt64("source_offset")).isEqualTo(77L);
        assertThat(row.getString("failed_in")).isEqualTo("warehouse-order-events");
    }

    @Test
    void aDeadLetterWithoutReasonHeadersOrValueStillLands() {
        RecordHeaders garbled = new RecordHeaders();
        header(garbled, "dlq.reason", "PROCESSING");
        header(garbled, "dlq.source.partition", "not a number");

        Struct bare = (Struct)
                converter.toConnectData("queue-requests-dlq", null, null).value();
        Struct odd = (Struct) converter
                .toConnectData("queue-requests-dlq", garbled, new byte[0])
                .value();

        bare.validate();
        assertThat(bare.getString("reason")).isNull();
        assertThat(bare.getInt32("value_size")).isNull();
        assertThat(odd.getString("reason")).isEqualTo("PROCESSING");
        assertThat(odd.getInt32("source_partition")).isNull();
        assertThat(odd.getInt32("value_size")).isZero();
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
