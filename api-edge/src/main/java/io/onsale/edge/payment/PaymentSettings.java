package io.onsale.edge.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How payments are made. Defaults live in application.yaml.
 *
 * @param timeout         how long one gateway call may take before it counts as failed
 * @param maxConcurrent   gateway calls in flight at once: a burst beyond it waits in line instead of overloading the gateway
 * @param maxQueued       payments waiting for a slot; beyond it a payment is answered 503 with Retry-After
 * @param sandboxLatency  how long the sandbox gateway takes per call
 * @param sandboxDeclineRate share of sandbox authorizations declined at random (0 … 1); a payment method starting
 *                        with {@code decline} is always declined, so tests and demos can ask for one
 * @param confirmMargin   the least time the hold must still have when the engine is asked to confirm it, so the
 *                        confirm is decided before the expiry punctuator gives the tickets back (default 5 s)
 */
@ConfigurationProperties("onsale.payments")
public record PaymentSettings(
        Duration timeout,
        int maxConcurrent,
        int maxQueued,
        Duration sandboxLatency,
        double sandboxDeclineRate,
        Duration confirmMargin) {

    static final Duration DEFAULT_CONFIRM_MARGIN = Duration.ofSeconds(5);

    public PaymentSettings {
        confirmMargin = confirmMargin == null ? DEFAULT_CONFIRM_MARGIN : confirmMargin;
        if (confirmMargin.isNegative()) {
            throw new IllegalArgumentException("onsale.payments.confirm-margin must not be negative");
        }
        if (maxConcurrent < 1 || maxQueued < 0) {
            throw new IllegalArgumentException(
                    "onsale.payments.max-concurrent must be at least 1 and max-queued at least 0");
        }
        if (sandboxDeclineRate < 0 || sandboxDeclineRate > 1) {
            throw new IllegalArgumentException("onsale.payments.sandbox-decline-rate must be between 0 and 1");
        }
    }

    /**
     * The least hold time a payment needs to start: one gateway call to authorize, then the confirm margin. With
     * less left, the payment is refused before any money is touched instead of being authorized only to be voided.
     */
    public Duration holdTimeNeeded() {
        return timeout.plus(confirmMargin);
    }
}
