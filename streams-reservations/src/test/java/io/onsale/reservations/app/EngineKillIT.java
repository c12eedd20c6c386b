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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as it runs in production: two processes of {@code engine.jar} (a standby of every task each), killed with
 * SIGKILL in the middle of a sale, not asked to leave; orders arrive in chunks of ten, 100 ms apart, before and right
 * after each kill. First B is killed and stays dead: A's standbys take B's tasks over (few records restored: the
 * standby was used) once the group notices B is gone. Then A, alone, is killed and restarted at once on its state: a
 * static member takes its own tasks back without waiting for its old session. Afterwards the audit of {@link TwoInstancesFailoverIT}:
 * every order answered once, no unit decision made twice, never a unit held or sold beyond its capacity, one winner a
 * contended seat, nothing dead-lettered. The gaps (the longest an order sent after a kill waited for its answer) are
 * printed; the long version with more kills is {@code ./ticketing bench failover}.
 */
class EngineKillIT {

    private static final Path ENGINE_JAR = Path.of("target", "engine.jar");
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final int CHUNK = 10;
    private static final Duration PACE = Duration.ofMillis(100);

    @TempDir
    Path stateRoot;

    private final List<String> timeline = new CopyOnWriteArrayList<>();
    private final long began = System.nanoTime();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anEngineKilledMidSaleIsTakenOverAndNothingIsLostOrDecidedTwice() throws Exception {
        assertThat(ENGINE_JAR).as("engine.jar is built by this module's package phase, before its integration tests")
                .exists();
        String prefix = RealKafka.uniquePrefix("EngineKill");
        Topics topics = Topics.from(new Topics.Settings(prefix, 4, 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).ensure(topics.all());
        }
        EventConfig venue = TwoInstancesFailoverIT.venue(Instant.now().minusSeconds(60));
        Map<String, Integer> capacities = TwoInstancesFailoverIT.capacities(venue);
        List<OrderCommand> burst = TwoInstancesFailoverIT.burst(new Random(20261204));
        Map<String, OrderCommand> places = new HashMap<>();
        burst.forEach(command -> places.putIfAbsent(command.getRequestId(), command));
        Set<String> retried = TwoInstancesFailoverIT.retriedRequests(burst);

        EngineProcess a = new EngineProcess("a", prefix, stateRoot.resolve("a"), freePort());
        EngineProcess b = new EngineProcess("b", prefix, stateRoot.resolve("b"), freePort());
        try (a; b;
             AnswerClock answers = new AnswerClock(topics);
             Log<ReservationEvent> decisions = new Log<>(topics.reservationEvents());
             Log<OrderEvent> answerLog = new Log<>(topics.orderEvents());
             KafkaProducer<String, EventConfig> organizer = TwoInstancesFailoverIT.producer(
                     topics.eventConfig().valueSerde().serializer(), null);
             KafkaProducer<String, OrderCommand> buyers = TwoInstancesFailoverIT.producer(
                     topics.orderRequests().valueSerde().serializer(), prefix + "buyers")) {
            a.start();
            b.start();
            waitFor("both engines run and each owns tasks", () -> a.healthy() && b.healthy() && a.ownsTasks() && b.ownsTasks());
            organizer.send(new ProducerRecord<>(topics.eventConfig().name(), EVENT, venue)).get();
            waitFor("every unit is configured", () -> decisions.read().stream()
                    .filter(decision -> decision.getType() == ReservationEventType.CONFIGURED).count() == capacities.size());

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<List<OrderCommand>> chunks = TwoInstancesFailoverIT.chunks(burst, (burst.size() + CHUNK - 1) / CHUNK);
            int third = chunks.size() / 3;
            send(buyers, topics, chunks.subList(0, third), sentAt);
            waitFor("the engines are deciding the sale", () -> answers.answered() >= 30);
            String beforeKill = a.restoration();

            // ---- B dies and stays dead: A takes its tasks over from its standbys. Orders keep coming meanwhile.
            long firstKill = b.kill();
            mark("B killed");
            send(buyers, topics, chunks.subList(third, 2 * third), sentAt);
            waitFor("A answers every order sent so far, alone", () -> answers.answeredAll(sentAt.keySet()) && a.ownsAllTasks());
            long firstGap = answers.longestWaitOfOrdersSentAfter(firstKill, sentAt);
            String afterTakeover = a.restoration();

            // ---- A, now alone, dies and is restarted at once on its state: a static member takes its tasks back.
            long secondKill = a.kill();
            mark("A killed");
            a.start();
            send(buyers, topics, chunks.subList(2 * third, chunks.size()), sentAt);
            waitFor("every order placed gets an answer", () -> answers.answeredAll(places.keySet()));
            long secondGap = answers.longestWaitOfOrdersSentAfter(secondKill, sentAt);

            waitFor("the answer log has every answer", () ->
                    TwoInstancesFailoverIT.answeredRequests(answerLog.read()).containsAll(places.keySet()));
            List<OrderEvent> settledAnswers = answerLog.read();
            List<ReservationEvent> settledDecisions = readToTheEnd(decisions);
            System.out.printf("EngineKillIT: %d orders; gap after a kill without restart %d ms, after a kill and an"
                            + " immediate restart %d ms; A before the first kill: %s; A after taking over: %s; timeline %s%n",
                    places.size(), firstGap, secondGap, beforeKill.replace('\n', ' '), afterTakeover.replace('\n', ' '),
                    timeline);

            TwoInstancesFailoverIT.assertEveryPlaceGotExactlyOneFirstAnswer(settledAnswers, places, retried);
            assertThat(TwoInstancesFailoverIT.repeatedDecisions(settledDecisions))
                    .as("exactly once across the kills: no unit command is decided twice").isEmpty();
            assertThat(TwoInstancesFailoverIT.historyViolations(settledDecisions, capacities))
                    .as("at no point is a unit held or sold beyond its capacity").isEmpty();
            TwoInstancesFailoverIT.assertExactlyOneWinnerPerContendedSeat(settledAnswers, places);
            assertThat(TwoInstancesFailoverIT.deadLetters(topics)).as("nothing went to a dead-letter topic").isEmpty();
            assertThat(counter(beforeKill, "standby-records")).as("A kept a warm copy of B's tasks").isPositive();
            assertThat(counter(afterTakeover, "restored-records") - counter(beforeKill, "restored-records"))
                    .as("taking B's tasks over replayed only what the standby had not applied yet, not B's changelogs")
                    .isLessThan(counter(afterTakeover, "standby-records"));
        }
    }

    /** The chunks, one transaction each, {@link #PACE} apart: when each order left is noted for its wait. */
    private static void send(KafkaProducer<String, OrderCommand> buyers, Topics topics, List<List<OrderCommand>> chunks,
                             Map<String, Long> sentAt) throws InterruptedException {
        for (List<OrderCommand> chunk : chunks) {
            long now = System.nanoTime();
            chunk.forEach(command -> sentAt.putIfAbsent(command.getRequestId(), now));
            TwoInstancesFailoverIT.send(buyers, topics, chunk);
            Thread.sleep(PACE.toMillis()); // the pace of arrivals, not a wait for a condition
        }
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

    private void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) {
        await(what).atMost(WAIT).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(condition);
        mark(what);
    }

    private void mark(String step) {
        timeline.add(step + " @" + Math.round((System.nanoTime() - began) / 1e8) / 10.0 + "s");
    }

    private static long counter(String restoration, String name) {
        return restoration.lines().filter(line -> line.startsWith(name + " "))
                .mapToLong(line -> Long.parseLong(line.substring(name.length() + 1).trim())).findFirst().orElse(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** When each answer was read here (the records carry their order's time, not their decision's). */
    private static final class AnswerClock implements AutoCloseable {

        private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
        private final KafkaConsumer<String, OrderEvent> consumer;
        private final Thread reader;
        private volatile boolean running = true;

        AnswerClock(Topics topics) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                    new StringDeserializer(), topics.orderEvents().valueSerde().deserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < topics.orderEvents().partitions(); p++) {
                partitions.add(new TopicPartition(topics.orderEvents().name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            reader = new Thread(() -> {
                while (running) {
                    consumer.poll(Duration.ofMillis(50)).forEach(record ->
                            firstSeen.putIfAbsent(record.value().getRequestId(), System.nanoTime()));
                }
                consumer.close();
            }, "answer-clock");
            reader.start();
        }

        int answered() {
            return firstSeen.size();
        }

        boolean answeredAll(Set<String> requests) {
            return firstSeen.keySet().containsAll(requests);
        }

        /** The longest any order sent after {@code since} waited for its answer, in ms. */
        long longestWaitOfOrdersSentAfter(long since, Map<String, Long> sentAt) {
            return sentAt.entrySet().stream().filter(sent -> sent.getValue() >= since && firstSeen.containsKey(sent.getKey()))
                    .mapToLong(sent -> (firstSeen.get(sent.getKey()) - sent.getValue()) / 1_000_000).max().orElse(0);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            reader.join(5_000);
        }
    }

    /** One engine.jar process, as {@code ./ticketing engine start} runs it: its own state directory and query port. */
    private final class EngineProcess implements AutoCloseable {

        private final String name;
        private final String prefix;
        private final Path stateDir;
        private final int port;
        private Process process;

        EngineProcess(String name, String prefix, Path stateDir, int port) {
            this.name = name;
            this.prefix = prefix;
            this.stateDir = stateDir;
            this.port = port;
        }

        void start() throws IOException {
            Files.createDirectories(stateDir);
            ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx384m", "-jar", ENGINE_JAR.toAbsolutePath().toString());
            Map<String, String> environment = builder.environment();
            environment.put("ONSALE_KAFKA_BOOTSTRAP_SERVERS", RealKafka.bootstrapServers());
            environment.put("ONSALE_KAFKA_TOPIC_PREFIX", prefix);
            environment.put("ONSALE_KAFKA_PARTITIONS", "4");
            environment.put("ONSALE_KAFKA_CONFIG_PARTITIONS", "1");
            environment.put("ONSALE_KAFKA_APPLICATION_ID", prefix + "reservations");
            environment.put("ONSALE_KAFKA_STATE_DIR", stateDir.toString());
            environment.put("ONSALE_KAFKA_STANDBY_REPLICAS", "1");
            environment.put("ONSALE_KAFKA_ROCKSDB_MEMORY_MB", "64");
            environment.put("ONSALE_KAFKA_APPLICATION_SERVER", "127.0.0.1:" + port);
            // Kept after the run (the state directories are not): what each process said, across its restarts.
            Path log = Path.of("target", "engine-kill-it", name + ".log");
            Files.createDirectories(log.getParent());
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = builder.start();
            mark(name + " started");
        }

        /** SIGKILL: no shutdown hook, no leave, no commit. Returns when it was sent (System.nanoTime). */
        long kill() throws InterruptedException {
            long at = System.nanoTime();
            process.destroyForcibly();
            process.waitFor();
            return at;
        }

        boolean healthy() {
            return get("/health").map(answer -> answer.statusCode() == 200).orElse(false);
        }

        /** Some partition of the orders store is this instance's, as its own owner table says. */
        boolean ownsTasks() {
            return get("/owners").map(answer -> answer.statusCode() == 200 && answer.body().contains(":" + port))
                    .orElse(false);
        }

        /** Every partition of every queried store is this instance's. */
        boolean ownsAllTasks() {
            return get("/owners").map(answer -> answer.statusCode() == 200 && answer.body().lines().skip(1)
                    .allMatch(line -> line.split(" ").length > 1 && List.of(line.split(" ")).subList(1, line.split(" ").length)
                            .stream().allMatch(owner -> owner.endsWith(":" + port)))).orElse(false);
        }

        String restoration() {
            return get("/restoration").filter(answer -> answer.statusCode() == 200).map(HttpResponse::body).orElse("");
        }

        private java.util.Optional<HttpResponse<String>> get(String path) {
            try {
                return java.util.Optional.of(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()));
            } catch (IOException e) {
                return java.util.Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return java.util.Optional.empty();
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
