package io.onsale.queue.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.kafka.testing.GoldenFile;
import io.onsale.kafka.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The checked-in description of the topology is the reviewable contract of its names (stores, processors,
 * topics). A rename shows up here. Refresh it with {@code mvn test -Dtopology.update=true}.
 */
class TopologyDescriptionTest {

    private static final Path CHECKED_IN = Path.of("..", "docs", "topology", "waiting-room.txt");

    @Test
    void theTopologyMatchesItsCheckedInDescription() throws IOException {
        String actual = WaitingRoomTopology.build(Topics.from(Topics.Settings.defaults()))
                .describe()
                .toString();

        GoldenFile.assertMatches(CHECKED_IN, actual, "topology.update");
        assertThat(actual).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
    }
}
