package io.onsale.organizer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.kafka.codec.AvroSingleObjectCodec;
import io.onsale.kafka.codec.KnownSchemas;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.config.EventConfig;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** What {@code apply} puts on the wire is what the engine reads, byte layout as docs/event-config.md describes it. */
class EventConfigEncodingTest {

    private static final Topics TOPICS = Topics.from(Topics.Settings.defaults());

    @Test
    void theRecordApplyProducesDecodesWithTheEnginesCodecToTheSameConfig() throws Exception {
        EventConfig config = EventConfigFile.check(ValidateCommandTest.CONFIGS.resolve("valid-event.yaml"), null)
                .config();

        ProducerRecord<String, EventConfig> record =
                EventConfigProducer.recordOf(TOPICS.eventConfig().name(), config);
        byte[] key = TOPICS.eventConfig().keySerde().serializer().serialize(record.topic(), record.key());
        byte[] value = TOPICS.eventConfig().valueSerde().serializer().serialize(record.topic(), record.value());

        AvroSingleObjectCodec<EventConfig> engines =
                AvroSingleObjectCodec.of(EventConfig.class, KnownSchemas.fromClasspath());
        assertThat(record.topic()).isEqualTo("event-config");
        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("spring-gala");
        assertThat(engines.decode(value)).isEqualTo(config);
    }

    @Test
    void theValueIsAvroSingleObjectEncodingMarkerFingerprintThenTheBinaryRecord() throws Exception {
        EventConfig config = EventConfigFile.check(Path.of("src/test/resources/configs/valid-event.json"), null)
                .config();

        byte[] value = TOPICS.eventConfig().valueSerde().serializer().serialize("event-config", config);

        long fingerprint = SchemaNormalization.parsingFingerprint64(EventConfig.getClassSchema());
        byte[] expectedFingerprint = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(fingerprint)
                .array();
        assertThat(Arrays.copyOfRange(value, 0, 2)).containsExactly(0xC3, 0x01);
        assertThat(Arrays.copyOfRange(value, 2, 10)).isEqualTo(expectedFingerprint);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(body, null);
        new SpecificDatumWriter<EventConfig>(EventConfig.getClassSchema(), SpecificData.getForClass(EventConfig.class))
                .write(config, encoder);
        assertThat(Arrays.copyOfRange(value, 10, value.length)).isEqualTo(body.toByteArray());
    }
}
