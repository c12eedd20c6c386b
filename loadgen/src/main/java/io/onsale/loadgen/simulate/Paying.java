package io.onsale.loadgen.simulate;

import io.onsale.loadgen.client.EdgeCallException;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderOutcome;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * What a paying buyer makes of each answer to {@code POST /api/orders/{id}/payment}, in plain Java: confirmed,
 * declined (the hold stands), refused because the hold ran out, refused for another reason, worth asking again with
 * the same key (202, 503, {@code PAYMENT_IN_PROGRESS}, no answer: the key makes sure it is paid once), or unknown.
 */
final class Paying {

    sealed interface Next permits Confirmed, Declined, Expired, Refused, AskAgain, Uncertain {}

    record Confirmed(Order order) implements Next {}

    record Declined() implements Next {}

    record Expired() implements Next {}

    record Refused(String reason) implements Next {}

    record AskAgain(long afterNanos) implements Next {}

    record Uncertain(String why) implements Next {}

    static final String HOLD_EXPIRED = "HOLD_EXPIRED";
    /** The hold ends too soon for a payment to be authorized and confirmed: as good as expired for this buyer. */
    static final String HOLD_ENDING = "HOLD_ENDING";

    static final String PAYMENT_IN_PROGRESS = "PAYMENT_IN_PROGRESS";
    static final Duration IN_PROGRESS_WAIT = Duration.ofMillis(500);

    private Paying() {}

    /** {@code retries}: how often this payment was asked again already. */
    static Next after(OrderOutcome outcome, Throwable error, int retries) {
        if (error != null) {
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            boolean timeout = cause instanceof EdgeCallException call && call.kind() == EdgeCallException.Kind.TIMEOUT;
            return timeout && retries < Behaviour.MAX_BUSY_RETRIES
                    ? new AskAgain(Journey.clamp(Duration.ofSeconds(1)))
                    : new Uncertain(cause.getMessage());
        }
        if (outcome instanceof OrderOutcome.Decided decided) {
            return Order.CONFIRMED.equals(decided.order().status())
                    ? new Confirmed(decided.order())
                    : new Uncertain(
                            "paid, but the order reads " + decided.order().status());
        }
        if (outcome instanceof OrderOutcome.Pending pending) {
            return retries < Behaviour.MAX_PENDING_RETRIES
                    ? new AskAgain(Journey.clamp(pending.retryAfter()))
                    : new Uncertain("still pending");
        }
        if (outcome instanceof OrderOutcome.Refused refused) {
            if (HOLD_EXPIRED.equals(refused.reason()) || HOLD_ENDING.equals(refused.reason())) {
                return new Expired();
            }
            if (PAYMENT_IN_PROGRESS.equals(refused.reason())) {
                return retries < Behaviour.MAX_PENDING_RETRIES
                        ? new AskAgain(Journey.clamp(IN_PROGRESS_WAIT))
                        : new Uncertain("payment still in progress");
            }
            return new Refused(refused.reason());
        }
        OrderOutcome.Failed failed = (OrderOutcome.Failed) outcome;
        if (failed.status() == 402) {
            return new Declined();
        }
        if ((failed.status() == 503 || failed.status() == 429) && retries < Behaviour.MAX_BUSY_RETRIES) {
            return new AskAgain(Journey.clamp(failed.retryAfter()));
        }
        return new Uncertain("status " + failed.status());
    }
}
