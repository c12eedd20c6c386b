package io.onsale.edge.platform;

import io.onsale.kafka.app.CommitTiming;
import io.onsale.kafka.app.StreamsAppConfig;
import io.onsale.kafka.app.StreamsProperties;
import io.onsale.kafka.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the edge reaches Kafka and runs its embedded topology. Defaults live in application.yaml.
 *
 * @param decisionTimeout how long a buyer's request waits for the committed decision before it is answered 202
 * @param rocksdbMemoryMb off-heap budget of all RocksDB stores of the embedded topology
 * @param applicationServer {@code host:port} other instances forward interactive queries to (Streams'
 *                          {@code application.server}); blank means this instance runs alone and owns every key
 * @param commitIntervalMs  the embedded topologies' commit interval ({@link CommitTiming})
 * @param pollMs            how long their stream threads wait for input ({@link CommitTiming})
 */
@ConfigurationProperties("onsale.kafka")
public record KafkaSettings(
        String bootstrapServers,
        String topicPrefix,
        int partitions,
        int configPartitions,
        short replicationFactor,
        String applicationId,
        Path stateDir,
        int streamThreads,
        int standbyReplicas,
        Duration decisionTimeout,
        Duration configVisibleTimeout,
        int rocksdbMemoryMb,
        String applicationServer,
        int commitIntervalMs,
        int pollMs) {

    /** The same settings as a standalone engine reads them, so both build topics and Streams properties alike. */
    public StreamsAppConfig appConfig() {
        return new StreamsAppConfig(
                bootstrapServers,
                topicPrefix == null ? "" : topicPrefix,
                partitions,
                configPartitions,
                replicationFactor,
                applicationId,
                stateDir,
                streamThreads,
                standbyReplicas,
                rocksdbMemoryMb,
                new CommitTiming(commitIntervalMs, pollMs));
    }

    /** The Streams properties of the embedded topology, answering interactive queries on {@code applicationServer}. */
    public StreamsProperties streamsProperties() {
        StreamsProperties base = appConfig().streamsProperties();
        String server = applicationServer == null || applicationServer.isBlank() ? null : applicationServer.strip();
        return new StreamsProperties(
                base.applicationId(),
                base.bootstrapServers(),
                base.stateDir(),
                server,
                base.replicationFactor(),
                base.standbyReplicas(),
                base.threads(),
                base.rocksDbMemoryBytes(),
                base.timing());
    }

    public Topics topics() {
        return appConfig().topics();
    }
}
