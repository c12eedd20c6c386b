package io.onsale.loadgen.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.Problem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which failed answers prove an order was never taken in, so the audit may accept "no order under that key". */
class TurnedAwayTest {

    private static OrderOutcome.Failed failed(int status, String type) {
        return new OrderOutcome.Failed(
                status, new Problem(type, null, status, null, null, null, List.of(), List.of()), Duration.ofSeconds(1));
    }

    @Test
    void theInFlightBoundAndTheBuyersBucketTurnAnOrderAway() {
        assertThat(Journey.turnedAway(failed(503, "urn:onsale:problem:overloaded")))
                .isTrue();
        assertThat(Journey.turnedAway(failed(429, "urn:onsale:problem:rate-limited")))
                .isTrue();
    }

    @Test
    void anyOtherServerErrorMayHaveBeenPlaced() {
        assertThat(Journey.turnedAway(failed(503, "urn:onsale:problem:store-unavailable")))
                .isFalse();
        assertThat(Journey.turnedAway(failed(503, null))).isFalse();
        assertThat(Journey.turnedAway(failed(500, "urn:onsale:problem:internal-error")))
                .isFalse();
        assertThat(Journey.turnedAway(new OrderOutcome.Failed(502, null, Duration.ZERO)))
                .isFalse();
    }
}
