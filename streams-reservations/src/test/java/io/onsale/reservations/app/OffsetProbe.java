package io.onsale.reservations.app;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTransactionsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Diagnostics for a drill's slow stretch, off unless {@code -Donsale.it.probe=true}: four times a second, the end
 * (high watermark) and the last stable offset of every partition of the topics given, and the transactions open on the
 * cluster, each printed with the time when it changes. Where an order waits shows at a glance: records not written yet
 * (the end does not move), or written and held behind an open transaction (the end moves, the stable offset does not).
 */
final class OffsetProbe implements AutoCloseable {

    static final boolean ENABLED = Boolean.getBoolean("onsale.it.probe");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Admin admin;
    private final List<TopicPartition> partitions;
    private final long since;
    private final Thread thread;
    private volatile boolean running = true;
    private final Map<TopicPartition, String> last = new HashMap<>();
    private String lastTransactions = "";

    private OffsetProbe(String bootstrapServers, List<TopicPartition> partitions, long since) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                2_000,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG,
                50));
        this.partitions = partitions;
        this.since = since;
        this.thread = new Thread(this::run, "offset-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** A running probe, or a no-op when not enabled. */
    static AutoCloseable start(String bootstrapServers, Collection<String> topics, int partitions, long since) {
        if (!ENABLED) {
            return () -> {};
        }
        List<TopicPartition> all = topics.stream()
                .flatMap(topic ->
                        java.util.stream.IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)))
                .toList();
        return new OffsetProbe(bootstrapServers, all, since);
    }

    /** Extra JVM options for the child processes named ({@code engine}, {@code broker}), e.g. more logging: opt-in. */
    static List<String> jvmOptions(String process) {
        String options =
                System.getProperty("onsale.it." + process + "JvmOptions", "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** The kill (System.nanoTime) the drill's probe lines count from. */
    static volatile long origin = System.nanoTime();

    static void print(String what) {
        print(origin, what);
    }

    static void print(long since, String what) {
        if (ENABLED) {
            System.out.printf(
                    "PROBE %s +%.3fs %s%n", LocalTime.now().format(CLOCK), (System.nanoTime() - since) / 1e9, what);
        }
    }

    /**
     * Thread dumps ({@code jstack}) of the engines given at the seconds given after {@link #origin}, into the folder given:
     * what every stream thread waits on while nothing is decided. Off unless {@code -Donsale.it.threadDumps=true}.
     */
    static void dumpThreads(List<EngineProcess> engines, java.nio.file.Path folder, int... seconds) {
        if (!Boolean.getBoolean("onsale.it.threadDumps")) { // jstack stalls the engines: they run slower while dumped
            return;
        }
        Thread dumper = new Thread(
                () -> {
                    for (int second : seconds) {
                        long wait = origin + second * 1_000_000_000L - System.nanoTime();
                        try {
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000);
                            }
                            for (EngineProcess engine : engines) {
                                if (engine.pid() > 0) {
                                    java.nio.file.Path out =
                                            folder.resolve("jstack-" + engine.name() + "-" + second + "s.txt");
                                    new ProcessBuilder("jstack", Long.toString(engine.pid()))
                                            .redirectErrorStream(true)
                                            .redirectOutput(out.toFile())
                                            .start()
                                            .waitFor();
                                }
                            }
                            print("thread dumps of the engines taken into " + folder);
                        } catch (Exception e) {
                            print("thread dump failed: " + e);
                            return;
                        }
                    }
                },
                "thread-dumper");
        dumper.setDaemon(true);
        dumper.start();
    }

    private void run() {
        while (running) {
            long started = System.nanoTime();
            try {
                sample();
            } catch (Exception e) {
                print(since, "sample failed: " + e);
            }
            long slept = 250 - (System.nanoTime() - started) / 1_000_000;
            if (slept > 0) {
                try {
                    Thread.sleep(slept);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void sample() throws Exception {
        Map<TopicPartition, OffsetSpec> latest =
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = offsets(latest, IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> stable = offsets(latest, IsolationLevel.READ_COMMITTED);
        for (TopicPartition partition : partitions) {
            String now = "end=" + ends.get(partition) + " lso=" + stable.get(partition);
            if (!now.equals(last.put(partition, now))) {
                print(since, partition + " " + now);
            }
        }
        Collection<TransactionListing> open = admin.listTransactions(new ListTransactionsOptions()
                        .filterStates(List.of(
                                TransactionState.ONGOING,
                                TransactionState.PREPARE_COMMIT,
                                TransactionState.PREPARE_ABORT))
                        .filterOnDuration(500)
                        .timeoutMs(2_000))
                .all()
                .get();
        String transactions;
        if (open.isEmpty()) {
            transactions = "none";
        } else {
            Map<String, TransactionDescription> described = admin.describeTransactions(
                            open.stream()
                                    .map(TransactionListing::transactionalId)
                                    .toList(),
                            new DescribeTransactionsOptions().timeoutMs(2_000))
                    .all()
                    .get();
            transactions = described.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(entry -> entry.getKey() + "[" + entry.getValue().state() + " coordinator "
                            + entry.getValue().coordinatorId() + " producer "
                            + entry.getValue().producerId() + "/"
                            + entry.getValue().producerEpoch() + " started "
                            + entry.getValue().transactionStartTimeMs().stream()
                                    .mapToObj(ms -> LocalTime.ofInstant(
                                                    java.time.Instant.ofEpochMilli(ms), java.time.ZoneOffset.UTC)
                                            .format(CLOCK))
                                    .findFirst()
                                    .orElse("?")
                            + " timeout " + entry.getValue().transactionTimeoutMs() + " partitions "
                            + entry.getValue().topicPartitions() + "]")
                    .collect(Collectors.joining(" "));
        }
        if (!Objects.equals(transactions, lastTransactions)) {
            lastTransactions = transactions;
            print(since, "open transactions (>0.5 s): " + transactions);
        }
    }

    private Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetSpec> latest, IsolationLevel isolation) {
        Map<TopicPartition, Long> out = new HashMap<>();
        ListOffsetsResult result = admin.listOffsets(latest, new ListOffsetsOptions(isolation).timeoutMs(2_000));
        for (TopicPartition partition : latest.keySet()) {
            try {
                out.put(partition, result.partitionResult(partition).get().offset());
            } catch (Exception e) {
                out.put(partition, -1L);
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        admin.close(Duration.ofSeconds(2));
    }
}
