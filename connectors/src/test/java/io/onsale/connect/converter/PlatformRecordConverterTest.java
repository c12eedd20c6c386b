package io.onsale.connect.converter;

import static io.onsale.connect.testing.SaleRecords.SALE_OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onsale.connect.testing.SaleRecords;
import io.onsale.kafka.codec.AvroSerdes;
import io.onsale.kafka.codec.KnownSchemas;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.payment.PaymentStatus;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueProgress;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class PlatformRecordConverterTest {

    private static final String EVENT = "E1";

    @Test
    void orderAnswerBecomesOneFlatRowWithSnakeCaseColumnsAndItemsAsJson() {
        OrderEvent held =
                SaleRecords.held(EVENT, "alice", "o-1", "A", List.of("A-1", "A-2"), 5000, SALE_OPEN.plusSeconds(3));

        Struct row = read(OrderEvent.class, held);

        assertThat(row.getString("order_id")).isEqualTo("o-1");
        assertThat(row.getString("buyer_id")).isEqualTo("alice");
        assertThat(row.getString("type")).isEqualTo("HELD");
        assertThat(row.get("decided_at")).isEqualTo(Date.from(SALE_OPEN.plusSeconds(3)));
        assertThat(row.schema().field("decided_at").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(row.get("hold_expires_at")).isEqualTo(Date.from(SALE_OPEN.plusSeconds(603)));
        assertThat(row.getInt64("total_minor")).isEqualTo(10_000L);
        assertThat(row.getString("reason")).isNull();
        assertThat(row.schema().field("items").schema().name()).isEqualTo(RowMapping.JSON_SCHEMA_NAME);
        assertThat(row.getString("items"))
                .isEqualTo("[{\"section_id\":\"A\",\"unit_id\":\"A-1\",\"quantity\":1,\"price_minor\":5000},"
                        + "{\"section_id\":\"A\",\"unit_id\":\"A-2\",\"quantity\":1,\"price_minor\":5000}]");
        assertThat(row.getString("alternatives")).isEqualTo("[]");
    }

    @Test
    void requiredFieldsWithoutDefaultAreRequiredColumnsAndEverythingElseIsNullable() {
        Struct row = read(OrderEvent.class, SaleRecords.rejected(EVENT, "bob", "o-2", "SEAT_TAKEN", SALE_OPEN));

        assertThat(row.schema().field("order_id").schema().isOptional()).isFalse();
        assertThat(row.schema().field("decided_at").schema().isOptional()).isFalse();
        // Fields with a default may be added by a later version: their columns must accept the rows landed before.
        assertThat(row.schema().field("total_minor").schema().isOptional()).isTrue();
        assertThat(row.schema().field("reason").schema().isOptional()).isTrue();
        assertThat(row.getString("reason")).isEqualTo("SEAT_TAKEN");
        assertThat(row.get("hold_expires_at")).isNull();
    }

    @Test
    void optionalEnumIsItsSymbolAndAbsentOneIsNull() {
        Struct rejected =
                read(ReservationEvent.class, SaleRecords.unitRejected(EVENT, "A", "A-1", "bob", "o-2", SALE_OPEN));
        Struct sold = read(
                ReservationEvent.class,
                SaleRecords.unitDecision(
                        ReservationEventType.SOLD, EVENT, "A", "A-1", "alice", "o-1", 1, 0, SALE_OPEN));

        assertThat(rejected.getString("reason")).isEqualTo("SEAT_TAKEN");
        assertThat(rejected.getString("hold_id")).isNull();
        assertThat(sold.getString("reason")).isNull();
        assertThat(sold.getString("type")).isEqualTo("SOLD");
        assertThat(sold.getInt32("quantity")).isEqualTo(1);
    }

    @Test
    void nestedRecordIsFlattenedIntoPrefixedColumnsThatAreNullWhenItIsAbsent() {
        QueuePolicy policy =
                QueuePolicy.newBuilder().setMaxAdmitRatePerSecond(50).build();

        Struct changed = read(QueueEvent.class, SaleRecords.policyChanged(EVENT, policy, SALE_OPEN));
        Struct joined = read(QueueEvent.class, SaleRecords.joined(EVENT, "alice", 7, SALE_OPEN));

        assertThat(changed.getInt32("policy_max_admit_rate_per_second")).isEqualTo(50);
        assertThat(changed.getInt32("policy_activation_threshold")).isEqualTo(500);
        assertThat(changed.getBoolean("paused")).isFalse();
        assertThat(joined.get("policy_max_admit_rate_per_second")).isNull();
        assertThat(joined.schema()
                        .field("policy_max_admit_rate_per_second")
                        .schema()
                        .isOptional())
                .isTrue();
        assertThat(joined.getInt64("position")).isEqualTo(7L);
        assertThat(joined.getString("status")).isEqualTo("WAITING");
        assertThat(joined.getBoolean("duplicate")).isFalse();
    }

    @Test
    void everyRecordTypeTheWarehouseLandsIsRead() {
        EventConfig config = SaleRecords.event(EVENT, 3, 100);
        Struct event = read(EventConfig.class, config);
        Struct progress = read(QueueProgress.class, SaleRecords.progress(EVENT, 10, 25, SALE_OPEN));
        Struct payment =
                read(PaymentEvent.class, SaleRecords.payment("o-1", "alice", PaymentStatus.CAPTURED, 5000, SALE_OPEN));

        assertThat(event.getString("event_id")).isEqualTo(EVENT);
        assertThat(event.getInt32("queue_policy_target_active_shoppers")).isEqualTo(1000);
        assertThat(event.getString("sections"))
                .startsWith("[{\"section_id\":\"A\",\"name\":\"Stalls A\",\"kind\":\"RESERVED\"")
                .contains("{\"seat_id\":\"A-3\",\"row\":\"1\",\"number\":3,\"killed\":false}")
                .contains("\"zones\":[{\"zone_id\":\"FLOOR-1\",\"capacity\":100,\"killed\":false}]");
        assertThat(progress.getInt64("waiting")).isEqualTo(15L);
        assertThat(progress.getString("mode")).isEqualTo("QUEUING");
        assertThat(progress.getFloat64("admit_rate_per_second")).isEqualTo(0.0);
        assertThat(payment.getString("status")).isEqualTo("CAPTURED");
        assertThat(payment.getString("authorization_id")).isEqualTo("auth-o-1");
    }

    @Test
    void recordWrittenWithAnOlderReleasedSchemaIsReadWithNewColumnsNull() throws Exception {
        Schema v1 = KnownSchemas.fromClasspath()
                .released(PaymentEvent.getClassSchema().getFullName())
                .get(0)
                .schema();
        GenericRecord old = new GenericData.Record(v1);
        old.put("paymentId", "pay-1");
        old.put("orderId", "o-1");
        old.put("buyerId", "alice");
        old.put("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "AUTHORIZED"));
        old.put("amountMinor", 5000L);
        old.put("currency", "EUR");
        old.put("occurredAt", SALE_OPEN.toEpochMilli());
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);

        Struct row = (Struct) converterFor(PaymentEvent.class)
                .toConnectData("payment-events", bytes)
                .value();

        assertThat(v1.getField("authorizationId"))
                .as("v1 predates authorizationId")
                .isNull();
        assertThat(row.getString("status")).isEqualTo("AUTHORIZED");
        assertThat(row.get("occurred_at")).isEqualTo(Date.from(SALE_OPEN));
        assertThat(row.getString("authorization_id")).isNull();
    }

    @Test
    void unreadableBytesAreADataExceptionNamingTheTopic() {
        PlatformRecordConverter converter = converterFor(OrderEvent.class);

        assertThatThrownBy(() -> converter.toConnectData("order-events", new byte[] {1, 2, 3}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topic order-events")
                .hasMessageContaining("cannot read 3 bytes as io.onsale.schema.order.OrderEvent");
    }

    @Test
    void aRecordOfAnotherTypeIsUnreadableRatherThanLandedInTheWrongTable() {
        byte[] payment = AvroSerdes.of(PaymentEvent.class)
                .serializer()
                .serialize("x", SaleRecords.payment("o-1", "alice", PaymentStatus.CAPTURED, 5000, SALE_OPEN));

        assertThatThrownBy(() -> converterFor(OrderEvent.class).toConnectData("order-events", payment))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("io.onsale.schema.order.OrderEvent");
    }

    @Test
    void tombstoneIsNoRow() {
        assertThat(converterFor(QueueProgress.class).toConnectData("queue-progress", null))
                .isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void aRecordNameOutsideThePlatformIsAConfigErrorListingTheKnownOnes() {
        PlatformRecordConverter converter = new PlatformRecordConverter();

        assertThatThrownBy(() -> converter.configure(Map.of("record", "io.onsale.schema.order.Nope"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("io.onsale.schema.order.OrderEvent");
        assertThatThrownBy(() -> converter.configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("record");
    }

    @Test
    void itDoesNotWriteThePlatformsTopics() {
        assertThatThrownBy(() -> converterFor(OrderEvent.class).fromConnectData("order-events", null, null))
                .isInstanceOf(DataException.class);
    }

    private static PlatformRecordConverter converterFor(Class<? extends SpecificRecord> type) {
        PlatformRecordConverter converter = new PlatformRecordConverter();
        converter.configure(Map.of(PlatformRecordConverter.RECORD_CONFIG, type.getName()), false);
        return converter;
    }

    private static <T extends SpecificRecord> Struct read(Class<T> type, T record) {
        byte[] bytes = AvroSerdes.of(type).serializer().serialize("t", record);
        SchemaAndValue converted = converterFor(type).toConnectData("t", bytes);
        Struct row = (Struct) converted.value();
        row.validate();
        return row;
    }
}
