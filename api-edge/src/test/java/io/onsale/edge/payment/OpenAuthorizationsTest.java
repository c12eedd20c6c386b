package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.edge.platform.KafkaSettings;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.payment.PaymentStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Which authorizations stay open as payment-events are read; no broker, the records are handed in. */
class OpenAuthorizationsTest {

    private static final Topics TOPICS = Topics.from(Topics.Settings.defaults());
    private static final Instant AUTHORIZED_AT = Instant.parse("2026-06-01T18:00:00Z");

    private final OpenAuthorizations open = new OpenAuthorizations(
            new KafkaSettings(
                    "127.0.0.1:9",
                    "",
                    12,
                    3,
                    (short) 1,
                    "test",
                    Path.of("unused"),
                    1,
                    0,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    16,
                    null,
                    20,
                    5),
            TOPICS,
            new ReconciliationSettings(true, Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofDays(7)),
            Clock.systemUTC());
    private long offset;

    private void read(String paymentId, PaymentStatus status, String authorizationId) {
        PaymentEvent event = PaymentEvent.newBuilder()
                .setPaymentId(paymentId)
                .setOrderId("E1:order")
                .setBuyerId("alice")
                .setStatus(status)
                .setAmountMinor(9900)
                .setCurrency("EUR")
                .setAuthorizationId(authorizationId)
                .setOccurredAt(AUTHORIZED_AT)
                .build();
        String topic = TOPICS.paymentEvents().name();
        open.accept(new ConsumerRecord<>(
                topic,
                0,
                offset++,
                "E1:order",
                TOPICS.paymentEvents().valueSerde().serializer().serialize(topic, event)));
    }

    @Test
    void anAuthorizationIsOpenUntilItsCaptureOrVoidIsRead() {
        read("pay-1", PaymentStatus.AUTHORIZED, "auth-1");
        read("pay-2", PaymentStatus.AUTHORIZED, "auth-2");
        read("pay-3", PaymentStatus.AUTHORIZED, "auth-3");

        read("pay-1", PaymentStatus.CAPTURED, "auth-1");
        read("pay-2", PaymentStatus.VOIDED, "auth-2");

        assertThat(open.snapshot()).extracting(OpenAuthorization::paymentId).containsExactly("pay-3");
        assertThat(open.snapshot().get(0))
                .isEqualTo(new OpenAuthorization("pay-3", "E1:order", "alice", "auth-3", 9900, "EUR", AUTHORIZED_AT));
    }

    @Test
    void declinesAuthorizationsWithoutAnIdAndUnreadableRecordsOpenNothing() {
        read("pay-1", PaymentStatus.FAILED, null);
        read("pay-2", PaymentStatus.AUTHORIZED, null);
        open.accept(new ConsumerRecord<>(
                TOPICS.paymentEvents().name(), 0, offset++, "E1:order", "not avro".getBytes(StandardCharsets.UTF_8)));

        assertThat(open.snapshot()).isEmpty();
    }

    @Test
    void whatThisInstanceSettledIsForgottenBeforeItsRecordComesBack() {
        read("pay-1", PaymentStatus.AUTHORIZED, "auth-1");

        open.settled("pay-1");

        assertThat(open.snapshot()).isEmpty();
    }

    @Test
    void nothingIsCaughtUpBeforeTheReaderRuns() {
        assertThat(open.caughtUp()).isFalse();
    }
}
