package io.onsale.edge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.QueueStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** A buyer's calls to an event's waiting room, as the ITs make them through the typed client. */
public final class WaitingRooms {

    private WaitingRooms() {}

    /** Joins, again while the room has not answered (202: the same place); asserts a place (200 or 201) with a ticket. */
    public static QueueStatus join(EdgeApi edge, String event, String buyerToken) {
        AtomicReference<Answer<QueueStatus>> place = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    place.set(EdgeCalls.read(() -> edge.joinQueue(event, buyerToken)));
                    return place.get().status() != 202;
                });
        assertThat(place.get().status()).as("%s", place.get().problem()).isIn(200, 201);
        assertThat(place.get().body().ticket()).isNotBlank();
        return place.get().body();
    }
}
