package io.onsale.bench;

import io.onsale.kafka.app.StreamsAppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options the benchmark commands share: the Kafka run's ({@link Common}) and the HTTP benchmarks' ({@link Wrk}). */
final class BenchOptions {

    private BenchOptions() {}

    /** How the HTTP benchmarks drive the edge: wrk's connections and threads, and whose tokens they send. */
    static final class Wrk {
        @Option(
                names = "--connections",
                defaultValue = "1000",
                description = "wrk connections (default: ${DEFAULT-VALUE})")
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

    /** Options every benchmark has: the broker, the measured Streams apps, the warm-up and the report. */
    static final class Common {
        @Option(
                names = "--bootstrap",
                defaultValue = "127.0.0.1:9092",
                description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
        String bootstrap;

        @Option(
                names = "--partitions",
                defaultValue = "12",
                description = "partitions of every hot topic (default: ${DEFAULT-VALUE})")
        int partitions;

        @Option(names = "--threads", defaultValue = "1", description = "stream threads (default: ${DEFAULT-VALUE})")
        int threads;

        @Option(
                names = "--rocksdb-memory-mb",
                defaultValue = "" + StreamsAppConfig.DEFAULT_ROCKSDB_MEMORY_MB,
                description = "RocksDB memory budget of the JVM (default: ${DEFAULT-VALUE})")
        int rocksDbMemoryMb;

        @Option(
                names = "--commit-interval-ms",
                description = "Streams commit.interval.ms of the measured apps (default: the platform's)")
        Integer commitIntervalMs;

        @Option(
                names = "--poll-ms",
                description =
                        "Streams poll.ms of the measured apps (default: the platform's, at most the commit interval)")
        Integer pollMs;

        io.onsale.kafka.app.CommitTiming timing() {
            io.onsale.kafka.app.CommitTiming platform = io.onsale.kafka.app.CommitTiming.DEFAULT;
            int commit = commitIntervalMs != null ? commitIntervalMs : platform.commitIntervalMs();
            return new io.onsale.kafka.app.CommitTiming(
                    commit, pollMs != null ? pollMs : Math.min(commit, platform.pollMs()));
        }

        @Option(
                names = "--record-size",
                description = "value bytes of the baseline records (default: one encoded HOLD command)")
        Integer recordSize;

        @Option(
                names = "--idle-timeout-s",
                defaultValue = "60",
                description = "give up when no output arrives for this long (default: ${DEFAULT-VALUE})")
        int idleTimeoutSeconds;

        @Option(names = "--out", description = "JSON report file (default: <out-dir>/<kind>-<run id>.json)")
        Path out;

        @Option(
                names = "--out-dir",
                defaultValue = ".",
                description = "where the JSON report goes when --out is not given (default: ${DEFAULT-VALUE})")
        Path outDir;

        @Option(names = "--commit", defaultValue = "unknown", description = "the commit measured, for the report")
        String commit;

        @Option(
                names = "--warmup-records",
                defaultValue = "100000",
                description =
                        "records of an unreported warm-up of each measured step first, so JIT compilation is not measured; 0 skips it (default: ${DEFAULT-VALUE})")
        int warmupRecords;

        @Option(names = "--keep", description = "keep the run's topics instead of deleting them")
        boolean keep;

        @Option(
                names = "--state-dir",
                description =
                        "parent of the run's Streams state directory (default: the OS temp directory); deleted at the end")
        Path stateDir;

        BenchRun newRun() {
            return new BenchRun(bootstrap, stateDir, keep);
        }

        Duration idle() {
            return Duration.ofSeconds(idleTimeoutSeconds);
        }

        int recordSize() {
            return recordSize != null ? recordSize : BenchSteps.encodedHoldBytes();
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
}
