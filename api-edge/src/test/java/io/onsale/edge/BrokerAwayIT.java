package io.onsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.EdgeCalls;
import io.onsale.edge.testing.RunningEdge;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.testing.BrokerCluster;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.ConfigureAck;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.EventConfig;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.QueueStatus;
import io.onsale.loadgen.client.SeatMap;
import io.onsale.schema.queue.QueueCommandType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The only broker of an edge (embedded engine and waiting room) killed with SIGKILL in the middle of a sale, and
 * restarted on its own ports and data ({@link BrokerCluster} with one node). While it is away buyers keep asking: new
 * holds, seat maps, their orders, queue joins and statuses. Each answer must come within the edge's own bound (the
 * decision timeout, after which a hold or a join is answered 202 with Retry-After, plus a margin for this machine), never
 * be a 500, and every 503 must carry Retry-After and a problem body; reads served from memory may answer 200. Once the
 * broker is back the edge must decide holds again, and the audit reads every order back through the API: every hold
 * answered 201 before, during or after the outage is there and HELD with its seats, every hold left undecided (202, 503)
 * is decided once when sent again with its key, no seat is held by two orders, and every buyer who joined the room
 * while it was away finds a place when joining again. The figures are printed for
 * docs/reliability.md, not asserted.
 */
class BrokerAwayIT {

    private static final String PREFIX = RealKafka.uniquePrefix("broker-away");
    /** The edge's decision timeout (application.yaml's default): a hold or join not answered by then is a 202. */
    private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(5);
    /** The longest any answer may take while the broker is away: the decision timeout and a margin for 2 busy cores. */
    private static final Duration ANSWER_BOUND = DECISION_TIMEOUT.plusSeconds(3);

    private static final Duration OUTAGE_TRAFFIC = Duration.ofSeconds(12);
    private static final Duration PACE = Duration.ofMillis(150);
    private static final int SEATS = 200;
    private static final int BUYERS_BEFORE = 12;
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path root;

    /** A hold as a buyer sent it: its key makes every retry the same order. */
    record Hold(String buyer, String key, String seat) {
        String token() {
            return TestTokens.buyer(buyer);
        }
    }

    /** One answer seen while the broker was away. */
    record Seen(String kind, int status, long millis, String retryAfter, String contentType, String body) {}

    @Test
    void whileTheOnlyBrokerIsAwayTheEdgeAnswersInTimeWithoutA500AndOnceItIsBackTheSaleGoesOnWithNothingLost()
            throws Exception {
        try (BrokerCluster broker = BrokerCluster.start(1, root.resolve("kafka"), Path.of("target", "broker-away-it"));
                RunningEdge edge = RunningEdge.startOn(
                        broker.bootstrapServers(),
                        PREFIX,
                        "--onsale.kafka.decision-timeout=" + DECISION_TIMEOUT.toSeconds() + "s")) {
            EdgeApi api = edge.api();
            String event = configure(api);
            AtomicInteger nextSeat = new AtomicInteger(1);
            Map<Hold, String> held = Collections.synchronizedMap(new HashMap<>());

            // ---- the sale runs: buyers hold a seat each; one buyer joins the room and keeps a ticket to follow.
            for (int i = 0; i < BUYERS_BEFORE; i++) {
                Hold hold = new Hold("before-" + i, UUID.randomUUID().toString(), "A-1-" + nextSeat.getAndIncrement());
                held.put(hold, holdDecided(api, event, hold));
            }
            Answer<QueueStatus> joined = EdgeCalls.read(() -> api.joinQueue(event, TestTokens.buyer("follower")));
            assertThat(joined.status()).as("%s", joined.problem()).isIn(200, 201);
            String ticket = joined.body().ticket();
            List<String> heldBefore = new ArrayList<>(held.values());

            // ---- the broker dies; buyers keep asking for ~12 s.
            broker.kill(1);
            List<Hold> sentAway = Collections.synchronizedList(new ArrayList<>());
            List<String> joinersAway = Collections.synchronizedList(new ArrayList<>());
            Map<String, Integer> answeredAway = new ConcurrentHashMap<>();
            List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
            ExecutorService buyers = Executors.newFixedThreadPool(16);
            List<Future<?>> calls = new ArrayList<>();
            long outageEnds = System.nanoTime() + OUTAGE_TRAFFIC.toNanos();
            int step = 0;
            try {
                while (System.nanoTime() < outageEnds) {
                    int kind = step++ % 5;
                    calls.add(buyers.submit(() -> {
                        switch (kind) {
                            case 0 -> {
                                Hold hold = new Hold(
                                        "away-" + UUID.randomUUID().toString().substring(0, 8),
                                        UUID.randomUUID().toString(),
                                        "A-1-" + nextSeat.getAndIncrement());
                                sentAway.add(hold);
                                Seen answer = send("hold", holdRequest(edge.uri(), event, hold));
                                seen.add(answer);
                                answeredAway.put(hold.buyer(), answer.status());
                                if (answer.status() == 201) {
                                    held.put(hold, orderIdIn(answer.body()));
                                }
                            }
                            case 1 ->
                                seen.add(send(
                                        "seat-map",
                                        get(
                                                edge.uri(),
                                                "/api/events/" + event + "/sections/A/seats",
                                                TestTokens.buyer("reader"))));
                            case 2 -> {
                                String orderId = heldBefore.get(
                                        ThreadLocalRandom.current().nextInt(heldBefore.size()));
                                String buyer = buyerOf(held, orderId);
                                seen.add(send(
                                        "order", get(edge.uri(), "/api/orders/" + orderId, TestTokens.buyer(buyer))));
                            }
                            case 3 -> {
                                String joiner =
                                        "joiner-" + UUID.randomUUID().toString().substring(0, 8);
                                joinersAway.add(joiner);
                                Seen answer = send("queue-join", joinRequest(edge.uri(), event, joiner));
                                seen.add(answer);
                                answeredAway.put(joiner, answer.status());
                            }
                            default ->
                                seen.add(send(
                                        "queue-status",
                                        get(
                                                edge.uri(),
                                                "/api/events/" + event + "/queue/" + ticket,
                                                TestTokens.buyer("follower"))));
                        }
                        return null;
                    }));
                    TimeUnit.NANOSECONDS.sleep(PACE.toNanos()); // the pace of the stream of requests, not a wait
                }
                for (Future<?> call : calls) {
                    call.get(ANSWER_BOUND.toSeconds() + 30, TimeUnit.SECONDS);
                }
            } finally {
                buyers.shutdownNow();
            }

            // ---- the broker comes back on its ports and data; the edge must decide a new hold again.
            long restarted = System.nanoTime();
            broker.start(1);
            Hold first = new Hold("after-0", UUID.randomUUID().toString(), "A-1-" + nextSeat.getAndIncrement());
            AtomicReference<Seen> decision = new AtomicReference<>();
            await("a hold decided after the restart")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        decision.set(send("hold", holdRequest(edge.uri(), event, first)));
                        return decision.get().status() == 201 || decision.get().status() == 409;
                    });
            long firstDecisionMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
            assertThat(decision.get().status()).as("a fresh seat").isEqualTo(201);
            held.put(first, orderIdIn(decision.get().body()));

            // ---- a 202 says the request was taken and will be decided: its command must reach the log without being
            // sent again (what was answered 503 was not taken, and may be missing).
            Topics topics = Topics.from(new Topics.Settings(PREFIX, 4, 1));
            Set<String> holdsTaken = sentAway.stream()
                    .map(Hold::buyer)
                    .filter(buyer -> answeredAway.get(buyer) == 202)
                    .collect(Collectors.toSet());
            Set<String> joinsTaken = joinersAway.stream()
                    .filter(joiner -> answeredAway.get(joiner) == 202)
                    .collect(Collectors.toSet());
            AtomicReference<String> inTheLog = new AtomicReference<>("not read");
            try {
                await("every hold and join answered 202 while away is in the log")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            Set<String> holders = new HashSet<>(
                                    buyersIn(broker, topics.holdRequests(), command -> command.getBuyerId()));
                            holders.addAll(buyersIn(broker, topics.orderRequests(), command -> command.getBuyerId()));
                            Set<String> joiners = new HashSet<>(buyersIn(
                                    broker,
                                    topics.queueRequests(),
                                    command ->
                                            command.getType() == QueueCommandType.JOIN ? command.getBuyerId() : null));
                            long holds = holdsTaken.stream()
                                    .filter(holders::contains)
                                    .count();
                            long joins = joinsTaken.stream()
                                    .filter(joiners::contains)
                                    .count();
                            inTheLog.set(holds + " of " + holdsTaken.size() + " holds and " + joins + " of "
                                    + joinsTaken.size() + " joins answered 202");
                            // What was taken before the outage is there: the reading itself is sound.
                            assertThat(holders).contains("before-0");
                            assertThat(joiners).contains("follower");
                            return holds == holdsTaken.size() && joins == joinsTaken.size();
                        });
            } finally {
                System.out.printf("BrokerAwayIT: in the log after the restart: %s%n", inTheLog.get());
            }

            // ---- what buyers heard while it was away.
            Map<String, Map<Integer, Long>> statuses = seen.stream()
                    .collect(Collectors.groupingBy(
                            Seen::kind,
                            TreeMap::new,
                            Collectors.groupingBy(Seen::status, TreeMap::new, Collectors.counting())));
            long longest = seen.stream().mapToLong(Seen::millis).max().orElse(0);
            System.out.printf(
                    "BrokerAwayIT: broker killed (kill -9) for %d s of traffic, %d requests; statuses during the"
                            + " outage %s; longest answer %d ms; first hold decided %.1f s after the restart;"
                            + " load %s%n",
                    OUTAGE_TRAFFIC.toSeconds(),
                    seen.size(),
                    statuses,
                    longest,
                    firstDecisionMillis / 1000.0,
                    loadAverage());
            assertThat(seen).as("answers while the broker was away").isNotEmpty();
            assertThat(seen)
                    .as("an answer to each, no 500 (nor any 5xx but 503)")
                    .allSatisfy(answer -> assertThat(
                                    answer.status() == 503 || (answer.status() > 0 && answer.status() < 500))
                            .as("%s", answer)
                            .isTrue());
            assertThat(seen)
                    .as("every answer within %s", ANSWER_BOUND)
                    .allSatisfy(answer ->
                            assertThat(answer.millis()).as("%s", answer).isLessThanOrEqualTo(ANSWER_BOUND.toMillis()));
            assertThat(seen)
                    .filteredOn(answer -> answer.status() == 503)
                    .as("every 503")
                    .allSatisfy(answer -> {
                        assertThat(answer.retryAfter()).as("%s", answer).isNotBlank();
                        assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
                    });
            assertThat(seen)
                    .filteredOn(answer -> answer.status() == 202)
                    .as("every 202")
                    .allSatisfy(answer ->
                            assertThat(answer.retryAfter()).as("%s", answer).isNotBlank());

            // ---- the audit: holds left undecided are decided once with their key; nothing answered 201 is lost.
            int heldDuring = 0;
            int heldAfter = 0;
            int refusedAfter = 0;
            for (Hold hold : sentAway) {
                String known = held.get(hold);
                Seen decided = decidedWithSameKey(edge.uri(), event, hold);
                if (decided.status() == 201) {
                    String orderId = orderIdIn(decided.body());
                    if (known != null) {
                        assertThat(orderId).as("the same key is the same order").isEqualTo(known);
                        heldDuring++;
                    } else {
                        heldAfter++;
                    }
                    held.put(hold, orderId);
                } else {
                    assertThat(known)
                            .as("a hold answered 201 is never refused afterwards: %s", decided)
                            .isNull();
                    refusedAfter++;
                }
            }
            // Buyers who joined the room while it was away: joining again (idempotent) finds their place.
            Map<Integer, Long> rejoined = joinersAway.stream()
                    .map(joiner -> {
                        AtomicReference<Seen> last = new AtomicReference<>();
                        await("a place for " + joiner)
                                .atMost(Duration.ofSeconds(60))
                                .pollInterval(Duration.ofMillis(250))
                                .until(() -> {
                                    last.set(send("queue-join", joinRequest(edge.uri(), event, joiner)));
                                    return last.get().status() != 202
                                            && last.get().status() != 503;
                                });
                        assertThat(last.get().status()).as("%s", last.get()).isIn(200, 201);
                        return last.get().status();
                    })
                    .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
            System.out.printf(
                    "BrokerAwayIT audit: %d holds sent while away: %d answered 201 then, %d decided 201 and %d"
                            + " 409 when sent again with their key after the restart; %d holds HELD in all, each read back;"
                            + " %d joins while away found their place after (%s)%n",
                    sentAway.size(), heldDuring, heldAfter, refusedAfter, held.size(), joinersAway.size(), rejoined);
            Map<String, String> seatOwners = new HashMap<>();
            for (Map.Entry<Hold, String> entry : held.entrySet()) {
                Hold hold = entry.getKey();
                Order order = EdgeCalls.read(() -> api.order(entry.getValue(), hold.token()))
                        .orThrow("order " + entry.getValue());
                assertThat(order.status()).as("%s", order).isEqualTo(Order.HELD);
                assertThat(order.items()).extracting(Order.Item::seatId).containsExactly(hold.seat());
                assertThat(seatOwners.put(hold.seat(), order.orderId()))
                        .as("seat %s held twice", hold.seat())
                        .isNull();
            }
            await("the seat map shows every hold")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        SeatMap map = EdgeCalls.read(() -> api.seats(event, "A", TestTokens.buyer("auditor")))
                                .orThrow("seat map");
                        assertThat(map.seats())
                                .filteredOn(seat -> SeatMap.HELD.equals(seat.status()))
                                .extracting(SeatMap.SeatState::seatId)
                                .containsExactlyInAnyOrderElementsOf(seatOwners.keySet());
                    });
        }
    }

    private static String configure(EdgeApi api) {
        String event = "away-" + UUID.randomUUID().toString().substring(0, 8);
        EventConfig config = DemoEvents.typedOnSaleWithSeats(SEATS, DemoEvents.passThroughQueue());
        Answer<ConfigureAck> configured =
                api.configureEvent(event, config, TestTokens.organizer("org-1")).join();
        assertThat(configured.status()).as("%s", configured.problem()).isEqualTo(200);
        return event;
    }

    /** Sent until decided (201 or 409) with one key; the order id of its 201. */
    private static String holdDecided(EdgeApi api, String event, Hold hold) throws Exception {
        Seen decided = decidedWithSameKey(api.base(), event, hold);
        assertThat(decided.status()).as("%s", decided).isEqualTo(201);
        return orderIdIn(decided.body());
    }

    private static Seen decidedWithSameKey(URI edge, String event, Hold hold) {
        AtomicReference<Seen> last = new AtomicReference<>();
        await("hold " + hold + " decided")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    last.set(send("hold", holdRequest(edge, event, hold)));
                    return last.get().status() == 201 || last.get().status() == 409;
                });
        return last.get();
    }

    private static HttpRequest.Builder holdRequest(URI edge, String event, Hold hold) {
        return HttpRequest.newBuilder(edge.resolve("/api/events/" + event + "/orders"))
                .header("Authorization", "Bearer " + hold.token())
                .header("Idempotency-Key", hold.key())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seats\":[\"" + hold.seat() + "\"]}"));
    }

    private static HttpRequest.Builder joinRequest(URI edge, String event, String buyer) {
        return HttpRequest.newBuilder(edge.resolve("/api/events/" + event + "/queue"))
                .header("Authorization", "Bearer " + TestTokens.buyer(buyer))
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    private static HttpRequest.Builder get(URI edge, String path, String token) {
        return HttpRequest.newBuilder(edge.resolve(path))
                .header("Authorization", "Bearer " + token)
                .GET();
    }

    /**
     * One request on a connection of its own (Reactor Netty 1.3.6's keep-alive read stall, HostileRequestsIT), timed
     * from sending to the whole answer; no answer within the bound and a margin is status 0.
     */
    private static Seen send(String kind, HttpRequest.Builder request) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(
                    request.timeout(ANSWER_BOUND.plusSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Seen(
                    kind,
                    response.statusCode(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (java.io.IOException e) {
            return new Seen(
                    kind, 0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), null, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The buyers of every record of {@code topic} so far ({@code null} from {@code buyerOf} skips a record). */
    private static <V> Set<String> buyersIn(
            BrokerCluster broker, TopicSpec<String, V> topic, Function<V, String> buyerOf) {
        Set<String> buyers = new HashSet<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic.name(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    String buyer = buyerOf.apply(record.value());
                    if (buyer != null) {
                        buyers.add(buyer);
                    }
                }
            }
        }
        return buyers;
    }

    private static String loadAverage() {
        return String.format(
                "%.1f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }

    private static String orderIdIn(String body) {
        Matcher matcher = ORDER_ID.matcher(body);
        assertThat(matcher.find()).as("an orderId in %s", body).isTrue();
        return matcher.group(1);
    }

    private static String buyerOf(Map<Hold, String> held, String orderId) {
        synchronized (held) {
            return held.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(orderId))
                    .findFirst()
                    .orElseThrow()
                    .getKey()
                    .buyer();
        }
    }
}
