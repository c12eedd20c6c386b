package io.onsale.edge.queue;

import static io.onsale.edge.queue.QueueTestData.passingThrough;
import static io.onsale.edge.queue.QueueTestData.queuing;
import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.kafka.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueSummariesTest {

    private final QueueProgressView view = new QueueProgressView(
            null, Topics.from(Topics.Settings.defaults()), Duration.ofHours(1), Clock.systemUTC());
    private final QueueSummaries summaries = new QueueSummaries(view);

    @Test
    void aQueuingRoomIsSummarizedFromItsLatestProgress() {
        view.accept(queuing("E1", 100, 25).setActiveShoppers(40).setPaused(true).build());

        assertThat(summaries.of("E1")).hasValueSatisfying(summary -> {
            assertThat(summary.mode()).isEqualTo("QUEUING");
            assertThat(summary.active()).isTrue();
            assertThat(summary.waiting()).isEqualTo(500);
            assertThat(summary.servingCounter()).isEqualTo(100);
            assertThat(summary.activeShoppers()).isEqualTo(40);
            assertThat(summary.admitRatePerSecond()).isEqualTo(25.0);
            assertThat(summary.paused()).isTrue();
        });
    }

    @Test
    void aRoomPassingBuyersThroughIsNotActiveAndAnUnknownRoomHasNoSummary() {
        view.accept(passingThrough("E2"));

        assertThat(summaries.of("E2"))
                .hasValueSatisfying(summary -> assertThat(summary.active()).isFalse());
        assertThat(summaries.of("E3")).isEmpty();
    }
}
