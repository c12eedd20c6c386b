package io.onsale.edge.buyer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.ReservationsStreams;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventPagesTest {

    private final AtomicLong nanos = new AtomicLong();
    private final ReservationsStreams streams = mock(ReservationsStreams.class);
    private final EventPages pages =
            new EventPages(streams, JsonMapper.builder().build(), nanos::get);

    @org.junit.jupiter.api.BeforeEach
    void running() {
        when(streams.state()).thenReturn(KafkaStreams.State.RUNNING);
    }

    private final EventIndex show = new EventIndex(config("E1", "Show"));

    @Test
    void aPageIsServedAsEncodedForHalfASecondThenEncodedAgain() {
        byte[] encoded = pages.encode(show, EventView.of(show.config(), List.of(), null));

        nanos.addAndGet(Duration.ofMillis(499).toNanos());
        assertThat(pages.fresh(show)).containsSame(encoded);
        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(pages.fresh(show)).isEmpty();
    }

    @Test
    void noPageIsServedWhileTheStateIsNotRunning() {
        pages.encode(show, EventView.of(show.config(), List.of(), null));
        when(streams.state()).thenReturn(KafkaStreams.State.REBALANCING);

        assertThat(pages.fresh(show)).isEmpty();
    }

    @Test
    void aNewConfigIsNeverAnsweredWithThePageOfTheOldOne() {
        pages.encode(show, EventView.of(show.config(), List.of(), null));

        EventIndex renamed = new EventIndex(config("E1", "Show, second night added"));
        assertThat(pages.fresh(renamed)).isEmpty();
    }

    private static EventConfig config(String eventId, String name) {
        return EventConfig.newBuilder()
                .setEventId(eventId)
                .setName(name)
                .setVenue("Hall")
                .setSaleOpensAt(Instant.parse("2026-12-01T10:00:00Z"))
                .setCurrency("EUR")
                .setHoldWindowMinutes(10)
                .setPerBuyerLimit(4)
                .setSections(List.of())
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
    }
}
