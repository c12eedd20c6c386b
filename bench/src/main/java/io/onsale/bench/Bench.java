package io.onsale.bench;

import io.onsale.kafka.app.StreamsAppConfig;
import io.onsale.kafka.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point: {@code java -jar bench.jar baseline|engine …} against a running broker. Every run uses fresh topic
 * names and application ids and deletes them at the end.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Throughput and latency of the reservation engine, the waiting room and the edge, with the raw Kafka"
                + " baseline measured in the same run.",
        subcommands = {Bench.Baseline.class, Bench.Engine.class, Bench.Queue.class, Bench.QueueHttp.class,
                Bench.HoldsHttp.class, Bench.Latency.class, Bench.Profile.class}, commandListHeading = "%nCommands:%n")
public final class Bench implements Callable<Integer> {

    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Bench());
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("bench: failed: " + e.getMessage());
            e.printStackTrace(cl.getErr());
            cl.getErr().flush();
            return FAILED;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: baseline, engine, queue, queue-http, holds-http or latency");
    }

    /** Options every benchmark shares. */
    /** How the HTTP benchmarks drive the edge: wrk's connections and threads, and whose tokens they send. */
    static final class WrkOptions {
        @Option(names = "--connections", defaultValue = "1000", description = "wrk connections (default: ${DEFAULT-VALUE})")
        int connections;

        @Option(names = "--wrk-threads", defaultValue = "2", description = "wrk threads (default: ${DEFAULT-VALUE})")
        int wrkThreads;

        @Mixin
        io.onsale.loadgen.auth.IdentityOptions identity = new io.onsale.loadgen.auth.IdentityOptions();

        io.onsale.loadgen.auth.TokenMinter minter() {
            return identity.minter(System.getenv(), java.time.Clock.systemUTC());
        }

        void describe(Map<String, Object> settings) {
            settings.put("connections", connections);
            settings.put("wrkThreads", wrkThreads);
        }
    }

    static final class Common {
        @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
        String bootstrap;

        @Option(names = "--partitions", defaultValue = "12", description = "partitions of every hot topic (default: ${DEFAULT-VALUE})")
        int partitions;

        @Option(names = "--threads", defaultValue = "1", description = "stream threads (default: ${DEFAULT-VALUE})")
        int threads;

        @Option(names = "--rocksdb-memory-mb", defaultValue = "" + StreamsAppConfig.DEFAULT_ROCKSDB_MEMORY_MB,
                description = "RocksDB memory budget of the JVM (default: ${DEFAULT-VALUE})")
        int rocksDbMemoryMb;

        @Option(names = "--commit-interval-ms", description = "Streams commit.interval.ms of the measured apps (default: the platform's)")
        Integer commitIntervalMs;

        @Option(names = "--poll-ms", description = "Streams poll.ms of the measured apps (default: the platform's, at most the commit interval)")
        Integer pollMs;

        io.onsale.kafka.app.CommitTiming timing() {
            io.onsale.kafka.app.CommitTiming platform = io.onsale.kafka.app.CommitTiming.DEFAULT;
            int commit = commitIntervalMs != null ? commitIntervalMs : platform.commitIntervalMs();
            return new io.onsale.kafka.app.CommitTiming(commit, pollMs != null ? pollMs : Math.min(commit, platform.pollMs()));
        }

        @Option(names = "--record-size", description = "value bytes of the baseline records (default: one encoded HOLD command)")
        Integer recordSize;

        @Option(names = "--idle-timeout-s", defaultValue = "60", description = "give up when no output arrives for this long (default: ${DEFAULT-VALUE})")
        int idleTimeoutSeconds;

        @Option(names = "--out", description = "JSON report file (default: <out-dir>/<kind>-<run id>.json)")
        Path out;

        @Option(names = "--out-dir", defaultValue = ".", description = "where the JSON report goes when --out is not given (default: ${DEFAULT-VALUE})")
        Path outDir;

        @Option(names = "--commit", defaultValue = "unknown", description = "the commit measured, for the report")
        String commit;

        @Option(names = "--warmup-records", defaultValue = "100000",
                description = "records of an unreported warm-up of each measured step first, so JIT compilation is not measured; 0 skips it (default: ${DEFAULT-VALUE})")
        int warmupRecords;

        @Option(names = "--keep", description = "keep the run's topics instead of deleting them")
        boolean keep;

        @Option(names = "--state-dir", description = "parent of the run's Streams state directory (default: the OS temp directory); deleted at the end")
        Path stateDir;

        BenchRun newRun() {
            return new BenchRun(bootstrap, stateDir, keep);
        }

        Duration idle() {
            return Duration.ofSeconds(idleTimeoutSeconds);
        }

        int recordSize() {
            return recordSize != null ? recordSize : encodedHoldBytes();
        }

        Map<String, Object> settings() {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("partitions", partitions);
            settings.put("streamThreads", threads);
            settings.put("processingGuarantee", "exactly_once_v2");
            settings.put("commitIntervalMs", timing().commitIntervalMs());
            settings.put("pollMs", timing().pollMs());
            settings.put("rocksDbMemoryMb", rocksDbMemoryMb);
            settings.put("recordSize", recordSize());
            settings.put("warmupRecords", warmupRecords);
            return settings;
        }

        Path reportFile(String kind, BenchRun run) {
            return out != null ? out : outDir.resolve(kind + "-" + run.id() + ".json");
        }
    }

    /** Bytes of one JOIN command as the waiting room reads it: the baseline's record size for the queue benchmarks. */
    static int encodedJoinBytes() {
        Topics topics = Topics.from(Topics.Settings.defaults());
        return topics.queueRequests().valueSerde().serializer()
                .serialize(topics.queueRequests().name(), QueueBenchmark.join(123_456)).length;
    }

    /** Bytes of one HOLD command as the engine reads it: the default size of baseline records. */
    static int encodedHoldBytes() {
        Topics topics = Topics.from(Topics.Settings.defaults());
        return topics.reservationRequests().valueSerde().serializer()
                .serialize(topics.reservationRequests().name(), new BenchVenue("bench-event", 50_000).hold(123_456)).length;
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = "Raw producer rate and a minimal get+put exactly-once processor on this machine and broker.")
    static final class Baseline implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Option(names = "--records", defaultValue = "500000", description = "records for the producer and the processor (default: ${DEFAULT-VALUE})")
        int records;

        @Option(names = "--keys", defaultValue = "50000", description = "distinct keys (store entries) of the processor (default: ${DEFAULT-VALUE})")
        int keys;

        @Override
        public Integer call() throws Exception {
            double load = Machine.loadAverage();
            try (BenchRun run = common.newRun()) {
                Measured baseline = measureBaseline(common, run, records, keys);
                Map<String, Object> settings = common.settings();
                settings.put("records", records);
                settings.put("keys", keys);
                return finish(common, run, Report.of("baseline", run, common.commit, settings, baseline.producer(),
                        baseline.minimal(), null, load));
            }
        }
    }

    @Command(name = "engine", mixinStandardHelpOptions = true,
            description = "Unit decisions per second of the real reservation topology, with the baseline measured first in the same run.")
    static final class Engine implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Option(names = "--holds", defaultValue = "200000", description = "HOLD commands to decide (default: ${DEFAULT-VALUE})")
        int holds;

        @Option(names = "--seats", defaultValue = "50000", description = "seats of the event (default: ${DEFAULT-VALUE})")
        int seats;

        @Option(names = "--baseline-records", description = "records of the baseline (default: as many as --holds)")
        Integer baselineRecords;

        @Option(names = "--no-baseline", description = "measure the engine only")
        boolean noBaseline;

        @Option(names = "--via-orders", description = "send single-seat PLACE orders to order-requests and count the answers"
                + " on order-events (the buyer's whole path through the engine) instead of HOLDs to the units")
        boolean viaOrders;

        @Override
        public Integer call() throws Exception {
            double load = Machine.loadAverage();
            try (BenchRun run = common.newRun()) {
                int records = baselineRecords != null ? baselineRecords : holds;
                Measured baseline = noBaseline ? new Measured(null, null) : measureBaseline(common, run, records, seats);
                if (common.warmupRecords > 0) {
                    int warmupSeats = Math.max(1, Math.min(seats, common.warmupRecords / 4));
                    System.err.printf("bench: engine warm-up (not reported): %,d seats, %,d holds ...%n", warmupSeats,
                            common.warmupRecords);
                    EngineBenchmark.run(run, "engine-warmup", common.partitions, common.threads, common.rocksDbMemoryMb, common.timing(),
                            warmupSeats, common.warmupRecords, viaOrders, common.idle());
                }
                System.err.printf("bench: engine: configuring %,d seats, then deciding %,d holds ...%n", seats, holds);
                EngineBenchmark.Result engine = EngineBenchmark.run(run, "engine", common.partitions, common.threads,
                        common.rocksDbMemoryMb, common.timing(), seats, holds, viaOrders, common.idle());
                Map<String, Object> settings = common.settings();
                settings.put("holds", holds);
                settings.put("seats", seats);
                settings.put("viaOrders", viaOrders);
                settings.put("baselineRecords", noBaseline ? 0 : records);
                return finish(common, run, Report.of("engine", run, common.commit, settings, baseline.producer(),
                        baseline.minimal(), engine, load));
            }
        }
    }

    @Command(name = "queue", mixinStandardHelpOptions = true,
            description = "Joins per second of the real waiting-room topology (one event: one partition, one ordered "
                    + "sequence), with the baseline measured first in the same run over one key.")
    static final class Queue implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Option(names = "--joins", defaultValue = "100000", description = "JOIN commands of distinct buyers (default: ${DEFAULT-VALUE})")
        int joins;

        @Option(names = "--no-baseline", description = "measure the waiting room only")
        boolean noBaseline;

        @Override
        public Integer call() throws Exception {
            double load = Machine.loadAverage();
            if (common.recordSize == null) {
                common.recordSize = encodedJoinBytes();
            }
            try (BenchRun run = common.newRun()) {
                // One key: every join of an event is one ordered sequence, so the baseline gets one partition too.
                Measured baseline = noBaseline ? new Measured(null, null) : measureBaseline(common, run, joins, 1);
                if (common.warmupRecords > 0) {
                    System.err.printf("bench: waiting-room warm-up (not reported): %,d joins ...%n", common.warmupRecords);
                    QueueBenchmark.run(run, "queue-warmup", common.partitions, common.threads, common.rocksDbMemoryMb, common.timing(),
                            common.warmupRecords, common.idle());
                }
                System.err.printf("bench: waiting room: %,d joins ...%n", joins);
                QueueBenchmark.Result queue = QueueBenchmark.run(run, "queue", common.partitions, common.threads,
                        common.rocksDbMemoryMb, common.timing(), joins, common.idle());
                Map<String, Object> settings = common.settings();
                settings.put("joins", joins);
                settings.put("baselineKeys", 1);
                return finish(common, run, Report.of("queue", run, common.commit, settings, baseline.producer(),
                        baseline.minimal(), null, queue, load));
            }
        }
    }

    @Command(name = "queue-http", mixinStandardHelpOptions = true,
            description = "Joins per second and status reads per second through a running edge's HTTP API, driven by "
                    + "wrk, with the Kafka baseline (one key) and an HTTP baseline measured in the same run.")
    static final class QueueHttp implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Option(names = "--edge", defaultValue = "http://127.0.0.1:8080", description = "the edge (default: ${DEFAULT-VALUE})")
        java.net.URI edge;

        @Option(names = "--joins", defaultValue = "100000", description = "buyers joining through HTTP (default: ${DEFAULT-VALUE})")
        int joins;

        @Option(names = "--status-buyers", defaultValue = "2000", description = "buyers whose tickets the status reads cycle through (default: ${DEFAULT-VALUE})")
        int statusBuyers;

        @Mixin
        WrkOptions wrk = new WrkOptions();

        @Option(names = "--status-seconds", defaultValue = "30", description = "how long to read statuses (default: ${DEFAULT-VALUE})")
        int statusSeconds;

        @Option(names = "--no-baseline", description = "skip the Kafka baseline")
        boolean noBaseline;


        @Override
        public Integer call() throws Exception {
            double load = Machine.loadAverage();
            try (BenchRun run = common.newRun()) {
                if (common.recordSize == null) {
                    common.recordSize = encodedJoinBytes();
                }
                common.warmupRecords = Math.min(common.warmupRecords, 20_000);
                Measured baseline = noBaseline ? new Measured(null, null) : measureBaseline(common, run, joins, 1);
                java.nio.file.Path work = run.stateDir("queue-http");
                java.nio.file.Files.createDirectories(work);
                QueueHttpBenchmark.Result result = new QueueHttpBenchmark(new QueueHttpBenchmark.Settings(edge, joins,
                        statusBuyers, wrk.connections, wrk.wrkThreads, statusSeconds, wrk.minter(), work)).run("bench-queue-" + run.id());
                Map<String, Object> settings = common.settings();
                settings.put("joins", joins);
                settings.put("statusBuyers", statusBuyers);
                wrk.describe(settings);
                settings.put("statusSeconds", statusSeconds);
                settings.put("edge", edge.toString());
                return finish(common, run, Report.of("queue-http", run, common.commit, settings, baseline.producer(),
                        baseline.minimal(), null, null, load).withHttp(result.figures()));
            }
        }
    }

    @Command(name = "holds-http", mixinStandardHelpOptions = true,
            description = "Hold decisions per second and seat-map reads per second through a running edge's HTTP API, "
                    + "driven by wrk (every hold a distinct buyer), with the Kafka baseline and an HTTP baseline measured "
                    + "in the same run.")
    static final class HoldsHttp implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Option(names = "--edge", defaultValue = "http://127.0.0.1:8080", description = "the edge (default: ${DEFAULT-VALUE})")
        java.net.URI edge;

        @Option(names = "--seats", defaultValue = "40000", description = "seats held for, over --sections reserved sections (default: ${DEFAULT-VALUE})")
        int seats;

        @Option(names = "--sections", defaultValue = "8", description = "reserved sections the seats are spread over (default: ${DEFAULT-VALUE})")
        int sections;

        @Option(names = "--map-seats", defaultValue = "400", description = "seats of section M: the warm-up's holds and the seat-map reads (default: ${DEFAULT-VALUE})")
        int mapSeats;

        @Option(names = "--orders", defaultValue = "seats", description = "what each hold asks for: seats (one explicit seat, seat i mod --seats) or best-available (one seat of a section) (default: ${DEFAULT-VALUE})")
        String orders;

        @Option(names = "--holds", defaultValue = "150000", description = "holds prepared (one buyer token each); more than --hold-seconds can use (default: ${DEFAULT-VALUE})")
        int holds;

        @Option(names = "--hold-seconds", defaultValue = "30", description = "how long wrk sends holds (default: ${DEFAULT-VALUE})")
        int holdSeconds;

        @Option(names = "--warmup-seconds", defaultValue = "15", description = "unreported holds on section M first, 0 skips them (default: ${DEFAULT-VALUE})")
        int warmupSeconds;

        @Option(names = "--map-seconds", defaultValue = "30", description = "how long to read the seat map (default: ${DEFAULT-VALUE})")
        int mapSeconds;

        @Mixin
        WrkOptions wrk = new WrkOptions();

        @Option(names = "--baseline-records", defaultValue = "200000", description = "records of the Kafka baseline (default: ${DEFAULT-VALUE})")
        int baselineRecords;

        @Option(names = "--no-baseline", description = "skip the Kafka baseline")
        boolean noBaseline;


        @Override
        public Integer call() throws Exception {
            double load = Machine.loadAverage();
            HoldsHttpBenchmark.OrderKind kind = HoldsHttpBenchmark.OrderKind.valueOf(
                    orders.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            try (BenchRun run = common.newRun()) {
                common.warmupRecords = Math.min(common.warmupRecords, 20_000);
                Measured baseline = noBaseline ? new Measured(null, null) : measureBaseline(common, run, baselineRecords, seats);
                java.nio.file.Path work = run.stateDir("holds-http");
                java.nio.file.Files.createDirectories(work);
                int warmupHolds = warmupSeconds == 0 ? 0 : Math.max(5_000, Math.min(holds, warmupSeconds * 2_000));
                HoldsHttpBenchmark.Result result = new HoldsHttpBenchmark(new HoldsHttpBenchmark.Settings(edge, seats,
                        sections, mapSeats, kind, holds, warmupHolds, holdSeconds, warmupSeconds, mapSeconds, wrk.connections,
                        wrk.wrkThreads, wrk.minter(), work))
                        .run("bench-holds-" + run.id());
                Map<String, Object> settings = common.settings();
                settings.put("seats", seats);
                settings.put("sections", sections);
                settings.put("mapSeats", mapSeats);
                settings.put("orders", kind.name());
                settings.put("holdsPrepared", holds);
                settings.put("holdSeconds", holdSeconds);
                settings.put("warmupSeconds", warmupSeconds);
                settings.put("mapSeconds", mapSeconds);
                wrk.describe(settings);
                settings.put("baselineRecords", noBaseline ? 0 : baselineRecords);
                settings.put("edge", edge.toString());
                return finish(common, run, Report.of("holds-http", run, common.commit, settings, baseline.producer(),
                        baseline.minimal(), null, null, load).withHttp(result.figures()));
            }
        }
    }

    @Command(name = "profile", mixinStandardHelpOptions = true,
            description = "A cpu profile of a running JVM (the edge) with async-profiler: native frames included (RocksDB,"
                    + " the kernel, the JIT). Collapsed stacks to --out; cores per thread group and the project's"
                    + " hottest methods on standard output. Run it while a benchmark loads the edge.")
    static final class Profile implements Callable<Integer> {
        @Option(names = "--pid", required = true, description = "the JVM to profile")
        String pid;

        @Option(names = "--seconds", defaultValue = "20", description = "how long to sample (default: ${DEFAULT-VALUE})")
        int seconds;

        @Option(names = "--out", required = true, description = "collapsed stacks (flame-graph input)")
        java.nio.file.Path out;

        @Option(names = "--rows", defaultValue = "15", description = "lines of each table (default: ${DEFAULT-VALUE})")
        int rows;

        @Override
        public Integer call() throws Exception {
            JvmProfiler.profile(pid, java.time.Duration.ofSeconds(seconds), out);
            System.out.print(CpuProfile.read(out, seconds).table(JvmProfiler.INTERVAL_NANOS, rows));
            System.out.println("stacks: " + out);
            return 0;
        }
    }

    @Command(name = "latency", mixinStandardHelpOptions = true,
            description = "One hold at a time through a running edge (every hold a distinct buyer; named seat, best "
                    + "available and general admission in turn): p50/p90/p99/max of the client's round trip and where the "
                    + "time goes, from the edge's Server-Timing header, with a one-message Kafka baseline (send→consumed) "
                    + "measured first in the same run. The baseline's warm-up is --warmup-records, at most 500.")
    static final class Latency implements Callable<Integer> {
        /** Each baseline message waits for the one before: the throughput benchmarks' 100,000 would take minutes. */
        static final int MAX_BASELINE_WARMUP = 500;

        @Mixin
        Common common = new Common();

        @Option(names = "--edge", defaultValue = "http://127.0.0.1:8080", description = "the edge (default: ${DEFAULT-VALUE})")
        java.net.URI edge;

        @Option(names = "--holds", defaultValue = "500", description = "holds measured, one at a time (default: ${DEFAULT-VALUE})")
        int holds;

        @Option(names = "--warmup-holds", defaultValue = "200", description = "unreported holds first, one at a time (default: ${DEFAULT-VALUE})")
        int warmupHolds;

        @Option(names = "--seats", defaultValue = "2000", description = "seats of the reserved section, rows of 50 (default: ${DEFAULT-VALUE})")
        int seats;

        @Option(names = "--baseline-messages", defaultValue = "2000", description = "messages of the Kafka baseline, one at a time (default: ${DEFAULT-VALUE})")
        int baselineMessages;

        @Option(names = "--no-baseline", description = "skip the Kafka baseline")
        boolean noBaseline;

        @Mixin
        io.onsale.loadgen.auth.IdentityOptions identity = new io.onsale.loadgen.auth.IdentityOptions();

        @Override
        public Integer call() throws Exception {
            double load = Machine.loadAverage();
            // Checked before anything runs: a --seats too small for the run fails now, not after the baseline.
            LatencyBenchmark.Settings latency = new LatencyBenchmark.Settings(edge, seats, holds, warmupHolds,
                    identity.minter(System.getenv(), java.time.Clock.systemUTC()));
            int baselineWarmup = Math.min(common.warmupRecords, MAX_BASELINE_WARMUP);
            try (BenchRun run = common.newRun()) {
                KafkaRoundTrip.Result baseline = noBaseline ? null
                        : KafkaRoundTrip.run(run, baselineWarmup, baselineMessages, common.recordSize(), common.idle());
                List<LatencyBreakdown.Sample> samples = new LatencyBenchmark(latency).run("bench-latency-" + run.id());
                // Not common.settings(): no Streams app runs in this process, its commit and thread settings mean nothing.
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("holds", holds);
                settings.put("warmupHolds", warmupHolds);
                settings.put("seats", seats);
                settings.put("generalAdmissionCapacity", LatencyBenchmark.GA_CAPACITY);
                settings.put("baselineMessages", noBaseline ? 0 : baselineMessages);
                settings.put("baselineWarmupMessages", noBaseline ? 0 : baselineWarmup);
                settings.put("recordSize", common.recordSize());
                settings.put("edge", edge.toString());
                return finish(common, run, Report.of("latency", run, common.commit, settings, null, null, null, null, load)
                        .withLatency(LatencyBreakdown.of(baseline, samples)));
            }
        }
    }

    record Measured(ProducerBaseline.Result producer, MinimalProcessorBaseline.Result minimal) {
    }

    static Measured measureBaseline(Common common, BenchRun run, int records, int keys) {
        BenchVenue venue = new BenchVenue("bench-event", keys);
        String producerTopic = run.prefix() + "producer-baseline";
        run.createTopics(common.partitions, producerTopic);
        if (common.warmupRecords > 0) {
            System.err.printf("bench: warm-up (not reported): producer and minimal processor, %,d records ...%n",
                    common.warmupRecords);
            ProducerBaseline.run(common.bootstrap, producerTopic, common.warmupRecords, common.recordSize(),
                    i -> venue.unitKey(i % keys));
            MinimalProcessorBaseline.run(run, "minimal-warmup", common.partitions, common.threads,
                    common.rocksDbMemoryMb * 1024L * 1024L, common.timing(), common.warmupRecords, keys, common.recordSize(), venue::unitKey,
                    common.idle());
        }
        System.err.printf("bench: producer: %,d records of %d B ...%n", records, common.recordSize());
        ProducerBaseline.Result producer = ProducerBaseline.run(common.bootstrap, producerTopic, records, common.recordSize(),
                i -> venue.unitKey(i % keys));
        System.err.printf("bench: minimal processor: %,d records over %,d keys ...%n", records, keys);
        MinimalProcessorBaseline.Result minimal = MinimalProcessorBaseline.run(run, "minimal", common.partitions, common.threads,
                common.rocksDbMemoryMb * 1024L * 1024L, common.timing(), records, keys, common.recordSize(), venue::unitKey, common.idle());
        return new Measured(producer, minimal);
    }

    static int finish(Common common, BenchRun run, Report report) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        out.println();
        report.print(out);
        Path file = common.reportFile(report.kind(), run);
        report.write(file);
        out.println("report: " + file.toAbsolutePath().normalize());
        return 0;
    }
}
