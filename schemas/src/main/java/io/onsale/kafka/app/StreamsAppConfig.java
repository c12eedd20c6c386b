package io.onsale.kafka.app;

import io.onsale.kafka.topics.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration of a standalone Streams app of the platform. Every default is written once, here; a
 * properties file overrides them, and environment variables override the file. Keys are those of the edge's
 * application.yaml ({@code onsale.kafka.bootstrap-servers}), and environment names follow Spring's rule
 * ({@code ONSALE_KAFKA_BOOTSTRAP_SERVERS}), so one set of settings configures every process.
 *
 * <p>{@code onsale.kafka.standby-replicas} is 1 by default: as soon as a second instance runs, each keeps a warm copy
 * of the other's state, so a failed instance's seats are decided again within seconds instead of after a changelog
 * replay; an instance running alone simply has nowhere to put the copy and keeps none.
 * {@code onsale.kafka.rocksdb-memory-mb} bounds the off-heap memory of all RocksDB stores of the process
 * ({@link BoundedRocksDbMemory}). {@code onsale.kafka.commit-interval-ms} and {@code onsale.kafka.poll-ms} set the
 * {@link CommitTiming}.
 * {@code onsale.kafka.application-server} ({@code host:port}, empty by default) is where this instance answers other
 * processes' queries on the state it owns (Streams' {@code application.server}); empty: nobody can ask it.
 */
public record StreamsAppConfig(
        String bootstrapServers,
        String topicPrefix,
        int partitions,
        int configPartitions,
        short replicationFactor,
        String applicationId,
        Path stateDir,
        int streamThreads,
        int standbyReplicas,
        int rocksDbMemoryMb,
        CommitTiming timing,
        String applicationServer) {

    public static final int DEFAULT_ROCKSDB_MEMORY_MB =
            (int) (BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES / (1024 * 1024));

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("onsale.kafka.bootstrap-servers", "127.0.0.1:9092"),
            Map.entry("onsale.kafka.topic-prefix", ""),
            Map.entry("onsale.kafka.partitions", "12"),
            Map.entry("onsale.kafka.config-partitions", "3"),
            Map.entry("onsale.kafka.replication-factor", "1"),
            Map.entry("onsale.kafka.application-id", "onsale-reservations"),
            Map.entry("onsale.kafka.state-dir", ".local/state/reservations"),
            Map.entry("onsale.kafka.stream-threads", "1"),
            Map.entry("onsale.kafka.standby-replicas", "1"),
            Map.entry("onsale.kafka.rocksdb-memory-mb", Integer.toString(DEFAULT_ROCKSDB_MEMORY_MB)),
            Map.entry("onsale.kafka.commit-interval-ms", Integer.toString(CommitTiming.DEFAULT.commitIntervalMs())),
            Map.entry("onsale.kafka.poll-ms", Integer.toString(CommitTiming.DEFAULT.pollMs())),
            Map.entry("onsale.kafka.application-server", ""));

    public static StreamsAppConfig load(Path propertiesFile, Map<String, String> environment) throws IOException {
        Map<String, String> values = new HashMap<>(DEFAULTS);
        if (propertiesFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(propertiesFile)) {
                file.load(reader);
            }
            file.stringPropertyNames().forEach(key -> values.put(key, file.getProperty(key)));
        }
        for (String key : DEFAULTS.keySet()) {
            String fromEnvironment = environment.get(environmentName(key));
            if (fromEnvironment != null) {
                values.put(key, fromEnvironment);
            }
        }
        return new StreamsAppConfig(
                values.get("onsale.kafka.bootstrap-servers"),
                values.get("onsale.kafka.topic-prefix"),
                integer(values, "onsale.kafka.partitions"),
                integer(values, "onsale.kafka.config-partitions"),
                (short) integer(values, "onsale.kafka.replication-factor"),
                values.get("onsale.kafka.application-id"),
                Path.of(values.get("onsale.kafka.state-dir")),
                integer(values, "onsale.kafka.stream-threads"),
                integer(values, "onsale.kafka.standby-replicas"),
                integer(values, "onsale.kafka.rocksdb-memory-mb"),
                new CommitTiming(
                        integer(values, "onsale.kafka.commit-interval-ms"), integer(values, "onsale.kafka.poll-ms")),
                values.get("onsale.kafka.application-server").isBlank()
                        ? null
                        : values.get("onsale.kafka.application-server").trim());
    }

    /** Without an application server: nobody queries this instance's state. */
    public StreamsAppConfig(
            String bootstrapServers,
            String topicPrefix,
            int partitions,
            int configPartitions,
            short replicationFactor,
            String applicationId,
            Path stateDir,
            int streamThreads,
            int standbyReplicas,
            int rocksDbMemoryMb,
            CommitTiming timing) {
        this(
                bootstrapServers,
                topicPrefix,
                partitions,
                configPartitions,
                replicationFactor,
                applicationId,
                stateDir,
                streamThreads,
                standbyReplicas,
                rocksDbMemoryMb,
                timing,
                null);
    }

    /** With the default commit timing. */
    public StreamsAppConfig(
            String bootstrapServers,
            String topicPrefix,
            int partitions,
            int configPartitions,
            short replicationFactor,
            String applicationId,
            Path stateDir,
            int streamThreads,
            int standbyReplicas,
            int rocksDbMemoryMb) {
        this(
                bootstrapServers,
                topicPrefix,
                partitions,
                configPartitions,
                replicationFactor,
                applicationId,
                stateDir,
                streamThreads,
                standbyReplicas,
                rocksDbMemoryMb,
                CommitTiming.DEFAULT);
    }

    /** With the default RocksDB memory budget. */
    public StreamsAppConfig(
            String bootstrapServers,
            String topicPrefix,
            int partitions,
            int configPartitions,
            short replicationFactor,
            String applicationId,
            Path stateDir,
            int streamThreads,
            int standbyReplicas) {
        this(
                bootstrapServers,
                topicPrefix,
                partitions,
                configPartitions,
                replicationFactor,
                applicationId,
                stateDir,
                streamThreads,
                standbyReplicas,
                DEFAULT_ROCKSDB_MEMORY_MB);
    }

    /** {@code onsale.kafka.bootstrap-servers} → {@code ONSALE_KAFKA_BOOTSTRAP_SERVERS}. */
    static String environmentName(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public Topics topics() {
        return Topics.from(new Topics.Settings(topicPrefix, partitions, configPartitions));
    }

    public StreamsProperties streamsProperties() {
        return new StreamsProperties(
                applicationId,
                bootstrapServers,
                stateDir,
                applicationServer,
                replicationFactor,
                standbyReplicas,
                streamThreads,
                rocksDbMemoryMb * 1024L * 1024L,
                timing);
    }

    private static int integer(Map<String, String> values, String key) {
        try {
            return Integer.parseInt(values.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + values.get(key) + "'", e);
        }
    }
}
