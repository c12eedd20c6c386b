package io.onsale.connect.warehouse;

import static io.onsale.connect.testing.SaleRecords.SALE_OPEN;
import static io.onsale.connect.testing.SaleRecords.admitted;
import static io.onsale.connect.testing.SaleRecords.answered;
import static io.onsale.connect.testing.SaleRecords.held;
import static io.onsale.connect.testing.SaleRecords.joined;
import static io.onsale.connect.testing.SaleRecords.payment;
import static io.onsale.connect.testing.SaleRecords.rejected;
import static io.onsale.connect.testing.SaleRecords.unitDecision;
import static io.onsale.connect.testing.WarehouseDatabase.count;
import static io.onsale.connect.testing.WarehouseDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.connect.deploy.ConnectorDeployer;
import io.onsale.connect.deploy.SinkConfigs;
import io.onsale.connect.testing.ConnectWorker;
import io.onsale.connect.testing.SalePublisher;
import io.onsale.connect.testing.SaleRecords;
import io.onsale.connect.testing.WarehouseDatabase;
import io.onsale.kafka.dlq.DeadLetters;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.TopicProvisioner;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.payment.PaymentStatus;
import io.onsale.schema.reservation.ReservationEventType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The warehouse end to end: a real broker, a real Connect worker running the sink connectors exactly as checked in
 * ({@code connectors/sinks/*.json}, through the REST API), a real PostgreSQL with {@code connectors/sql/} applied.
 * A sale's decisions are written as the platform writes them (transactions, the catalogue's serdes), then the
 * analyst views are checked against what was written.
 */
class WarehouseIT {

    private static final Duration LANDING = Duration.ofSeconds(60);
    private static final String EVENT = "show-1";

    private static WarehouseDatabase postgres;

    private Topics topics;
    private String jdbcUrl;
    private ConnectWorker worker;
    private ConnectorDeployer deployer;
    private List<SinkConfigs.Sink> sinks;
    private SalePublisher publisher;
    private Set<String> declaredColumns;

    @BeforeAll
    static void startPostgres() {
        postgres = WarehouseDatabase.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void landTheSinks(TestInfo test) throws Exception {
        String prefix =
                RealKafka.uniquePrefix(test.getTestMethod().orElseThrow().getName());
        String bootstrap = RealKafka.bootstrapServers();
        topics = Topics.from(Topics.Settings.defaults().withPrefix(prefix));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicProvisioner(admin, (short) 1).ensure(topics.all());
        }
        // PostgreSQL names stop at 63 characters: the prefix's random tail is enough to tell tests apart.
        jdbcUrl = postgres.createWarehouse("warehouse_" + prefix.substring(prefix.length() - 9, prefix.length() - 1));
        declaredColumns = WarehouseDatabase.columns(jdbcUrl);

        worker = ConnectWorker.start(bootstrap, prefix);
        deployer = new ConnectorDeployer(worker.restUrl());
        Map<String, String> variables = new java.util.HashMap<>(SinkConfigs.topicVariables(prefix));
        variables.put("jdbcUrl", jdbcUrl);
        variables.put("jdbcUser", WarehouseDatabase.USER);
        variables.put("jdbcPassword", "");
        variables.put("replicationFactor", "1");
        sinks = SinkConfigs.load(Path.of("sinks"), variables);
        deployer.deploy(sinks);
        deployer.awaitRunning(sinks, Duration.ofSeconds(90));
        publisher = new SalePublisher(bootstrap);
    }

    @AfterEach
    void stopTheWorker() {
        if (publisher != null) {
            publisher.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aSmallSaleLandsAndTheViewsAnswerTheAnalystsQuestions() throws Exception {
        writeSmallSale();
        // An aborted transaction's decision never happened: a read_committed sink must not land it.
        publisher.abort(p -> p.send(
                topics.reservationEvents(),
                unitKey("A", "A-4"),
                unitDecision(ReservationEventType.SOLD, EVENT, "A", "A-4", "ghost", "o-ghost", 1, 0, at(5))));
        publisher.commit(p -> p.send(
                topics.orderEvents(),
                buyerKey("last"),
                SaleRecords.rejected(EVENT, "last", "o-last", "SOLD_OUT", at(900))));

        await().atMost(LANDING)
                .until(() -> count(jdbcUrl, "SELECT count(*) FROM order_events WHERE order_id = 'o-last'") == 1);
        await().atMost(LANDING)
                .until(() -> count(jdbcUrl, "SELECT count(*) FROM payment_events") == 9
                        && count(jdbcUrl, "SELECT count(*) FROM reservation_events") == 7
                        && count(jdbcUrl, "SELECT count(*) FROM queue_events") == 11
                        && count(jdbcUrl, "SELECT count(*) FROM event_catalog") == 1
                        && count(jdbcUrl, "SELECT count(*) FROM queue_progress") == 1);

        // Tickets sold per section equal the SOLD decisions written (the aborted one is not there).
        assertThat(rows("SELECT section_id, sum(tickets) AS tickets FROM tickets_sold_per_minute GROUP BY section_id"
                        + " ORDER BY section_id"))
                .containsExactly(
                        Map.of("section_id", "A", "tickets", 4L), Map.of("section_id", "FLOOR", "tickets", 3L));
        assertThat(count(jdbcUrl, "SELECT count(*) FROM reservation_events WHERE buyer_id = 'ghost'"))
                .isZero();
        assertThat(rows("SELECT section_id, minute, tickets FROM tickets_sold_per_minute ORDER BY section_id, minute"))
                .containsExactly(
                        Map.of("section_id", "A", "minute", utc(SALE_OPEN), "tickets", 3L),
                        Map.of("section_id", "A", "minute", utc(at(600)), "tickets", 1L),
                        Map.of("section_id", "FLOOR", "minute", utc(SALE_OPEN.plusSeconds(60)), "tickets", 3L));

        // A sold out when its last seat (A-4, given back by an expired hold) was paid 656 s in; FLOOR at 81 s.
        assertThat(rows(
                        "SELECT section_id, capacity, sold, sold_out_at, extract(epoch FROM time_to_sell_out)::int AS seconds"
                                + " FROM section_sell_out ORDER BY section_id"))
                .containsExactly(
                        Map.of(
                                "section_id",
                                "A",
                                "capacity",
                                4L,
                                "sold",
                                4L,
                                "sold_out_at",
                                utc(at(656)),
                                "seconds",
                                656L),
                        Map.of(
                                "section_id",
                                "FLOOR",
                                "capacity",
                                3L,
                                "sold",
                                3L,
                                "sold_out_at",
                                utc(at(81)),
                                "seconds",
                                81L));

        // Every paid order appears once, in the order log's outcomes and in the orders table.
        assertThat(rows("SELECT holds, paid, expired, cancelled, still_held FROM hold_outcomes"))
                .containsExactly(Map.of("holds", 6L, "paid", 4L, "expired", 1L, "cancelled", 1L, "still_held", 0L));
        assertThat(
                        query(jdbcUrl, "SELECT order_id FROM order_outcomes WHERE outcome = 'PAID' ORDER BY order_id")
                                .stream()
                                .map(row -> row.get("order_id"))
                                .toList())
                .containsExactly("o-b1", "o-b2", "o-b6", "o-b8");
        assertThat(count(jdbcUrl, "SELECT count(*) FROM orders WHERE type = 'CONFIRMED'"))
                .isEqualTo(4);
        assertThat(count(jdbcUrl, "SELECT count(*) FROM orders"))
                .isEqualTo(count(jdbcUrl, "SELECT count(DISTINCT order_id) FROM order_events"));

        // Payment latency: authorized → captured took 2, 3, 2 and 4 s.
        assertThat(rows("SELECT minute, payments, p50_ms, max_ms FROM payment_latency_per_minute ORDER BY minute"))
                .containsExactly(
                        Map.of("minute", utc(SALE_OPEN), "payments", 2L, "p50_ms", 2500L, "max_ms", 3000L),
                        Map.of("minute", utc(at(60)), "payments", 1L, "p50_ms", 2000L, "max_ms", 2000L),
                        Map.of("minute", utc(at(600)), "payments", 1L, "p50_ms", 4000L, "max_ms", 4000L));

        // Nine arrivals in the first minute; five admitted then, three in the next.
        assertThat(rows("SELECT minute, arrivals, admissions FROM waiting_room_per_minute ORDER BY minute"))
                .containsExactly(
                        Map.of("minute", utc(SALE_OPEN), "arrivals", 9L, "admissions", 5L),
                        Map.of("minute", utc(at(60)), "arrivals", 0L, "admissions", 3L));

        // One funnel row per buyer, and the funnel adds up.
        assertThat(rows("SELECT buyer_id, outcome FROM buyer_funnel ORDER BY buyer_id"))
                .containsExactly(
                        Map.of("buyer_id", "b1", "outcome", "PAID"),
                        Map.of("buyer_id", "b2", "outcome", "PAID"),
                        Map.of("buyer_id", "b3", "outcome", "HELD_NOT_PAID"),
                        Map.of("buyer_id", "b4", "outcome", "ADMITTED_NO_HOLD"),
                        Map.of("buyer_id", "b5", "outcome", "ADMITTED_NO_HOLD"),
                        Map.of("buyer_id", "b6", "outcome", "PAID"),
                        Map.of("buyer_id", "b7", "outcome", "HELD_NOT_PAID"),
                        Map.of("buyer_id", "b8", "outcome", "PAID"),
                        Map.of("buyer_id", "b9", "outcome", "NOT_ADMITTED"),
                        Map.of("buyer_id", "last", "outcome", "NO_HOLD"));
        assertThat(
                        rows(
                                "SELECT joined_at, admitted_at, first_hold_at, paid_at FROM buyer_funnel WHERE buyer_id = 'b8'"))
                .containsExactly(Map.of(
                        "joined_at",
                        utc(at(8)),
                        "admitted_at",
                        utc(at(70)),
                        "first_hold_at",
                        utc(at(650)),
                        "paid_at",
                        utc(at(656))));
        assertThat(rows("SELECT joined, admitted, held, paid, paid_of_joined FROM funnel_conversion"))
                .containsExactly(Map.of(
                        "joined",
                        9L,
                        "admitted",
                        8L,
                        "held",
                        6L,
                        "paid",
                        4L,
                        "paid_of_joined",
                        new BigDecimal("0.4444")));

        // The sinks found every column they write in tables.sql: none had to be added.
        assertThat(WarehouseDatabase.columns(jdbcUrl)).isEqualTo(declaredColumns);

        // The views' indexes exist on a fresh warehouse, and applying the SQL again over landed rows (as every
        // 'warehouse start' does) changes no answer.
        List<Map<String, Object>> sellOut = rows("SELECT * FROM section_sell_out ORDER BY section_id");
        WarehouseDatabase.applyScripts(jdbcUrl);
        assertThat(
                        query(
                                jdbcUrl,
                                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname IN"
                                        + " ('reservation_events_sold', 'reservation_events_last_unit', 'queue_events_admitted_positions')"))
                .hasSize(3);
        assertThat(rows("SELECT * FROM section_sell_out ORDER BY section_id")).isEqualTo(sellOut);
    }

    @Test
    void aDecisionAppearsInPostgresWithinFiveSeconds() throws Exception {
        publisher.commit(p ->
                p.send(topics.orderEvents(), buyerKey("warm"), rejected(EVENT, "warm", "o-warm", "SOLD_OUT", at(1))));
        await().atMost(LANDING).until(() -> count(jdbcUrl, "SELECT count(*) FROM order_events") == 1);

        Instant committed = Instant.now();
        publisher.commit(p -> p.send(
                topics.orderEvents(),
                buyerKey("alice"),
                held(EVENT, "alice", "o-fresh", "A", List.of("A-1"), 5000, at(2))));
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> count(jdbcUrl, "SELECT count(*) FROM order_events WHERE order_id = 'o-fresh'") == 1);
        System.out.println("warehouse freshness: landed "
                + Duration.between(committed, Instant.now()).toMillis() + " ms after the commit");
    }

    @Test
    void restartingTheWorkerMidSaleLosesNothingAndDuplicatesNothing() throws Exception {
        int orders = 1_000;
        writeOrders(0, orders / 2);
        await().atMost(LANDING).until(() -> count(jdbcUrl, "SELECT count(*) FROM order_events") > 0);

        worker.stop();
        // The sale goes on while the worker is down.
        writeOrders(orders / 2, orders);
        worker.startAgain();
        deployer = new ConnectorDeployer(worker.restUrl());
        deployer.awaitRunning(sinks, Duration.ofSeconds(90));

        long expectedEvents = orders + orders / 2;
        await().atMost(LANDING)
                .until(() -> count(jdbcUrl, "SELECT count(*) FROM order_events") == expectedEvents
                        && count(jdbcUrl, "SELECT count(*) FROM orders WHERE type = 'CONFIRMED'") == orders / 2
                        && count(jdbcUrl, "SELECT coalesce(max(serving_counter), -1) FROM queue_progress")
                                == orders - 1);
        assertThat(count(jdbcUrl, "SELECT count(DISTINCT (order_id, type)) FROM order_events"))
                .isEqualTo(expectedEvents);
        assertThat(count(jdbcUrl, "SELECT count(*) FROM orders")).isEqualTo(orders);
        assertThat(count(jdbcUrl, "SELECT count(DISTINCT order_id) FROM orders"))
                .isEqualTo(orders);
        assertThat(count(jdbcUrl, "SELECT count(*) FROM queue_progress")).isEqualTo(1);
    }

    /** Orders first..last-1 held, every other one confirmed too, and the room's progress after each: 50 per transaction. */
    private void writeOrders(int first, int last) {
        for (int batch = first; batch < last; batch += 50) {
            int from = batch;
            publisher.commit(p -> {
                for (int i = from; i < Math.min(from + 50, last); i++) {
                    String buyer = "buyer-" + i;
                    OrderEvent hold = held(EVENT, buyer, "o-" + i, "A", List.of("A-" + i), 5000, at(i));
                    p.send(topics.orderEvents(), buyerKey(buyer), hold);
                    if (i % 2 == 0) {
                        p.send(
                                topics.orderEvents(),
                                buyerKey(buyer),
                                answered(hold, OrderEventType.CONFIRMED, at(i + 1)));
                    }
                    p.send(topics.queueProgress(), EVENT, SaleRecords.progress(EVENT, i, 1_000, at(i)));
                }
            });
        }
    }

    @Test
    void aPoisonRecordLandsInTheDeadLetterTableAndTheSinkKeepsRunning() throws Exception {
        publisher.commit(p -> {
            p.send(topics.orderEvents(), buyerKey("alice"), rejected(EVENT, "alice", "o-before", "SEAT_TAKEN", at(1)));
            p.sendRaw(topics.orderEvents().name(), buyerKey("mallory"), new byte[] {(byte) 0xC3, 0x01, 7, 7, 7});
            p.send(topics.orderEvents(), buyerKey("bob"), rejected(EVENT, "bob", "o-after", "SEAT_TAKEN", at(2)));
            // A dead letter of the platform's own (the engine could not read a request) lands beside it.
            p.sendRaw(DeadLetters.of(
                    new DeadLetters.Origin(topics.orderRequests().name(), 3, 42L, "decide-order"),
                    buyerKey("eve").getBytes(),
                    new byte[] {1, 2},
                    null,
                    "DESERIALIZATION",
                    new SerializationException("cannot read 2 bytes")));
        });

        await().atMost(LANDING)
                .until(() -> count(jdbcUrl, "SELECT count(*) FROM order_events") == 2
                        && count(jdbcUrl, "SELECT count(*) FROM dead_letters") == 3);

        // Both sinks of order-events (the log and the orders table) could not read it; each says so once.
        assertThat(rows("SELECT dead_letter_topic, reason, source_topic, failed_in, value_size"
                        + " FROM dead_letters WHERE reason LIKE 'CONNECT_%' ORDER BY failed_in"))
                .containsExactly(
                        deadLetter(topics.orderEvents().name(), "warehouse-order-events"),
                        deadLetter(topics.orderEvents().name(), "warehouse-orders"));
        assertThat(count(
                        jdbcUrl,
                        "SELECT count(*) FROM dead_letters WHERE source_partition IS NULL OR source_offset IS NULL"))
                .isZero();
        assertThat(query(jdbcUrl, "SELECT error_message FROM dead_letters WHERE reason = 'CONNECT_VALUE_CONVERTER'"))
                .allSatisfy(row -> assertThat((String) row.get("error_message"))
                        .contains("cannot read 5 bytes as io.onsale.schema.order.OrderEvent"));
        assertThat(rows("SELECT reason, source_topic, source_partition, source_offset, failed_in FROM dead_letters"
                        + " WHERE reason = 'DESERIALIZATION'"))
                .containsExactly(Map.of(
                        "reason",
                        "DESERIALIZATION",
                        "source_topic",
                        topics.orderRequests().name(),
                        "source_partition",
                        3L,
                        "source_offset",
                        42L,
                        "failed_in",
                        "decide-order"));
        assertThat(query(jdbcUrl, "SELECT order_id FROM orders ORDER BY order_id").stream()
                        .map(row -> row.get("order_id")))
                .containsExactly("o-after", "o-before");
        for (SinkConfigs.Sink sink : sinks) {
            assertThat(deployer.taskStates(sink.name())).as(sink.name()).containsOnly("RUNNING");
        }
    }

    private static Map<String, Object> deadLetter(String source, String connector) {
        return Map.of(
                "dead_letter_topic",
                Topics.deadLetterName(source),
                "reason",
                "CONNECT_VALUE_CONVERTER",
                "source_topic",
                source,
                "failed_in",
                connector,
                "value_size",
                5L);
    }

    /**
     * Nine buyers queue for section A (4 seats) and FLOOR (one zone of 3). b1 and b2 buy A-1..A-3; b4 loses the race
     * for A-1; b3's hold on A-4 expires and b8 buys A-4 eleven minutes in; b6 buys the whole FLOOR; b7's card is
     * declined and b7 cancels; b5 is admitted and buys nothing; b9 is never admitted.
     */
    private void writeSmallSale() {
        publisher.commit(p -> {
            p.send(topics.eventCatalog(), EVENT, SaleRecords.event(EVENT, 4, 3));
            for (int n = 1; n <= 9; n++) {
                p.send(topics.queueEvents(), EVENT, joined(EVENT, "b" + n, n, at(n)));
            }
            p.send(topics.queueEvents(), EVENT, admitted(EVENT, 1, 5, at(10)));
            p.send(topics.queueEvents(), EVENT, admitted(EVENT, 6, 8, at(70)));
            p.send(topics.queueProgress(), EVENT, SaleRecords.progress(EVENT, 8, 9, at(70)));
        });
        buy("b1", "A", List.of("A-1", "A-2"), 20, 2);
        publisher.commit(
                p -> p.send(topics.orderEvents(), buyerKey("b4"), rejected(EVENT, "b4", "o-b4", "SEAT_TAKEN", at(21))));
        buy("b2", "A", List.of("A-3"), 22, 3);
        OrderEvent b3 = held(EVENT, "b3", "o-b3", "A", List.of("A-4"), 5000, at(23));
        publisher.commit(p -> {
            p.send(topics.orderEvents(), buyerKey("b3"), b3);
            p.send(
                    topics.reservationEvents(),
                    unitKey("A", "A-4"),
                    unitDecision(ReservationEventType.HELD, EVENT, "A", "A-4", "b3", "o-b3", 1, 0, at(23)));
        });
        buy("b6", "FLOOR", List.of("FLOOR-1"), 75, 2);
        OrderEvent b7 = held(EVENT, "b7", "o-b7", "FLOOR", List.of("FLOOR-1"), 3000, at(72));
        publisher.commit(p -> {
            p.send(topics.orderEvents(), buyerKey("b7"), b7);
            p.send(topics.paymentEvents(), "o-b7", payment("o-b7", "b7", PaymentStatus.FAILED, 3000, at(74)));
            p.send(topics.orderEvents(), buyerKey("b7"), answered(b7, OrderEventType.CANCELLED, at(76)));
        });
        publisher.commit(p -> {
            p.send(topics.orderEvents(), buyerKey("b3"), answered(b3, OrderEventType.EXPIRED, at(623)));
            p.send(
                    topics.reservationEvents(),
                    unitKey("A", "A-4"),
                    unitDecision(ReservationEventType.EXPIRED, EVENT, "A", "A-4", "b3", "o-b3", 1, 1, at(623)));
        });
        buy("b8", "A", List.of("A-4"), 650, 4);
    }

    /** Hold at {@code second}, authorized 4 s later, confirmed (SOLD) 2 s after that, captured {@code captureAfter} s after authorizing. */
    private void buy(String buyer, String section, List<String> units, int second, int captureAfter) {
        String orderId = "o-" + buyer;
        boolean floor = section.equals("FLOOR");
        long price = floor ? 3000 : 5000;
        OrderEvent hold = held(EVENT, buyer, orderId, section, units, price, at(second));
        if (floor) {
            hold = OrderEvent.newBuilder(hold)
                    .setItems(List.of(io.onsale.schema.order.OrderItem.newBuilder()
                            .setSectionId(section)
                            .setUnitId(units.get(0))
                            .setQuantity(3)
                            .setPriceMinor(price)
                            .build()))
                    .setTotalMinor(price * 3)
                    .build();
        }
        OrderEvent held = hold;
        int authorized = second + 4;
        publisher.commit(p -> {
            p.send(topics.orderEvents(), buyerKey(buyer), held);
            p.send(
                    topics.paymentEvents(),
                    orderId,
                    payment(orderId, buyer, PaymentStatus.AUTHORIZED, held.getTotalMinor(), at(authorized)));
            p.send(topics.orderEvents(), buyerKey(buyer), answered(held, OrderEventType.CONFIRMED, at(authorized + 2)));
            for (String unit : units) {
                p.send(
                        topics.reservationEvents(),
                        unitKey(section, unit),
                        unitDecision(
                                ReservationEventType.SOLD,
                                EVENT,
                                section,
                                unit,
                                buyer,
                                orderId,
                                floor ? 3 : 1,
                                0,
                                at(authorized + 2)));
            }
            p.send(
                    topics.paymentEvents(),
                    orderId,
                    payment(
                            orderId,
                            buyer,
                            PaymentStatus.CAPTURED,
                            held.getTotalMinor(),
                            at(authorized + captureAfter)));
        });
    }

    private List<Map<String, Object>> rows(String sql) throws SQLException {
        return query(jdbcUrl, sql).stream()
                .map(row -> {
                    Map<String, Object> normalized = new java.util.HashMap<>();
                    row.forEach((column, value) -> normalized.put(column, normalized(value)));
                    return normalized;
                })
                .toList();
    }

    /** Whole numbers come back as long whatever their SQL type; timestamps as LocalDateTime (UTC). */
    private static Object normalized(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0) {
            return decimal.longValueExact();
        }
        return value;
    }

    private static Object utc(Instant instant) {
        return java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    private static Instant at(int secondsAfterOpening) {
        return SALE_OPEN.plusSeconds(secondsAfterOpening);
    }

    private static String buyerKey(String buyerId) {
        return EVENT + "|" + buyerId;
    }

    private static String unitKey(String sectionId, String unitId) {
        return EVENT + "|" + sectionId + "|" + unitId;
    }
}
