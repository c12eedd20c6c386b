package io.onsale.reservations.app;

import static io.onsale.reservations.app.TwoInstancesFailoverIT.EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.TopicProvisioner;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.app.TwoInstancesFailoverIT.Log;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The sale that {@link EngineKillIT} and {@link BrokerKillIT} break, each its own way: two {@code engine.jar} processes
 * (a standby of every task each) on the brokers given, the venue and the burst of {@link TwoInstancesFailoverIT} sent
 * in three thirds, in chunks of ten 100 ms apart, when each order left and when its answer was read, and afterwards
 * the audit: every order answered once, no unit decision made twice, never a unit held or sold beyond its capacity,
 * one winner a contended seat, nothing dead-lettered. Topics and the application id are the test's own
 * ({@link RealKafka#uniquePrefix}); the processes' output is kept in {@code target/<test>/}.
 */
final class KillDrill implements AutoCloseable {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final int CHUNK = 10;
    private static final Duration PACE = Duration.ofMillis(100);

    private final String bootstrapServers;
    private final Topics topics;
    private final EventConfig venue;
    private final Map<String, Integer> capacities;
    private final Map<String, OrderCommand> places = new HashMap<>();
    private final Set<String> retried;
    private final List<List<OrderCommand>> chunks;
    /** When each order left (System.nanoTime), for its wait. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    /** Each step and when it was done, in seconds since the drill began: printed by the tests. */
    private final List<String> timeline = new CopyOnWriteArrayList<>();

    private final long began = System.nanoTime();
    private final EngineProcess a;
    private final EngineProcess b;
    private final AnswerClock answers;
    private final Log<ReservationEvent> decisions;
    private final Log<OrderEvent> answerLog;
    private final KafkaProducer<String, EventConfig> organizer;
    private final KafkaProducer<String, OrderCommand> buyers;

    /**
     * Provisions the test's topics with the replication factor given and opens the readers and producers; the engines
     * start with {@link #openTheSale()}.
     *
     * @param test the test's name ({@code "BrokerKill"}): the topics' prefix and the folder of the processes' logs
     */
    KillDrill(String test, String bootstrapServers, short replicationFactor, Path stateRoot, Random random)
            throws IOException {
        assertThat(EngineProcess.ENGINE_JAR)
                .as("engine.jar is built by this module's package phase, before its integration tests")
                .exists();
        this.bootstrapServers = bootstrapServers;
        String prefix = RealKafka.uniquePrefix(test);
        topics = Topics.from(new Topics.Settings(prefix, 4, 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            new TopicProvisioner(admin, replicationFactor).ensure(topics.all());
        }
        venue = TwoInstancesFailoverIT.venue(Instant.now().minusSeconds(60));
        capacities = TwoInstancesFailoverIT.capacities(venue);
        List<OrderCommand> burst = TwoInstancesFailoverIT.burst(random);
        burst.forEach(command -> places.putIfAbsent(command.getRequestId(), command));
        retried = TwoInstancesFailoverIT.retriedRequests(burst);
        chunks = TwoInstancesFailoverIT.chunks(burst, (burst.size() + CHUNK - 1) / CHUNK);

        Map<String, String> settings = Map.of(
                "ONSALE_KAFKA_BOOTSTRAP_SERVERS",
                bootstrapServers,
                "ONSALE_KAFKA_TOPIC_PREFIX",
                prefix,
                "ONSALE_KAFKA_PARTITIONS",
                "4",
                "ONSALE_KAFKA_CONFIG_PARTITIONS",
                "1",
                "ONSALE_KAFKA_REPLICATION_FACTOR",
                Short.toString(replicationFactor),
                "ONSALE_KAFKA_APPLICATION_ID",
                prefix + "reservations");
        Path logs = logDirectory(test);
        a = new EngineProcess("a", settings, stateRoot.resolve("a"), freePort(), logs.resolve("a.log"), this::mark);
        b = new EngineProcess("b", settings, stateRoot.resolve("b"), freePort(), logs.resolve("b.log"), this::mark);
        answers = new AnswerClock(topics, bootstrapServers);
        decisions = new Log<>(topics.reservationEvents(), bootstrapServers);
        answerLog = new Log<>(topics.orderEvents(), bootstrapServers);
        organizer = TwoInstancesFailoverIT.producer(
                topics.eventConfig().valueSerde().serializer(), null, bootstrapServers);
        buyers = TwoInstancesFailoverIT.producer(
                topics.orderRequests().valueSerde().serializer(), prefix + "buyers", bootstrapServers);
    }

    /** {@code target/<test in kebab case>-it}: {@code target/engine-kill-it} for "EngineKill". */
    static Path logDirectory(String test) {
        return Path.of("target", test.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + "-it");
    }

    Topics topics() {
        return topics;
    }

    EngineProcess engineA() {
        return a;
    }

    EngineProcess engineB() {
        return b;
    }

    int orders() {
        return places.size();
    }

    List<String> timeline() {
        return timeline;
    }

    /** Starts both engines, waits until each owns tasks, configures the venue and waits until every unit is. */
    void openTheSale() throws Exception {
        a.start();
        b.start();
        waitFor(
                "both engines run and each owns tasks",
                () -> a.healthy() && b.healthy() && a.ownsTasks() && b.ownsTasks());
        organizer
                .send(new ProducerRecord<>(topics.eventConfig().name(), EVENT, venue))
                .get();
        waitFor(
                "every unit is configured",
                () -> decisions.read().stream()
                                .filter(decision -> decision.getType() == ReservationEventType.CONFIGURED)
                                .count()
                        == capacities.size());
    }

    /** The first (0), second (1) or last (2) third of the burst's chunks, one transaction each, 100 ms apart. */
    void sendThird(int third) throws InterruptedException {
        int size = chunks.size() / 3;
        for (List<OrderCommand> chunk : chunks.subList(third * size, third == 2 ? chunks.size() : (third + 1) * size)) {
            long now = System.nanoTime();
            chunk.forEach(command -> sentAt.putIfAbsent(command.getRequestId(), now));
            TwoInstancesFailoverIT.send(buyers, topics, chunk);
            if ((System.nanoTime() - now) > 500_000_000L) {
                OffsetProbe.print(
                        "buyers: a chunk of " + chunk.size() + " took " + (System.nanoTime() - now) / 1_000_000
                                + " ms to commit, sent at +" + (now - OffsetProbe.origin) / 1_000_000 + " ms");
            }
            Thread.sleep(PACE.toMillis()); // the pace of arrivals, not a wait for a condition
        }
    }

    int answered() {
        return answers.answered();
    }

    boolean answeredEverythingSent() {
        return answers.answeredAll(sentAt.keySet());
    }

    /** The longest an order sent after {@code since} (System.nanoTime) waited for its answer, in ms: the gap. */
    long longestWaitOfOrdersSentAfter(long since) {
        return answers.longestWaitOfOrdersSentAfter(since, sentAt);
    }

    /**
     * The longest an order sent before {@code until} (System.nanoTime) waited for its answer, in ms: what an order costs
     * on this machine without a failure, to read a gap against.
     */
    long longestWaitOfOrdersSentBefore(long until) {
        return answers.longestWaitOfOrdersSentBefore(until, sentAt);
    }

    /** {@link AnswerClock#answersBySecondSent}: when the orders sent in each second after {@code since} were answered. */
    String answersBySecondSentAfter(long since) {
        return answers.answersBySecondSent(since, sentAt);
    }

    /** The sale's logs once every order has its answer. */
    record Settled(List<OrderEvent> answers, List<ReservationEvent> decisions) {}

    /** Waits until every order placed has its answer, then reads both logs to their end. */
    Settled settle() {
        waitFor("every order placed gets an answer", () -> answers.answeredAll(places.keySet()));
        waitFor(
                "the answer log has every answer",
                () -> TwoInstancesFailoverIT.answeredRequests(answerLog.read()).containsAll(places.keySet()));
        return new Settled(answerLog.read(), readToTheEnd(decisions));
    }

    /** What neither an engine's nor a broker's death may change. */
    void audit(Settled settled) {
        TwoInstancesFailoverIT.assertEveryPlaceGotExactlyOneFirstAnswer(settled.answers(), places, retried);
        assertThat(TwoInstancesFailoverIT.repeatedDecisions(settled.decisions()))
                .as("exactly once across the kills: no unit command is decided twice")
                .isEmpty();
        assertThat(TwoInstancesFailoverIT.historyViolations(settled.decisions(), capacities))
                .as("at no point is a unit held or sold beyond its capacity")
                .isEmpty();
        TwoInstancesFailoverIT.assertExactlyOneWinnerPerContendedSeat(settled.answers(), places);
        assertThat(TwoInstancesFailoverIT.deadLetters(topics, bootstrapServers))
                .as("nothing went to a dead-letter topic")
                .isEmpty();
    }

    /** Every record of the log: read until a poll brings nothing new. */
    private static <V> List<V> readToTheEnd(Log<V> log) {
        int before;
        do {
            before = log.read().size();
            log.waitBriefly();
        } while (log.read().size() != before);
        return log.read();
    }

    /** Waits, checking every 100 ms, for a condition that must come true within {@link #WAIT}; notes when it did. */
    void waitFor(String what, Callable<Boolean> condition) {
        await(what)
                .atMost(WAIT)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(condition);
        mark(what);
    }

    void mark(String step) {
        timeline.add(step + " @" + Math.round((System.nanoTime() - began) / 1e8) / 10.0 + "s");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try (a;
                b;
                answers;
                decisions;
                answerLog;
                organizer;
                buyers) {
            // closed in reverse order: the clients, then the engines
        }
    }
}
