package io.onsale.loadgen.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.EdgeCallException;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.Problem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PayingTest {

    static Order order(String status) {
        return new Order(
                "e:1",
                status,
                "e",
                "buyer-1",
                List.of(new Order.Item("A", "A-1-1", null, 1, 100)),
                null,
                null,
                null,
                null);
    }

    static OrderOutcome refused(String reason) {
        return new OrderOutcome.Refused(409, new Problem(null, null, 409, null, reason, "e:1", List.of(), List.of()));
    }

    static OrderOutcome failed(int status, Duration retryAfter) {
        return new OrderOutcome.Failed(
                status, new Problem(null, null, status, null, null, null, List.of(), List.of()), retryAfter);
    }

    @Test
    void twoHundredConfirmsFourOhTwoDeclinesAndAnExpiredHoldIsRefused() {
        assertThat(Paying.after(new OrderOutcome.Decided(200, order("CONFIRMED")), null, 0))
                .isEqualTo(new Paying.Confirmed(order("CONFIRMED")));
        assertThat(Paying.after(failed(402, Duration.ZERO), null, 0)).isEqualTo(new Paying.Declined());
        assertThat(Paying.after(refused("HOLD_EXPIRED"), null, 0)).isEqualTo(new Paying.Expired());
        assertThat(Paying.after(refused("HOLD_ENDING"), null, 0)).isEqualTo(new Paying.Expired());
        assertThat(Paying.after(refused("CANCELLED"), null, 0)).isEqualTo(new Paying.Refused("CANCELLED"));
    }

    @Test
    void pendingBusyAndInProgressAreAskedAgainWithTheSameKeyUntilTheyRunOut() {
        assertThat(Paying.after(new OrderOutcome.Pending(202, "e:1", null, Duration.ofSeconds(1)), null, 0))
                .isEqualTo(new Paying.AskAgain(Journey.clamp(Duration.ofSeconds(1))));
        assertThat(Paying.after(failed(503, Duration.ofSeconds(2)), null, 0))
                .isEqualTo(new Paying.AskAgain(Journey.clamp(Duration.ofSeconds(2))));
        assertThat(Paying.after(refused("PAYMENT_IN_PROGRESS"), null, 0)).isInstanceOf(Paying.AskAgain.class);
        assertThat(Paying.after(failed(503, Duration.ofSeconds(2)), null, Behaviour.MAX_BUSY_RETRIES))
                .isInstanceOf(Paying.Uncertain.class);
        assertThat(Paying.after(
                        new OrderOutcome.Pending(202, "e:1", null, Duration.ofSeconds(1)),
                        null,
                        Behaviour.MAX_PENDING_RETRIES))
                .isInstanceOf(Paying.Uncertain.class);
    }

    @Test
    void aTimeoutIsAskedAgainAndAnythingElseUnclearIsUncertain() {
        Throwable timeout = new CompletionException(new EdgeCallException(EdgeCallException.Kind.TIMEOUT, "slow"));
        Throwable broken = new CompletionException(new EdgeCallException(EdgeCallException.Kind.IO, "reset"));

        assertThat(Paying.after(null, timeout, 0)).isInstanceOf(Paying.AskAgain.class);
        assertThat(Paying.after(null, broken, 0)).isInstanceOf(Paying.Uncertain.class);
        assertThat(Paying.after(failed(500, Duration.ZERO), null, 0)).isInstanceOf(Paying.Uncertain.class);
        assertThat(Paying.after(new OrderOutcome.Decided(200, order("HELD")), null, 0))
                .isInstanceOf(Paying.Uncertain.class);
    }
}
