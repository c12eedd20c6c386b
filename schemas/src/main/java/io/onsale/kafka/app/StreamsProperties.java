package io.onsale.kafka.app;

import io.onsale.kafka.dlq.DeadLetterHandler;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings every app of the platform runs with, written once: exactly-once, named
 * internal resources only, the dead-letter policy for unreadable or unprocessable records, and RocksDB memory
 * bounded for all stores of the JVM ({@link BoundedRocksDbMemory}).
 *
 * @param applicationServer {@code host:port} this instance answers interactive queries on, or {@code null}
 * @param standbyReplicas warm copies of each task's state on other instances: 1 as soon as more than one instance
 *                        runs (a failed instance's partitions resume from a standby, not from a changelog replay); an
 *                        instance alone keeps none, whatever the setting
 * @param rocksDbMemoryBytes off-heap budget shared by every RocksDB store of the JVM: block cache, index and filter
 *                           blocks and memtables
 * @param timing how often tasks commit: decisions become visible to read_committed readers at each commit
 */
public record StreamsProperties(
        String applicationId,
        String bootstrapServers,
        Path stateDir,
        String applicationServer,
        int replicationFactor,
        int standbyReplicas,
        int threads,
        long rocksDbMemoryBytes,
        CommitTiming timing) {

    /**
     * How long the group waits for a member that stopped without leaving (kill -9, a lost machine) before its tasks move
     * to a standby. Kafka's 45 s default is 45 s of undecided holds in an on-sale; 2 s is below a broker's default
     * minimum ({@code group.min.session.timeout.ms}, 6 s), so the platform's brokers lower it (docs/adr/0017).
     * Heartbeats every quarter of it, so one lost heartbeat is no failure.
     */
    static final int SESSION_TIMEOUT_MS = 2_000;
    /**
     * How long a transaction may stay open before the broker aborts it and fences its producer. It must outlast a broker
     * failover (the controller notices a dead broker after its 4 s session, then leaders move), or a broker kill fences
     * live engines (BrokerKillIT measured 130 s without decisions at 3 s). A dead member's transaction does not wait
     * for it: {@link OrphanedTransactionFencer} aborts it once the group has noticed the death (docs/adr/0019).
     */
    static final int TRANSACTION_TIMEOUT_MS = 10_000;
    /**
     * The longest one call of the Streams client's own consumers and producer may block. Kafka's 60 s defaults
     * let a thread fenced during a broker failover sit a minute on changelog end offsets and another on the group
     * leader's lag computation before serving again; 10 s (5 s per request) bounds each, and a call that times out is
     * retried by Streams within {@code task.timeout.ms}, left at its default.
     */
    static final int CLIENT_CALL_TIMEOUT_MS = 10_000;

    static final int CLIENT_REQUEST_TIMEOUT_MS = 5_000;
    /**
     * The longest one call of the Streams client's own admin may block, shorter than the others' because of a Kafka
     * 4.1 admin bug: the admin remembers each partition's leader, and when that leader is a broker that has left the
     * cluster (killed, then fenced by the controller) it never sends the call anywhere until the call's deadline
     * (seen with the 4.1.2 client and reproduced by DeadLeaderAdminIT; not yet matched to a Kafka issue). Every
     * changelog end-offset lookup touching a partition the dead broker led, the group leader's lag computation first,
     * so waited the full timeout, logged only at INFO: BrokerKillIT measured 10 s
     * of it at 10 s (docs/adr/0019, DeadLeaderAdminIT). The failed call forgets those leaders and Streams' retry finds the
     * new ones, so the cost is one timeout: 2 s, still ample for a listOffsets on a live cluster (milliseconds).
     */
    static final int ADMIN_CALL_TIMEOUT_MS = 2_000;
    /**
     * How long a fetch of the global and restore consumers may sit on the broker with nothing to return. Idle, a
     * global consumer then asks 50 times a second, a cost the main consumer already pays at its poll interval.
     */
    static final int RESTORE_FETCH_MAX_WAIT_MS = 20;

    public StreamsProperties {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(stateDir, "stateDir");
        if (rocksDbMemoryBytes < BoundedRocksDbMemory.MIN_TOTAL_BYTES) {
            throw new IllegalArgumentException(
                    "the RocksDB memory budget must be at least " + BoundedRocksDbMemory.MIN_TOTAL_BYTES / (1024 * 1024)
                            + " MiB, got " + rocksDbMemoryBytes + " bytes");
        }
    }

    /** With the default commit timing. */
    public StreamsProperties(
            String applicationId,
            String bootstrapServers,
            Path stateDir,
            String applicationServer,
            int replicationFactor,
            int standbyReplicas,
            int threads,
            long rocksDbMemoryBytes) {
        this(
                applicationId,
                bootstrapServers,
                stateDir,
                applicationServer,
                replicationFactor,
                standbyReplicas,
                threads,
                rocksDbMemoryBytes,
                CommitTiming.DEFAULT);
    }

    /** With the default RocksDB memory budget ({@value BoundedRocksDbMemory#DEFAULT_TOTAL_BYTES} bytes). */
    public StreamsProperties(
            String applicationId,
            String bootstrapServers,
            Path stateDir,
            String applicationServer,
            int replicationFactor,
            int standbyReplicas,
            int threads) {
        this(
                applicationId,
                bootstrapServers,
                stateDir,
                applicationServer,
                replicationFactor,
                standbyReplicas,
                threads,
                BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES);
    }

    public static StreamsProperties local(String applicationId, String bootstrapServers, Path stateDir) {
        return new StreamsProperties(
                applicationId, bootstrapServers, stateDir, null, 1, 0, 1, BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES);
    }

    public StreamsProperties withTiming(CommitTiming newTiming) {
        return new StreamsProperties(
                applicationId,
                bootstrapServers,
                stateDir,
                applicationServer,
                replicationFactor,
                standbyReplicas,
                threads,
                rocksDbMemoryBytes,
                newTiming);
    }

    /** A group instance id may only hold ASCII letters, digits, '.', '_' and '-': the address's others become '_'. */
    static String staticMemberId(String applicationId, String applicationServer) {
        return (applicationId + "-" + applicationServer).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public Properties toProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, timing.commitIntervalMs());
        props.put(StreamsConfig.POLL_MS_CONFIG, timing.pollMs());
        // The next hop's input is there as soon as its transaction commits: do not let a fetch sit on the broker.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), timing.pollMs());
        // A restoration reads each partition to its end one after the other, and the fetch that finds only the end
        // (a transaction marker) waits out fetch.max.wait.ms: with the default 500 ms a restart spent 6 s reading the
        // 12 partitions of section-summaries, a handful of records each, and ~0.5 s per empty changelog partition.
        props.put(
                StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), RESTORE_FETCH_MAX_WAIT_MS);
        props.put(
                StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                RESTORE_FETCH_MAX_WAIT_MS);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, rocksDbMemoryBytes);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 4 * 1024 * 1024);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 4 * 1024 * 1024);
        // On a clean shutdown, hand partitions over now instead of after a 45 s session timeout: during an on-sale
        // that is 45 s of undecided holds. Streams keeps members in the group by default to spare a rebalance.
        props.put(StreamsConfig.mainConsumerPrefix("internal.leave.group.on.close"), true);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        props.put(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), SESSION_TIMEOUT_MS / 4);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), TRANSACTION_TIMEOUT_MS);
        props.put(StreamsConfig.adminClientPrefix(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG), ADMIN_CALL_TIMEOUT_MS);
        props.put(
                StreamsConfig.adminClientPrefix(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG),
                ADMIN_CALL_TIMEOUT_MS);
        for (String consumer :
                new String[] {StreamsConfig.mainConsumerPrefix(""), StreamsConfig.restoreConsumerPrefix("")}) {
            props.put(consumer + ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, CLIENT_REQUEST_TIMEOUT_MS);
            props.put(consumer + ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CLIENT_CALL_TIMEOUT_MS);
        }
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_BLOCK_MS_CONFIG), CLIENT_CALL_TIMEOUT_MS);
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
            // A static member, named by its address: restarted after a crash it takes its own tasks back at once (and
            // fences its dead transactions) instead of waiting out the session of the member it was.
            props.put(
                    StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                    staticMemberId(applicationId, applicationServer));
        }
        return props;
    }
}
