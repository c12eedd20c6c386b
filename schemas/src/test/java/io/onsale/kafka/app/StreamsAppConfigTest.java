package io.onsale.kafka.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsAppConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheLocalEmbeddedSetup() throws Exception {
        StreamsAppConfig config = StreamsAppConfig.load(null, Map.of());

        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.applicationId()).isEqualTo("onsale-reservations");
        assertThat(config.topics().reservationRequests().name()).isEqualTo("reservation-requests");
        assertThat(config.topics().reservationRequests().partitions()).isEqualTo(12);
    }

    @Test
    void aPropertiesFileOverridesDefaultsAndTheEnvironmentOverridesTheFile() throws Exception {
        Path file = Files.writeString(
                dir.resolve("engine.properties"),
                "onsale.kafka.bootstrap-servers=kafka-1:9092\nonsale.kafka.partitions=24\nonsale.kafka.topic-prefix=staging.\n");

        StreamsAppConfig config = StreamsAppConfig.load(file, Map.of("ONSALE_KAFKA_PARTITIONS", "48"));

        assertThat(config.bootstrapServers()).isEqualTo("kafka-1:9092");
        assertThat(config.partitions()).isEqualTo(48);
        assertThat(config.topics().eventConfig().name()).isEqualTo("staging.event-config");
    }

    @Test
    void aNumberThatIsNotOneIsNamed() {
        assertThatThrownBy(() -> StreamsAppConfig.load(null, Map.of("ONSALE_KAFKA_STREAM_THREADS", "two")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("onsale.kafka.stream-threads must be a whole number, got 'two'");
    }

    @Test
    void everyAppRunsExactlyOnceWithTheDeadLetterPolicy() throws Exception {
        var props = StreamsAppConfig.load(null, Map.of()).streamsProperties().toProperties();

        assertThat(props.getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(props.get("deserialization.exception.handler"))
                .isEqualTo(io.onsale.kafka.dlq.DeadLetterHandler.class);
        assertThat(props.get("processing.exception.handler")).isEqualTo(io.onsale.kafka.dlq.DeadLetterHandler.class);
        assertThat(props.get("ensure.explicit.internal.resource.naming")).isEqualTo(true);
    }

    @Test
    void rocksDbMemoryIsBoundedTo256MebibytesUnlessConfigured() throws Exception {
        StreamsAppConfig byDefault = StreamsAppConfig.load(null, Map.of());
        StreamsAppConfig configured = StreamsAppConfig.load(null, Map.of("ONSALE_KAFKA_ROCKSDB_MEMORY_MB", "96"));

        assertThat(byDefault.rocksDbMemoryMb()).isEqualTo(256);
        var props = configured.streamsProperties().toProperties();
        assertThat(props.get("rocksdb.config.setter")).isEqualTo(BoundedRocksDbMemory.class);
        assertThat(props.get(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG)).isEqualTo(96L * 1024 * 1024);
    }

    @Test
    void aPropertiesFileSetsTheRocksDbBudgetAndStandbys() throws Exception {
        Path file = Files.writeString(
                dir.resolve("engine.properties"),
                "onsale.kafka.rocksdb-memory-mb=32\nonsale.kafka.standby-replicas=0\n");

        var props = StreamsAppConfig.load(file, Map.of()).streamsProperties().toProperties();

        assertThat(props.get(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG)).isEqualTo(32L * 1024 * 1024);
        assertThat(props.get("num.standby.replicas")).isEqualTo(0);
    }

    @Test
    void aRocksDbBudgetBelowTheFloorIsRefused() {
        assertThatThrownBy(() -> StreamsAppConfig.load(null, Map.of("ONSALE_KAFKA_ROCKSDB_MEMORY_MB", "2"))
                        .streamsProperties())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RocksDB memory budget must be at least 8 MiB");
    }

    @Test
    void theShortConstructorsKeepTheDefaultBudget() {
        StreamsAppConfig config = new StreamsAppConfig("k:9092", "", 12, 3, (short) 1, "app", dir, 1, 0);

        assertThat(config.rocksDbMemoryMb()).isEqualTo(StreamsAppConfig.DEFAULT_ROCKSDB_MEMORY_MB);
        assertThat(StreamsProperties.local("app", "k:9092", dir).rocksDbMemoryBytes())
                .isEqualTo(BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES);
    }

    @Test
    void tasksCommitEveryTwentyMillisecondsAndPollForFiveUnlessConfigured() throws Exception {
        var byDefault =
                StreamsAppConfig.load(null, Map.of()).streamsProperties().toProperties();
        var configured = StreamsAppConfig.load(
                        null, Map.of("ONSALE_KAFKA_COMMIT_INTERVAL_MS", "100", "ONSALE_KAFKA_POLL_MS", "10"))
                .streamsProperties()
                .toProperties();

        assertThat(byDefault.get("commit.interval.ms")).isEqualTo(20);
        assertThat(byDefault.get("poll.ms")).isEqualTo(5);
        assertThat(byDefault.get("main.consumer.fetch.max.wait.ms")).isEqualTo(5);
        // A restart reads every partition to its end one after the other: no fetch may idle 500 ms at each end.
        assertThat(byDefault.get("global.consumer.fetch.max.wait.ms")).isEqualTo(20);
        assertThat(byDefault.get("restore.consumer.fetch.max.wait.ms")).isEqualTo(20);
        assertThat(configured.get("commit.interval.ms")).isEqualTo(100);
        assertThat(configured.get("poll.ms")).isEqualTo(10);
    }

    @Test
    void aPollLongerThanTheCommitIntervalIsRefusedBecauseItWouldDelayCommits() {
        assertThatThrownBy(() -> StreamsAppConfig.load(
                        null, Map.of("ONSALE_KAFKA_COMMIT_INTERVAL_MS", "10", "ONSALE_KAFKA_POLL_MS", "50")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poll.ms must be between 1 ms and the commit interval (10 ms), got 50");
    }
}
