package io.onsale.edge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DeadLetterMetersTest {

    @Test
    void eachDeadLetterTopicCountsTheEndOffsetsOfAllItsPartitions() {
        Map<String, Long> written = DeadLetterMeters.written(
                List.of("event-config-dlq", "order-requests-dlq"),
                Map.of(
                        new TopicPartition("event-config-dlq", 0), 3L,
                        new TopicPartition("event-config-dlq", 1), 2L,
                        new TopicPartition("unrelated", 0), 99L));

        assertThat(written).containsExactly(Map.entry("event-config-dlq", 5L), Map.entry("order-requests-dlq", 0L));
    }
}
