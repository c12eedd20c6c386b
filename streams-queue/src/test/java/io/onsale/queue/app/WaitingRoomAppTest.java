package io.onsale.queue.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.kafka.app.StreamsAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitingRoomAppTest {

    @TempDir
    Path folder;

    @Test
    void withoutConfigurationTheWaitingRoomRunsUnderItsOwnApplicationIdAndStateDir() throws Exception {
        StreamsAppConfig config = StreamsAppConfig.load(WaitingRoomApp.withOwnDefaults(null), Map.of());

        assertThat(config.applicationId()).isEqualTo("onsale-waiting-room");
        assertThat(config.stateDir()).isEqualTo(Path.of(".local/state/waiting-room"));
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void aPropertiesFileAndThenTheEnvironmentOverrideTheWaitingRoomDefaults() throws Exception {
        Path file = folder.resolve("room.properties");
        Files.writeString(file, "onsale.kafka.application-id=room-from-file\nonsale.kafka.partitions=4\n");

        StreamsAppConfig fromFile = StreamsAppConfig.load(WaitingRoomApp.withOwnDefaults(file), Map.of());
        StreamsAppConfig fromEnvironment = StreamsAppConfig.load(
                WaitingRoomApp.withOwnDefaults(file), Map.of("ONSALE_KAFKA_APPLICATION_ID", "room-from-env"));

        assertThat(fromFile.applicationId()).isEqualTo("room-from-file");
        assertThat(fromFile.partitions()).isEqualTo(4);
        assertThat(fromEnvironment.applicationId()).isEqualTo("room-from-env");
    }
}
