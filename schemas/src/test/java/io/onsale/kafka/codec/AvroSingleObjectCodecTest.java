package io.onsale.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class AvroSingleObjectCodecTest {

    private static final Instant SALE_OPEN = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void roundTripsARecord() {
        var codec = AvroSingleObjectCodec.of(ReservationEvent.class, KnownSchemas.fromClasspath());
        ReservationEvent held = held();

        assertThat(codec.decode(codec.encode(held))).isEqualTo(held);
    }

    @Test
    void readsARecordWrittenByAnOlderReleasedVersion() throws Exception {
        // The fixture is an older ReservationEvent without priceMinor and currency.
        URL fixtures = getClass().getResource("/fixtures/older/");
        KnownSchemas known;
        Schema older;
        try (var loader = new URLClassLoader(new URL[] {fixtures}, null)) {
            known = KnownSchemas.load(List.of(ReservationEvent.getClassSchema()), loader);
            older = known.released(ReservationEvent.getClassSchema().getFullName())
                    .get(0)
                    .schema();
        }
        GenericRecord old = new GenericData.Record(older);
        old.put("requestId", "r-1");
        old.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "HELD"));
        old.put("eventId", "E1");
        old.put("sectionId", "A");
        old.put("unitId", "A-1-1");
        old.put("decidedAt", SALE_OPEN.toEpochMilli());
        old.put("quantity", 1);
        old.put("available", 0);
        ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old);
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);

        ReservationEvent read =
                AvroSingleObjectCodec.of(ReservationEvent.class, known).decode(bytes);

        assertThat(read.getUnitId()).isEqualTo("A-1-1");
        assertThat(read.getType()).isEqualTo(ReservationEventType.HELD);
        assertThat(read.getPriceMinor())
                .as("default of a field the old writer did not know")
                .isZero();
        assertThat(read.getCurrency()).isEqualTo("EUR");
    }

    @Test
    void refusesBytesThatAreNotASingleObjectRecord() {
        var codec = AvroSingleObjectCodec.of(ReservationEvent.class, KnownSchemas.fromClasspath());

        assertThatThrownBy(() -> codec.decode("{\"not\":\"avro\"}".getBytes()))
                .isInstanceOf(RecordDecodingException.class)
                .hasMessageContaining("io.onsale.schema.reservation.ReservationEvent");
    }

    @Test
    void refusesARecordWrittenWithAnUnknownSchema() {
        Schema stranger = new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"Stranger\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        GenericRecord record = new GenericData.Record(stranger);
        record.put("x", 1);
        byte[] bytes;
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), stranger).encode(record);
            bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        var codec = AvroSingleObjectCodec.of(ReservationEvent.class, KnownSchemas.fromClasspath());

        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(RecordDecodingException.class);
    }

    private static ReservationEvent held() {
        return ReservationEvent.newBuilder()
                .setRequestId("r-1")
                .setType(ReservationEventType.HELD)
                .setEventId("E1")
                .setSectionId("A")
                .setUnitId("A-1-1")
                .setDecidedAt(SALE_OPEN)
                .setHoldId("h-1")
                .setBuyerId("alice")
                .setQuantity(1)
                .setHoldExpiresAt(SALE_OPEN.plusSeconds(600))
                .setAvailable(0)
                .setPriceMinor(9_900)
                .build();
    }
}
