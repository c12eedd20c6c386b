package io.onsale.edge.buyer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.onsale.edge.platform.ReservationsStreams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SeatMapsTest {

    private final ReservationsStreams streams = mock(ReservationsStreams.class);
    private final AtomicLong nanos = new AtomicLong();
    private final SeatMaps maps = new SeatMaps(streams, JsonMapper.builder().build(), nanos::get);

    @Test
    void aMapIsServedAgainForATenthOfASecondThenReadAfresh() {
        when(streams.state()).thenReturn(KafkaStreams.State.RUNNING);
        byte[] encoded = maps.encode(new SeatMap("E1", "A", List.of(new SeatMap.SeatView("A-1-1", "1", 1, "HELD"))));

        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("\"seatId\":\"A-1-1\"", "\"status\":\"HELD\"");
        assertThat(maps.fresh("E1", "A")).contains(encoded);
        assertThat(maps.fresh("E1", "B")).isEmpty();

        nanos.addAndGet(SeatMaps.FRESH_FOR.toNanos() + 1);
        assertThat(maps.fresh("E1", "A")).isEmpty();
    }

    @Test
    void noCopyIsServedWhileTheStateIsMoving() {
        when(streams.state()).thenReturn(KafkaStreams.State.REBALANCING);
        maps.encode(new SeatMap("E1", "A", List.of()));

        assertThat(maps.fresh("E1", "A")).isEmpty();
    }
}
