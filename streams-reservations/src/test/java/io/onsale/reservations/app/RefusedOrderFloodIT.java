package io.onsale.reservations.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.kafka.app.StreamsAppConfig;
import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.kafka.codec.AvroSerdes;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.SectionPartitioning;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.domain.OrderDecider;
import io.onsale.reservations.query.ReservationQueries;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderCommandType;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderUnit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * One buyer floods the engine with orders under fresh Idempotency-Keys (the longest the edge lets through) for a seat
 * somebody else holds, on a real broker with exactly-once: every one is refused, the engine stays RUNNING, and the
 * buyer's record, whose every version is one message on the {@code orders} changelog, stays under a fixed size. Without
 * the bound of ADR 0015 the record passes the changelog's 1 MB after about 2,700 such orders, the write fails and the
 * engine stops (on every instance that takes the partition over).
 */
class RefusedOrderFloodIT {

    private static final Instant SALE_OPEN = Instant.now().minusSeconds(60);
    private static final String BOT = "bot-" + "x".repeat(124);
    private static final int REFUSED_ORDERS = 4_000;
    /** {@link OrderDecider#KEPT_FINISHED_ORDERS} refused orders with the longest ids take about 12.5 KB. */
    private static final int RECORD_BYTES_AT_MOST = 32 * 1024;

    @Test
    void thousandsOfRefusedOrdersFromOneBuyerLeaveTheEngineRunningAndItsRecordSmall() throws Exception {
        String prefix = RealKafka.uniquePrefix("flood");
        StreamsAppConfig config = new StreamsAppConfig(
                RealKafka.bootstrapServers(),
                prefix,
                4,
                1,
                (short) 1,
                prefix + "reservations",
                Files.createTempDirectory("flood-state"),
                1,
                0);
        Topics topics = config.topics();

        try (StreamsLauncher.Running engine = StreamsLauncher.start(config, ReservationsTopology::build);
                KafkaProducer<String, EventConfig> configs =
                        producer(topics.eventConfig().valueSerde().serializer());
                KafkaProducer<String, OrderCommand> holds =
                        producer(topics.holdRequests().valueSerde().serializer())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> engine.streams().state() == KafkaStreams.State.RUNNING);
            ReservationQueries queries = ReservationQueries.of(engine.streams(), null);
            configs.send(new ProducerRecord<>(topics.eventConfig().name(), "E1", event()))
                    .get();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> queries.unit("E1", "A", "A-1-1") instanceof ReservationQueries.Answer.Local<?> local
                            && ((Optional<?>) local.value()).isPresent());
            OrderCommand alices = place("alice", "alice-key");
            holds.send(new ProducerRecord<>(topics.holdRequests().name(), "E1|A", alices))
                    .get();
            assertThat(answerTo(topics, alices).getType()).isEqualTo(OrderEventType.HELD);

            for (int i = 0; i < REFUSED_ORDERS; i++) {
                holds.send(new ProducerRecord<>(topics.holdRequests().name(), "E1|A", place(BOT, key(i))));
            }
            holds.flush();

            AtomicInteger refused = new AtomicInteger();
            try (KafkaConsumer<String, OrderEvent> consumer = answersConsumer(topics)) {
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> {
                            assertThat(engine.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
                            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                                if (record.value().getBuyerId().equals(BOT)) {
                                    assertThat(record.value().getType()).isEqualTo(OrderEventType.REJECTED);
                                    assertThat(record.value().getReason()).isEqualTo("SEAT_TAKEN");
                                    refused.incrementAndGet();
                                }
                            });
                            return refused.get() >= REFUSED_ORDERS;
                        });
            }

            assertThat(refused.get()).isEqualTo(REFUSED_ORDERS);
            assertThat(engine.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            // The books take the last refusals in a moment after the section answered them.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                BuyerOrders record = booksOf(queries, BOT);
                assertThat(record.getOrders())
                        .hasSize(OrderDecider.KEPT_FINISHED_ORDERS)
                        .anySatisfy(order ->
                                assertThat(order.getOrderId()).isEqualTo(orderId(BOT, key(REFUSED_ORDERS - 1))));
                int bytes = AvroSerdes.of(BuyerOrders.class).serializer().serialize("orders", record).length;
                assertThat(bytes).isLessThan(RECORD_BYTES_AT_MOST);
            });
            assertThat(engine.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @SuppressWarnings("unchecked")
    private static BuyerOrders booksOf(ReservationQueries queries, String buyer) {
        ReservationQueries.Answer<Optional<BuyerOrders>> answer = queries.orders("E1", buyer);
        assertThat(answer).isInstanceOf(ReservationQueries.Answer.Local.class);
        return ((ReservationQueries.Answer.Local<Optional<BuyerOrders>>) answer)
                .value()
                .orElseThrow();
    }

    /** The committed answer to a placement, once there. */
    private static OrderEvent answerTo(Topics topics, OrderCommand place) {
        OrderEvent[] found = new OrderEvent[1];
        try (KafkaConsumer<String, OrderEvent> consumer = answersConsumer(topics)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value().getRequestId().equals(place.getRequestId())) {
                        found[0] = record.value();
                    }
                });
                return found[0] != null;
            });
        }
        return found[0];
    }

    /** An order for seat A-1-1, named as the edge names it from the buyer and the Idempotency-Key. */
    private static OrderCommand place(String buyer, String key) {
        String requestId = "place:E1:" + buyer + ":" + key;
        return OrderCommand.newBuilder()
                .setRequestId(requestId)
                .setType(OrderCommandType.PLACE)
                .setOrderId(orderId(buyer, key))
                .setEventId("E1")
                .setBuyerId(buyer)
                .setUnits(List.of(OrderUnit.newBuilder()
                        .setSectionId("A")
                        .setUnitId("A-1-1")
                        .setQuantity(1)
                        .build()))
                .build();
    }

    private static String orderId(String buyer, String key) {
        return "E1:" + UUID.nameUUIDFromBytes(("place:E1:" + buyer + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The longest key the edge takes (128 characters), different for each order. */
    private static String key(int i) {
        return String.format("%0128d", i);
    }

    private static KafkaConsumer<String, OrderEvent> answersConsumer(Topics topics) {
        KafkaConsumer<String, OrderEvent> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RealKafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                topics.orderEvents().valueSerde().deserializer());
        List<TopicPartition> partitions = IntStream.range(
                        0, topics.orderEvents().partitions())
                .mapToObj(p -> new TopicPartition(topics.orderEvents().name(), p))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static <V> KafkaProducer<String, V> producer(org.apache.kafka.common.serialization.Serializer<V> values) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RealKafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        // hold-requests are keyed by section and must land where the section's units live.
                        ProducerConfig.PARTITIONER_CLASS_CONFIG,
                        SectionPartitioning.class),
                new StringSerializer(),
                values);
    }

    private static EventConfig event() {
        List<Seat> seats = IntStream.rangeClosed(1, 8)
                .mapToObj(n -> Seat.newBuilder()
                        .setSeatId("A-1-" + n)
                        .setRow("1")
                        .setNumber(n)
                        .build())
                .toList();
        return EventConfig.newBuilder()
                .setEventId("E1")
                .setName("Flood night")
                .setVenue("Arena")
                .setSaleOpensAt(SALE_OPEN)
                .setSections(List.of(Section.newBuilder()
                        .setSectionId("A")
                        .setName("A")
                        .setKind(SectionKind.RESERVED)
                        .setPriceTier("T1")
                        .setPriceMinor(9_900)
                        .setSeats(seats)
                        .setZones(List.of())
                        .build()))
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
    }
}
