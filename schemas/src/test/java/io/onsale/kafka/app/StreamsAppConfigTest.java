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
        Path file = Files.writeString(dir.resolve("engine.properties"),
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
        assertThat(props.get("deserialization.exception.handler")).isEqualTo(io.onsale.kafka.dlq.DeadLetterHandler.class);
        assertThat(props.get("processing.exception.handler")).isEqualTo(io.onsale.kafka.dlq.DeadLetterHandler.class);
        assertThat(props.get("ensure.explicit.internal.resource.naming")).isEqualTo(true);
    }
}
