package io.onsale.kafka.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterHandlerTest {

    @Test
    void anUnreadableRecordGoesToItsTopicsDeadLetterTopicWithTheErrorInHeaders() {
        var producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        var handler = new DeadLetterHandler();
        handler.configure(Map.of(DeadLetterHandler.PUBLISHER_CONFIG, new DeadLetterPublisher(producer)));
        var record = new ConsumerRecord<>("reservation-requests", 3, 42L, "E1|A|1".getBytes(), "garbage".getBytes());

        var response = handler.handle(
                context("reservation-requests"),
                record,
                new SerializationException("cannot read 7 bytes as ReservationCommand"));

        assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> deadLetter = producer.history().get(0);
        assertThat(deadLetter.topic()).isEqualTo("reservation-requests-dlq");
        assertThat(deadLetter.key()).isEqualTo("E1|A|1".getBytes());
        assertThat(deadLetter.value()).isEqualTo("garbage".getBytes());
        assertThat(header(deadLetter, DeadLetters.REASON)).isEqualTo("DESERIALIZATION");
        assertThat(header(deadLetter, DeadLetters.ERROR_MESSAGE)).contains("cannot read 7 bytes");
        assertThat(header(deadLetter, DeadLetters.ERROR_CLASS)).isEqualTo(SerializationException.class.getName());
        assertThat(header(deadLetter, DeadLetters.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(header(deadLetter, DeadLetters.SOURCE_OFFSET)).isEqualTo("42");
    }

    @Test
    void stopsWhenTheDeadLetterCannotBeWritten() {
        var producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        producer.sendException = new org.apache.kafka.common.errors.TimeoutException("broker unreachable");
        var handler = new DeadLetterHandler();
        handler.configure(Map.of(DeadLetterHandler.PUBLISHER_CONFIG, new DeadLetterPublisher(producer)));
        var record = new ConsumerRecord<>("event-config", 0, 7L, new byte[0], new byte[] {1});

        var response = handler.handle(context("event-config"), record, new SerializationException("bad"));

        assertThat(response).isEqualTo(DeserializationHandlerResponse.FAIL);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ErrorHandlerContext context(String topic) {
        return new ErrorHandlerContext() {
            public String topic() {
                return topic;
            }

            public int partition() {
                return 0;
            }

            public long offset() {
                return 0;
            }

            public Headers headers() {
                return new RecordHeaders();
            }

            public String processorNodeId() {
                return "source";
            }

            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            public long timestamp() {
                return 0;
            }

            public byte[] sourceRawKey() {
                return null;
            }

            public byte[] sourceRawValue() {
                return null;
            }
        };
    }
}
